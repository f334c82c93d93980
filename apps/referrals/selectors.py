"""Reads of referrals: partners, access-checked fetches, ranking, reciprocity, export.

Selectors that take a user-supplied id raise ``Http404`` unless the user is the giver
or the receiver, so a foreign referral and a missing one look the same.
"""

import calendar
import dataclasses
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import reduce
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.network.models import Connection
from apps.referrals.models import (
    COUNTED_STATUSES,
    OPEN_STATUSES,
    Referral,
    ReferralEvent,
    ReferralQuerySet,
    ReferralStatus,
)

RECIPROCITY_MONTHS = 12


def months_before(moment: datetime, months: int) -> datetime:
    """The same time ``months`` calendar months earlier (31 March − 1 month = 28/29 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


# Who may receive a referral ----------------------------------------------------------


def _connections(user: User) -> Q:
    """The user's connections (subqueries: no rows are fetched here)."""
    return Q(pk__in=Connection.objects.filter(user_high=user).values("user_low_id")) | Q(
        pk__in=Connection.objects.filter(user_low=user).values("user_high_id")
    )


# Sources of people one may give a referral to, each a condition on User. Cooperation
# partners (and circle members) join later by appending a function of the same shape.
PARTNER_SOURCES: list[Callable[[User], Q]] = [_connections]


def _partner_condition(user: User) -> Q:
    return reduce(operator.or_, (source(user) for source in PARTNER_SOURCES))


def referral_partners_for(user: User) -> QuerySet[User]:
    """The people ``user`` may give a referral to, by name: active connections for now."""
    return (
        User.objects.filter(_partner_condition(user), is_active=True)
        .exclude(pk=user.pk)
        .select_related("profile")
        .order_by("name", "pk")
    )


def is_referral_partner(*, user: User, other: User) -> bool:
    return referral_partners_for(user).filter(pk=other.pk).exists()


def referral_partner(*, user: User, pk: int) -> User:
    partner = referral_partners_for(user).filter(pk=pk).first()
    if partner is None:
        raise Http404
    return partner


# Referrals of a user ------------------------------------------------------------------


def referral_for_participant(*, user: User, pk: int) -> Referral:
    """The referral if ``user`` gave or received it; 404 for everyone else."""
    referral = (
        Referral.objects.involving(user)
        .filter(pk=pk)
        .select_related("giver__profile", "receiver__profile")
        .first()
    )
    if referral is None:
        raise Http404
    return referral


def referrals_given(*, user: User, status: str = "") -> ReferralQuerySet:
    referrals = Referral.objects.filter(giver=user).select_related("receiver__profile")
    return referrals.filter(status=status) if status else referrals


def referrals_received(*, user: User, status: str = "") -> ReferralQuerySet:
    referrals = Referral.objects.filter(receiver=user).select_related("giver__profile")
    return referrals.filter(status=status) if status else referrals


def open_received_count(*, user: User) -> int:
    return Referral.objects.open().filter(receiver=user).count()


def referral_history(*, referral: Referral) -> list[ReferralEvent]:
    return list(referral.events.select_related("actor").order_by("created_at", "pk"))


# Ask for a referral: who in my network can help my client ----------------------------


@dataclass
class PartnerMatch:
    user: User
    score: float
    reason: str


def rank_partners_for_need(*, user: User, text: str, k: int = 10) -> list[PartnerMatch]:
    """The user's referral partners ranked by the matching engine for a client's need.

    The same engine search (and reason text) that matches asks, over an index of the
    user's partners only. Partners are already in contact, so a profile hidden from
    search still counts here.
    """
    from apps.matching.engine import MatchIndex
    from apps.matching.explain import explanation
    from apps.matching.index_store import profile_data

    if not text.strip():
        return []
    partners = {str(p.pk): p for p in referral_partners_for(user).filter(profile__isnull=False)}
    if not partners:
        return []
    index = MatchIndex.build(
        dataclasses.replace(profile_data(p.profile), visible=True) for p in partners.values()
    )
    return [
        PartnerMatch(partners[s.profile_id], s.score, explanation(s))
        for s in index.search(text, k=k)
    ]


