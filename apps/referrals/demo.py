"""Demo referrals for ``seed_demo``: the personas give and take, a few others do too.

Written through the services (so only reachable states exist), then moved back in
time, so the lists, the 12-month balance and both driver rules have something to show:
Anna has a referral from Ben waiting for more than 14 days, and she has taken three
from one colleague without giving back. Carla, the outsider, stays out.
"""

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from apps.accounts.models import User
from apps.network.models import Connection
from apps.referrals import services
from apps.referrals.models import Referral, ReferralEvent

MAX_OTHER_REFERRALS = 30

# Which service moves a referral one step on, from the receiver's side.
PATHS = {
    "offered": [],
    "accepted": ["accept"],
    "declined": ["decline"],
    "contacted": ["accept", "contacted"],
    "won": ["accept", "contacted", "won"],
    "lost": ["accept", "lost"],
}

# giver, receiver, status, client, need, expected €, won €, shared, days ago, with contact
PERSONA_REFERRALS = [
    (
        "anna", "ben", "won", "Klinikverbund im Rheinland, Pflegeleitung",
        "Outdoor-Teamtag für 14 Stationsleitungen, Schwerpunkt Vertrauen im Team",
        3200, 2850, True, 75, True,
    ),
    (
        "ben", "anna", "contacted", "Maschinenbau-Familienunternehmen, 120 Beschäftigte",
        "Kommunikationstraining für Meister und Schichtleitungen im Herbst",
        5400, None, False, 24, False,
    ),
    (
        "ben", "anna", "offered", "Stadtwerke, Personalentwicklung",
        "Workshop „Schwierige Gespräche führen“ für neue Teamleitungen",
        2400, None, False, 20, True,
    ),
    (
        "anna", "o0", "accepted", "Volkshochschule, Programmbereich Beruf",
        "Zweitägiges Seminar zu Resilienz für Beschäftigte in der Pflege",
        1800, None, False, 9, False,
    ),
    (
        "o0", "anna", "won", "Landesverband einer Wohlfahrtsorganisation",
        "Moderation einer Klausur des Vorstands",
        2000, 2200, False, 120, False,
    ),
    (
        "o1", "anna", "offered", "IT-Mittelständler, Geschäftsführung",
        "Präsentationstraining für das Vertriebsteam vor einer Messe",
        1500, None, False, 2, True,
    ),
    (
        "anna", "o1", "lost", "Handwerkskammer, Weiterbildung",
        "Kurs „Kundengespräche im Handwerk“ als Blended-Learning-Angebot",
        3000, None, False, 160, False,
    ),
    (
        "o2", "anna", "accepted", "Bildungswerk einer Gewerkschaft",
        "Rhetorik-Seminar für Betriebsräte",
        1200, None, False, 40, False,
    ),
    (
        "o2", "anna", "won", "Kommunalverwaltung, Ordnungsamt",
        "Deeskalationstraining für Beschäftigte mit Publikumsverkehr",
        2600, 2400, True, 90, False,
    ),
    (
        "o2", "anna", "declined", "Start-up im Gesundheitswesen",
        "Pitch-Training für die Gründerinnen",
        800, None, False, 30, False,
    ),
    (
        "o2", "anna", "contacted", "Hochschule, Career Service",
        "Workshopreihe Bewerbungsgespräche für Studierende",
        1400, None, False, 12, False,
    ),
]  # fmt: skip

OTHER_NEEDS = [
    ("Mittelständischer Logistiker", "Teamentwicklung nach einer Fusion zweier Standorte"),
    ("Kreisverwaltung", "Moderation einer Bürgerversammlung zum Radverkehr"),
    ("Pflegeschule", "Lernbegleitung für Auszubildende im ersten Jahr"),
    ("Familienunternehmen im Handel", "Nachfolgeplanung mit der Gründergeneration"),
    ("Soziale Einrichtung", "Supervision für ein Team der Jugendhilfe"),
    ("Stiftung", "Konzept für ein Mentoring-Programm"),
]


