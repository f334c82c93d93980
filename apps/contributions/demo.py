"""Demo contributions for ``seed_demo``: four months of the personas' cooperation
"Führung im Mittelstand", written through the services.

Anna logs her hours every week; Ben keeps pace for the first month and then logs
almost nothing – one partner silently doing all the work – so the balance shows a
Rückstand and the driver's imbalance rule nudges both. There is money, a valued
and an unvalued resource, referrals, a correction and a removal, so every part of
the ledger has something to show.

The demo network is seeded in one moment, but a ledger needs a past: the
cooperation's start (membership, agreement in force) is moved back to before the
first entry – a state the product reaches by itself as time passes.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.contributions.services import (
    Entry,
    contribution_correct,
    contribution_log,
    contribution_remove,
)
from apps.cooperations.models import AgreementVersion, Cooperation, Membership

TITLE = "Führung im Mittelstand"
DAYS = 120
BEN_STOPS = 95  # days before today: from then on Ben logs (almost) nothing

ANNA_TOPICS = [
    "Akquise Familienunternehmen",
    "Konzept Modul 2",
    "Teilnehmerunterlagen",
    "Vorgespräch IHK",
]
BEN_TOPICS = ["Online-Modul", "Übungen Konfliktgespräche", "Abstimmung Co-Moderation"]


def _backdate(cooperation: Cooperation, days: int) -> None:
    start = timezone.now() - timedelta(days=days)
    Cooperation.objects.filter(pk=cooperation.pk).update(created_at=start)
    Membership.objects.filter(cooperation=cooperation).update(created_at=start)
    first = cooperation.agreement_versions.accepted().order_by("number").first()
    if first is not None:
        AgreementVersion.objects.filter(pk=first.pk).update(in_force_at=start)


def _quarter_hours(low: int, high: int, rng: random.Random) -> Decimal:
    return Decimal(rng.randint(low * 4, high * 4)) / 4


def seed_contributions(users: list[User], rng: random.Random) -> int:
    """Log the demo ledger of anna (``users[0]``) and ben (``users[1]``); returns the rows."""
    anna, ben = users[:2]
    cooperation = (
        Cooperation.objects.of_member(anna).filter(title=TITLE, memberships__user=ben).first()
    )
    if cooperation is None or Contribution.objects.filter(cooperation=cooperation).exists():
        return 0
    _backdate(cooperation, DAYS + 5)
    today = timezone.localdate()

    def log(user: User, days_ago: int, **values: object) -> Contribution:
        entry = Entry(done_on=today - timedelta(days=days_ago), **values)  # type: ignore[arg-type]
        return contribution_log(cooperation=cooperation, user=user, entry=entry)

    for week in range(DAYS // 7):
        days_ago = DAYS - week * 7 - rng.randint(0, 3)
        log(
            anna,
            days_ago,
            kind="hours",
            hours=_quarter_hours(2, 5, rng),
            description=rng.choice(ANNA_TOPICS),
        )
        if days_ago > BEN_STOPS:
            log(
                ben,
                days_ago - 1,
                kind="hours",
                hours=_quarter_hours(1, 3, rng),
                description=rng.choice(BEN_TOPICS),
            )
    log(anna, 65, kind="money", amount=Decimal("149.00"), description="Anzeige im IHK-Magazin")
    log(
        ben,
        80,
        kind="resource",
        amount=Decimal("250.00"),
        description="Seminarraum in Köln-Ehrenfeld, zwei Tage",
    )
    log(anna, 60, kind="resource", description="Moderationskoffer")
    log(
        anna,
        30,
        kind="referral",
        count=2,
        description="Zwei Anfragen aus dem Unternehmerinnen-Netzwerk",
    )
    log(ben, 20, kind="referral", count=1, description="Personalleiterin eines Maschinenbauers")
    typo = log(ben, 12, kind="hours", hours=Decimal("25"), description="Online-Modul: Videos")
    contribution_correct(
        contribution=typo,
        user=ben,
        entry=Entry(
            kind="hours",
            done_on=typo.done_on,
            hours=Decimal("2.5"),
            description="Online-Modul: Videos",
        ),
        reason="Komma vergessen: 2,5 statt 25 Stunden",
    )
    twice = log(
        anna, 8, kind="money", amount=Decimal("149.00"), description="Anzeige im IHK-Magazin"
    )
    contribution_remove(contribution=twice, user=anna, reason="Doppelt eingetragen")
    return Contribution.objects.filter(cooperation=cooperation).count()