# Reciprocity --------------------------------------------------------------------------


@dataclass
class Flow:
    """Referrals in one direction: how many, how many won, the value the receivers shared."""

    count: int = 0
    won: int = 0
    value: Decimal = Decimal("0.00")

    def add(self, status: str, won_value: Decimal | None, shared: bool) -> None:
        self.count += 1
        if status == ReferralStatus.WON:
            self.won += 1
            if shared and won_value is not None:
                self.value += won_value


@dataclass
class Balance:
    """Given and received, seen from one person; ``other`` is None for the person's total."""

    other: User | None
    given: Flow = field(default_factory=Flow)
    received: Flow = field(default_factory=Flow)

    @property
    def volume(self) -> int:
        return self.given.count + self.received.count


@dataclass
class Reciprocity:
    since: datetime
    total: Balance
    pairs: list[Balance]


def reciprocity_since(now: datetime | None = None) -> datetime:
    return months_before(now or timezone.now(), RECIPROCITY_MONTHS)


def reciprocity_for(*, user: User, now: datetime | None = None) -> Reciprocity:
    """Given vs. received over the last 12 months, in total and per person.

    Counted: referrals offered in the window that were not declined or withdrawn. Value:
    won referrals whose receiver shared the value (the giver's "closed business"). Sums
    are taken in Python over Decimals, so they are exact on SQLite too. Two queries,
    whatever the number of referrals.
    """
    since = reciprocity_since(now)
    rows = (
        Referral.objects.involving(user)
        .filter(created_at__gte=since, status__in=COUNTED_STATUSES)
        .values_list("giver_id", "receiver_id", "status", "won_value", "value_shared")
    )
    total = Balance(other=None)
    by_other: dict[int, Balance] = {}
    for giver_id, receiver_id, status, won_value, shared in rows:
        if giver_id == user.pk:
            pair = by_other.setdefault(receiver_id, Balance(other=None))
            pair.given.add(status, won_value, shared)
            total.given.add(status, won_value, shared)
        else:
            pair = by_other.setdefault(giver_id, Balance(other=None))
            pair.received.add(status, won_value, shared)
            total.received.add(status, won_value, shared)
    people = User.objects.in_bulk(list(by_other))
    for other_id, pair in by_other.items():
        pair.other = people[other_id]
    pairs = sorted(
        by_other.values(),
        key=lambda b: (-b.volume, -(b.given.value + b.received.value), str(b.other), b.other.pk),  # type: ignore[union-attr]
    )
    return Reciprocity(since=since, total=total, pairs=pairs)


def pair_balance(*, user: User, other: User, now: datetime | None = None) -> Balance:
    """The figures between two people, seen from ``user`` (shown only to the two)."""
    since = reciprocity_since(now)
    rows = (
        Referral.objects.filter(
            Q(giver=user, receiver=other) | Q(giver=other, receiver=user),
            created_at__gte=since,
            status__in=COUNTED_STATUSES,
        )
    ).values_list("giver_id", "status", "won_value", "value_shared")
    balance = Balance(other=other)
    for giver_id, status, won_value, shared in rows:
        flow = balance.given if giver_id == user.pk else balance.received
        flow.add(status, won_value, shared)
    return balance


# The two driver rules read these (apps/referrals/rules.py) ------------------------------

STALE_DAYS = 14
IMBALANCE_MIN_RECEIVED = 3
IMBALANCE_RATIO = 3


def referrals_awaiting_update(
    *, now: datetime | None = None, days: int = STALE_DAYS
) -> list[tuple[Referral, User]]:
    """Open referrals without a status change for ``days``, with the person who must act.

    One query, whatever the number of referrals.
    """
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = (
        Referral.objects.filter(status__in=OPEN_STATUSES, status_changed_at__lte=cutoff)
        .select_related("giver", "receiver")
        .order_by("status_changed_at", "pk")
    )
    return [(referral, referral.party_to_act()) for referral in stale]