def _connect(a: User, b: User) -> None:
    low, high = Connection.ordered_ids(a.pk, b.pk)
    Connection.objects.get_or_create(user_low_id=low, user_high_id=high)


def _give(
    giver: User,
    receiver: User,
    status: str,
    *,
    client: str,
    need: str,
    expected: int | None,
    won: int | None,
    shared: bool,
    with_contact: bool,
    days_ago: int,
) -> Referral:
    _connect(giver, receiver)
    contact: dict[str, Any] = {}
    if with_contact:
        contact = {
            "client_name": "Dr. Petra Sommer",
            "client_email": "p.sommer@kunde.example",
            "client_phone": "0221 555 01 23",
            "consent": services.ClientConsent(
                given_by="Dr. Petra Sommer",
                given_on=timezone.localdate() - timedelta(days=days_ago + 1),
                text=services.consent_text_for(giver=giver),
            ),
        }
    referral = services.referral_offer(
        giver=giver,
        receiver=receiver,
        client_label=client,
        need=need,
        expected_value=Decimal(expected) if expected is not None else None,
        **contact,
    )
    steps = {
        "accept": services.referral_accept,
        "decline": services.referral_decline,
        "contacted": services.referral_mark_contacted,
        "lost": services.referral_mark_lost,
    }
    for step in PATHS[status]:
        if step == "won":
            services.referral_mark_won(
                referral=referral, user=receiver, value=Decimal(won or 0), share_value=shared
            )
        else:
            steps[step](referral=referral, user=receiver)
    _move_back(referral, days_ago)
    return referral


def _move_back(referral: Referral, days_ago: int) -> None:
    """Spread the history over the days since the referral was given."""
    now = timezone.now()
    start = now - timedelta(days=days_ago)
    events = list(referral.events.order_by("pk"))
    # Each later step a few days after the one before, the last one at most today.
    step = timedelta(days=min(5, days_ago // max(len(events), 1)))
    for index, event in enumerate(events):
        ReferralEvent.objects.filter(pk=event.pk).update(created_at=start + index * step)
    last = start + (len(events) - 1) * step
    Referral.objects.filter(pk=referral.pk).update(
        created_at=start, status_changed_at=last, updated_at=last
    )


def seed_referrals(users: list[User], rng: random.Random) -> None:
    anna, ben = users[:2]
    others = users[3:]
    if len(others) < 3:
        return
    people = {"anna": anna, "ben": ben, "o0": others[0], "o1": others[1], "o2": others[2]}
    for (
        giver_key,
        receiver_key,
        status,
        client,
        need,
        expected,
        won,
        shared,
        days,
        contact,
    ) in PERSONA_REFERRALS:
        _give(
            people[giver_key],
            people[receiver_key],
            status,
            client=client,
            need=need,
            expected=expected,
            won=won,
            shared=shared,
            with_contact=contact,
            days_ago=days,
        )
    # A few more among the other people, along connections they already have.
    pairs = list(
        Connection.objects.filter(user_low__in=others[3:], user_high__in=others[3:]).values_list(
            "user_low_id", "user_high_id"
        )
    )
    by_id = {user.pk: user for user in others}
    count = min(len(pairs), len(others) // 40, MAX_OTHER_REFERRALS)
    for low, high in rng.sample(sorted(pairs), k=count):
        giver, receiver = (
            (by_id[low], by_id[high]) if rng.random() < 0.5 else (by_id[high], by_id[low])
        )
        status = rng.choice(list(PATHS))
        client, need = rng.choice(OTHER_NEEDS)
        expected = rng.choice([800, 1500, 2500, 4000])
        _give(
            giver,
            receiver,
            status,
            client=client,
            need=need,
            expected=expected,
            won=expected + rng.choice([-300, 0, 500]) if status == "won" else None,
            shared=rng.random() < 0.6,
            with_contact=False,
            days_ago=rng.randint(1, 300),
        )
