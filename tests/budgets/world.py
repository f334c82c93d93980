"""The data behind the query budgets: a small world, then grown by units.

``build()`` seeds a small demo network (personas, connections, asks, referrals,
the demo cooperations and circles: the background of the pages outside a
cooperation) and, with the factories and services, anna's own cooperation with
ben – agreement versions, a meeting, a date poll, a decision, an action, a
contribution, an engagement, an invoice, a session, a check-in round – her circle
with a board post and a live session, a cooperation being ended, a block, her ask,
referrals waiting for an answer, a calendar feed and the driver's nudges; the
organisations and resources around the demo's Volkshochschule Kassel (``places``),
the demo's data pool (``pools``) and anna's API keys (a read key for the API).

``grow(world, units)`` adds ``units`` times the same slice around those objects:
new people connected to anna who join her cooperation and circle, write to her,
post asks and trade referrals; meetings with agenda items, decisions and actions;
ten contributions and a correction; engagements and lines; invoices; cooperations;
board posts, replies, gatherings, sessions and ideas; organisation staff, trainings,
sign-ups, resources and bookings (``places``); pool members, audit entries,
demand counts and overlap runs (``pools``); API keys, active and revoked. At one unit the lists are
shorter than a page, at ten longer: a query per row shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import time_machine
from django.utils import timezone

from apps.accounts.models import User
from apps.api import services as api
from apps.api.models import AccessToken, TokenScope
from apps.cocreation import services as cocreation
from apps.cocreation.models import BoardPost, Circle, Session
from apps.contributions.models import Contribution
from apps.contributions.services import Entry, contribution_correct, contribution_log
from apps.cooperations import services as cooperations
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.core.demo.personas import ANNA, BEN, CARLA
from apps.core.demo.seed import DemoSeeder, seed_demo
from apps.finances import services as finances
from apps.finances.models import Engagement
from apps.invoices.models import Invoice
from apps.invoices.services import Draft, Line, invoice_issue
from apps.meetings import services as meetings
from apps.meetings.models import Action, Meeting
from apps.network import services as network
from apps.network.models import Ask, ContactRequest
from apps.referrals.models import Referral, ReferralStatus
from apps.referrals.services import referral_accept
from apps.referrals.tests.conftest import consent_of, offer
from tests.budgets import places, pools
from tests.factories import agree, answers, commit, connect, found, join


@dataclass
class World:
    anna: User
    ben: User
    carla: User
    objects: dict[str, Any] = field(default_factory=dict)
    grown: int = 0  # units added so far

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _in_days(days: int, hour: int = 10) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def build() -> World:
    """The demo network around anna, and anna's own small cooperation and circle.

    The pages inside a cooperation or a circle are measured on fresh ones, built
    with the factories: at one unit their lists are shorter than a page, so a query
    per row shows as a different count at ten units.
    """
    seed_demo(people=12, seed=1)
    anna, ben, carla = (User.objects.get(email=p.email) for p in (ANNA, BEN, CARLA))
    world = World(anna, ben, carla)
    main = found(anna, ben, title="Budgetprobe")
    fit_check = cooperations.fit_check_start(cooperation=main, user=anna)
    cooperations.fit_check_answer(fit_check=fit_check, user=anna, data=answers())
    cooperations.fit_check_answer(fit_check=fit_check, user=ben, data=answers(risk_appetite=4))
    commit(main, {anna: 10, ben: 5}, {anna: 50, ben: 50})
    agree(main, anna, ben, goals="Gemeinsam ein Programm entwickeln.")
    meeting = meetings.meeting_create(
        cooperation=main,
        user=anna,
        title="Jour fixe",
        starts_at=_in_days(1),
        duration_minutes=60,
        place="Köln",
    )
    poll = meetings.date_poll_create(
        cooperation=main,
        user=anna,
        title="Klausur",
        slots=[_in_days(20), _in_days(21)],
        place="Bonn",
    )
    circle = cocreation.circle_create(
        founder=anna, name="Budgetkreis", purpose="Austausch", norms="Vertraulich.", size_limit=50
    )
    request = cocreation.join_request_create(
        circle=circle, user=ben, message="Ich möchte mitmachen.", accept_norms=True
    )
    cocreation.join_request_decide(join_request=request, user=anna, accept=True)
    live = cocreation.session_create(user=anna, question="Was probieren wir aus?", circle=circle)
    cocreation.idea_add(session=live, user=ben, text="Ein offenes Probetraining")
    blocked = User.objects.exclude(pk__in=[anna.pk, ben.pk, carla.pk]).order_by("pk")[1]
    network.block_user(blocker=anna, blocked=blocked)
    to_decline = offer(ben, anna)
    accepted = referral_accept(referral=offer(ben, anna, client_label="Stadtwerke"), user=anna)
    leaving = found(anna, ben, title="Gemeinsamer Messestand")
    exit_process = cooperations.exit_propose(
        cooperation=leaving, user=anna, kind="end", reason="Der Stand lohnt sich nicht."
    )
    world.objects.update(
        main=main,
        meeting=meeting,
        decision=meetings.decision_record(meeting=meeting, user=anna, title="Honorarmodell"),
        action=meetings.action_create(
            cooperation=main,
            user=anna,
            title="Angebot schreiben",
            owner=ben,
            due_on=timezone.localdate() + timedelta(days=7),
            meeting=meeting,
        ),
        poll=poll,
        contribution=contribution_log(
            cooperation=main,
            user=anna,
            entry=Entry(kind="hours", done_on=timezone.localdate(), hours=Decimal("2")),
        ),
        engagement=finances.engagement_create(
            cooperation=main,
            user=anna,
            data=finances.EngagementData(
                title="Führungstraining",
                client="Müller GmbH",
                lead_id=anna.pk,
                starts_on=date(2026, 1, 1),
            ),
        ),
        invoice=_invoice(main, anna, ben, "Führungstraining"),
        version=AgreementVersion.objects.filter(cooperation=main, number=1).get(),
        referral=Referral.objects.filter(receiver=anna).order_by("pk").first(),
        ask=Ask.objects.exclude(author=anna).order_by("pk").first(),
        circle=circle,
        post=cocreation.post_create(
            circle=circle, user=anna, title="Preise 2027", body="Wie kalkulieren Sie?"
        ),
        session=cocreation.session_create(user=anna, question="Welche Kunden?", cooperation=main),
        live=live,
        leaving=leaving,
        exit=exit_process,
        feed=meetings.calendar_feed_create(user=anna),
        check_in=_check_in(main),
        blocked=blocked,
        own_ask=network.ask_create(
            author=anna,
            title="Ko-Moderation gesucht",
            description="Für einen Workshop im März.",
            competences=["Moderation"],
        ),
        to_decline=to_decline,
        to_withdraw=offer(anna, ben, client_name="Doris Demir", consent=consent_of(anna)),
        accepted=accepted,
        stranger=User.objects.exclude(pk__in=[anna.pk, ben.pk, carla.pk]).order_by("pk").last(),
    )
    world.objects.update(places.build(anna, main))
    world.objects.update(pools.build(anna))
    world.objects.update(_tokens(anna))
    for name, value in world.objects.items():
        assert value is not None, f"the dataset has no {name}"
    _nudges()
    return world


def _tokens(anna: User) -> dict[str, Any]:
    """anna's read key the API operations are asked with (its secret), and a key to revoke."""
    read = api.token_create(user=anna, name="Budget lesen", scope=TokenScope.READ)
    spare = api.token_create(user=anna, name="Budget Ersatz", scope=TokenScope.READ_WRITE)
    return {"api_secret": read.secret, "api_token": spare.token}