@dataclass(frozen=True)
class Imbalance:
    """``taker`` received ``received`` referrals from ``giver`` and gave ``given`` back."""

    taker: User
    giver: User
    received: int
    given: int


def one_sided_balances(
    *,
    now: datetime | None = None,
    min_received: int = IMBALANCE_MIN_RECEIVED,
    ratio: int = IMBALANCE_RATIO,
) -> list[Imbalance]:
    """Pairs where one person took at least ``min_received`` referrals from the other
    and gave back ``1/ratio`` of that or less, over the last 12 months (counted like the
    reciprocity page). Two queries, whatever the number of referrals.
    """
    since = reciprocity_since(now)
    counts = {
        (row["giver_id"], row["receiver_id"]): row["n"]
        for row in Referral.objects.filter(created_at__gte=since, status__in=COUNTED_STATUSES)
        .values("giver_id", "receiver_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    found: list[tuple[int, int, int, int]] = []
    for (giver_id, taker_id), received in counts.items():
        given = counts.get((taker_id, giver_id), 0)
        if received >= min_received and given * ratio <= received:
            found.append((taker_id, giver_id, received, given))
    people = User.objects.in_bulk({pk for row in found for pk in row[:2]})
    return [
        Imbalance(people[taker], people[giver], received, given)
        for taker, giver, received, given in sorted(found)
    ]


# Export -------------------------------------------------------------------------------


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _export_one(referral: Referral, user: User) -> dict[str, Any]:
    role = referral.role_of(user)
    item: dict[str, Any] = {
        "id": referral.pk,
        "role": role,
        "giver": str(referral.giver),
        "receiver": str(referral.receiver),
        "client_label": referral.client_label,
        "need": referral.need,
        "expected_value_eur": _money(referral.expected_value),
        "status": referral.status,
        "status_label": str(referral.get_status_display()),
        "created_at": referral.created_at.isoformat(),
        "status_changed_at": referral.status_changed_at.isoformat(),
        "won_value_eur": _money(referral.won_value) if referral.value_visible_to(user) else None,
        "value_shared": referral.value_shared,
        "thank_you_note": referral.thank_you_note,
        "client_data_erased_at": (
            referral.client_data_erased_at.isoformat() if referral.client_data_erased_at else None
        ),
        "client": None,
        "consent": None,
    }
    if referral.contact_data_visible_to(user) and referral.has_contact_data:
        item["client"] = {
            "name": referral.client_name,
            "email": referral.client_email,
            "phone": referral.client_phone,
        }
    if referral.consented_on and (role == "giver" or item["client"]):
        item["consent"] = {
            "given_by": referral.consent_given_by,
            "given_on": referral.consented_on.isoformat(),
            "text": referral.consent_text,
        }
    item["history"] = [
        {
            "action": event.action,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "at": event.created_at.isoformat(),
            "by": str(event.actor) if event.actor else None,
        }
        for event in referral.events.all()
    ]
    return item


def referrals_export_for(user: User) -> dict[str, list[dict[str, Any]]]:
    """Every referral the user gave or received, as JSON-ready data (for data exports).

    Shows exactly what the user may see on the pages: the receiver's value only when
    shared, the client's contact data only to the giver and, once accepted, the receiver.
    """
    referrals = (
        Referral.objects.involving(user)
        .select_related("giver", "receiver")
        .prefetch_related(
            Prefetch("events", queryset=ReferralEvent.objects.select_related("actor"))
        )
        .order_by("created_at", "pk")
    )
    export: dict[str, list[dict[str, Any]]] = {"given": [], "received": []}
    for referral in referrals:
        item = _export_one(referral, user)
        export["given" if item["role"] == "giver" else "received"].append(item)
    return export
