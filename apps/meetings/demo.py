"""Demo meetings for ``seed_demo``: what Anna and Ben's cooperation "Führung im
Mittelstand" has talked about, decided and taken on. Written through the services,
so the demo holds only states the product itself can reach."""

from datetime import datetime, timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import Action

PROTOCOL = """## Ergebnisse

- Das Programm hat **drei Module** à zwei Tage: Rolle, Gespräche, Veränderung.
- Ben skizziert ein Online-Modul zur Vorbereitung.
- Anna spricht die Stadtwerke Leipzig an.

## Offene Fragen

1. Mindestgröße der Gruppen?
2. Zertifikat ja oder nein?
"""


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def seed_meetings(cooperation: Cooperation, anna: User, ben: User) -> None:
    """Two past meetings with protocol, decisions (one superseded) and actions (one
    overdue, one done), the next meeting with its agenda, and a running date poll."""
    kickoff = services.meeting_create(
        cooperation=cooperation,
        user=anna,
        title="Auftakt Führungsprogramm",
        starts_at=_at(-21, 10),
        duration_minutes=120,
        place="Büro Anna Schmidt, Leipzig",
    )
    for title in ("Zielgruppe und Nutzen", "Module und Ablauf", "Preise"):
        services.agenda_item_add(meeting=kickoff, user=anna, title=title)
    services.protocol_save(meeting=kickoff, user=ben, protocol=PROTOCOL, revision=0)
    price = services.decision_confirm(
        decision=services.decision_record(
            meeting=kickoff,
            user=anna,
            title="Tagessatz 1.200 € je Trainerin oder Trainer",
            text="Gilt für alle Präsenztage; Online-Module rechnen wir halbtags ab.",
        ),
        user=ben,
    )
    services.decision_confirm(
        decision=services.decision_record(
            meeting=kickoff,
            user=ben,
            title="Zielgruppe: Familienunternehmen mit 50 bis 250 Beschäftigten",
        ),
        user=anna,
    )
    review = services.meeting_create(
        cooperation=cooperation,
        user=ben,
        title="Jour fixe",
        starts_at=_at(-7, 9),
        duration_minutes=60,
        video_url="https://meet.example.org/fuehrung-im-mittelstand",
    )
    services.agenda_item_add(meeting=review, user=ben, title="Rückmeldung der Stadtwerke")
    services.decision_confirm(
        decision=services.decision_record(
            meeting=review,
            user=ben,
            title="Tagessatz 1.300 € ab dem nächsten Jahr",
            text="Die Stadtwerke zahlen noch den alten Satz.",
            supersedes=price,
        ),
        user=anna,
    )
    services.decision_record(meeting=review, user=ben, title="Zertifikat über die IHK prüfen")
    offer = services.action_create(
        cooperation=cooperation,
        user=anna,
        meeting=kickoff,
        title="Angebot für die Stadtwerke Leipzig schreiben",
        owner=anna,
        due_on=timezone.localdate(),
    )
    # Time has passed since the kick-off: the offer is overdue now.
    Action.objects.filter(pk=offer.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    services.action_create(
        cooperation=cooperation,
        user=anna,
        meeting=review,
        title="Online-Modul skizzieren",
        owner=ben,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    flyer = services.action_create(
        cooperation=cooperation,
        user=ben,
        meeting=kickoff,
        title="Flyer-Entwurf abstimmen",
        owner=ben,
        due_on=timezone.localdate(),
    )
    services.action_complete(action=flyer, user=ben)
    upcoming = services.meeting_create(
        cooperation=cooperation,
        user=anna,
        title="Jour fixe",
        starts_at=_at(6, 9),
        duration_minutes=60,
        video_url="https://meet.example.org/fuehrung-im-mittelstand",
    )
    for person, title in ((anna, "Angebot Stadtwerke: Stand"), (ben, "Online-Modul: Entwurf")):
        services.agenda_item_add(meeting=upcoming, user=person, title=title)
    poll = services.date_poll_create(
        cooperation=cooperation,
        user=ben,
        title="Strategietag",
        slots=[_at(days, 9) for days in (20, 22, 27)],
        duration_minutes=360,
        place="Seminarraum Köln-Ehrenfeld",
    )
    slots = list(poll.slots.all())
    services.date_poll_answer(
        poll=poll, user=ben, answers={slots[0].pk: "yes", slots[1].pk: "maybe", slots[2].pk: "yes"}
    )