def _invoice(main: Cooperation, issuer: User, recipient: User, title: str) -> Invoice:
    return invoice_issue(
        cooperation=main,
        issuer=issuer,
        draft=Draft(
            recipient,
            title,
            date(2026, 1, 1),
            date(2026, 1, 31),
            [Line(f"Leistung {title}", Decimal("2"), "HUR", Decimal("90.00"))],
            issue_date=date(2026, 2, 1),
        ),
    )


def latest_entry(contribution: Contribution) -> Contribution:
    """The current version of an entry (the end of its chain of corrections)."""
    while (newer := Contribution.objects.filter(supersedes=contribution).first()) is not None:
        contribution = newer
    return contribution


def sizes(world: World) -> dict[str, int]:
    """How much there is around the pages' objects (the test checks that it grew)."""
    main = world.main
    return {
        "people": User.objects.count(),
        "members": main.memberships.count(),
        "meetings": Meeting.objects.filter(cooperation=main).count(),
        "agenda items": world.meeting.agenda_items.count(),
        "actions": Action.objects.filter(cooperation=main).count(),
        "contributions": Contribution.objects.filter(cooperation=main).count(),
        "engagements": Engagement.objects.filter(cooperation=main).count(),
        "invoices": Invoice.objects.filter(cooperation=main).count(),
        "referrals": Referral.objects.count(),
        "asks": Ask.objects.count(),
        "contact requests": ContactRequest.objects.filter(recipient=world.anna).count(),
        "cooperations": Cooperation.objects.filter(created_by=world.anna).count(),
        "circle members": world.circle.memberships.count(),
        "sessions": Session.objects.filter(circle=world.circle).count(),
        "ideas": world.live.ideas.count(),
        **places.sizes(world),
        **pools.sizes(world),
        "anna's API keys": AccessToken.objects.filter(user=world.anna).count(),
    }


def _check_in(cooperation: Cooperation) -> Any:
    """The first check-in round of the running cooperation (due 90 days after agreeing)."""
    from apps.checkins.models import CheckIn
    from apps.checkins.services import checkins_open_due

    with time_machine.travel(timezone.now() + timedelta(days=100), tick=False):
        checkins_open_due()
    return CheckIn.objects.filter(cooperation=cooperation).first()


def _nudges() -> None:
    """The driver's nudges for the data as it is (a week on: some things are overdue)."""
    from apps.driver.services import driver_run

    driver_run(now=timezone.now() + timedelta(days=8))


def grow(world: World, units: int) -> None:
    """Add ``units`` slices of data around every page's objects."""
    anna, ben, main = world.anna, world.ben, world.main
    before = set(User.objects.values_list("pk", flat=True))
    DemoSeeder(people=3 * units, seed=100 + world.grown).seed_people(with_personas=False)
    newcomers = list(User.objects.exclude(pk__in=before).order_by("pk"))
    members, circlers, writers = newcomers[0::3], newcomers[1::3], newcomers[2::3]
    for person in newcomers:
        connect(anna, person)
    for person in members:
        join(main, anna, person)
        join(world.leaving, anna, person)
    for person in circlers:
        request = cocreation.join_request_create(
            circle=world.circle, user=person, message="Ich möchte mitmachen.", accept_norms=True
        )
        cocreation.join_request_decide(join_request=request, user=anna, accept=True)
    ContactRequest.objects.bulk_create(
        ContactRequest(sender=person, recipient=anna, purpose=f"Anliegen von {person.name}")
        for person in writers
    )
    Ask.objects.bulk_create(
        Ask(
            author=person,
            title=f"Gesuch {person.pk}",
            description="Wer moderiert mit?",
            competences=["Moderation"],
            search_text=Ask.build_search_text(f"Gesuch {person.pk}", ["Moderation"]),
        )
        for person in writers
    )
    _referrals(anna, newcomers)
    for unit in range(units):
        number = world.grown + unit
        _meetings(world, number, members[unit % len(members)])
        _money(world, number)
        _circle(world, number, circlers[unit % len(circlers)])
        found(anna, ben, title=f"Kooperation {number}")
    _contributions(world, [anna, ben, *members], units)
    places.grow(world, units, newcomers, members)
    pools.grow(world, units)
    for unit in range(units):  # a revoked and a second active key per unit
        name = f"Skript {world.grown + unit}"
        api.token_create(user=anna, name=name, scope=TokenScope.READ)
        revoked = api.token_create(user=anna, name=f"Alt {name}", scope=TokenScope.READ_WRITE)
        api.token_revoke(token=revoked.token, user=anna)
    world.grown += units
    _nudges()


def _referrals(anna: User, people: list[User]) -> None:
    statuses = list(ReferralStatus.values)
    rows = []
    for n, other in enumerate(people):
        status = statuses[n % len(statuses)]
        giver, receiver = (anna, other) if n % 2 else (other, anna)
        rows.append(
            Referral(
                giver=giver,
                receiver=receiver,
                client_label=f"Kunde {other.pk}",
                need="Teamentwicklung",
                status=status,
                status_changed_at=timezone.now(),
                won_value=Decimal("100.00") if status == ReferralStatus.WON else None,
            )
        )
    Referral.objects.bulk_create(rows)


def _meetings(world: World, number: int, member: User) -> None:
    anna, main = world.anna, world.main
    for days in (number + 2, -(number + 2)):
        meeting = meetings.meeting_create(
            cooperation=main,
            user=anna,
            title=f"Besprechung {days}",
            starts_at=_in_days(days),
            duration_minutes=60,
            place="Köln",
        )
        meetings.agenda_item_add(meeting=meeting, user=anna, title=f"Punkt {days}")
        draft = meetings.decision_record(meeting=meeting, user=anna, title=f"Beschluss {days}")
        meetings.decision_confirm(decision=draft, user=anna)
    for owner in (anna, member):
        meetings.action_create(
            cooperation=main,
            user=anna,
            title=f"Aufgabe {number}",
            owner=owner,
            due_on=timezone.localdate() + timedelta(days=7),
            meeting=world.meeting,
        )
    meetings.agenda_item_add(meeting=world.meeting, user=member, title=f"Frage {number}")
    meetings.date_poll_answer(
        poll=world.poll, user=member, answers={slot.pk: "yes" for slot in world.poll.slots.all()}
    )


def _contributions(world: World, members: list[User], units: int) -> None:
    """Ten entries per unit in the ledger, one correction per unit of anna's entry."""
    today = timezone.localdate()
    Contribution.objects.bulk_create(
        Contribution(
            cooperation=world.main,
            member=members[n % len(members)],
            kind="hours",
            done_on=today - timedelta(days=n % 90),
            hours=Decimal("1.5"),
            description=f"Vorbereitung {n}",
        )
        for n in range(10 * units)
    )
    for step in range(units):
        contribution_correct(
            contribution=latest_entry(world.contribution),
            user=world.anna,
            entry=Entry(
                kind="hours",
                done_on=today,
                hours=Decimal(world.grown + step + 1),
                description=f"Korrigiert {world.grown + step}",
            ),
            reason=f"Korrektur {world.grown + step}",
        )


def _money(world: World, number: int) -> None:
    anna, ben, main = world.anna, world.ben, world.main
    data = finances.EngagementData(
        title=f"Workshop {number}",
        client="Müller GmbH",
        lead_id=anna.pk,
        starts_on=date(2026, 1, 1),
    )
    finances.engagement_create(cooperation=main, user=anna, data=data)
    for kind in ("revenue", "cost"):
        finances.line_add(
            engagement=world.engagement,
            user=anna,
            kind=kind,
            member_id=anna.pk,
            amount=Decimal("120.00"),
            booked_on=date(2026, 2, 1),
            description=f"Posten {number}",
        )
    for issuer, recipient in ((anna, ben), (ben, anna)):
        _invoice(main, issuer, recipient, f"Auftrag {number}")


def _circle(world: World, number: int, member: User) -> None:
    circle: Circle = world.circle
    anna = world.anna
    cocreation.post_create(circle=circle, user=member, title=f"Frage {number}", body="Ideen?")
    post: BoardPost = world.post
    cocreation.reply_create(post=post, user=member, body=f"Antwort {number}")
    starts = _in_days(number + 3, hour=17)
    cocreation.gathering_create(
        circle=circle,
        user=anna,
        title=f"Treffen {number}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Köln",
    )
    cocreation.session_create(user=anna, question=f"Frage {number}?", circle=circle)
    cocreation.idea_add(session=world.live, user=member, text=f"Idee {number}")
    cocreation.idea_add(session=world.live, user=anna, text=f"Gegenidee {number}")
