"""Reads of the contributions ledger and the balance per member.

Access: every view first calls ``cooperation_for_member`` (404 for outsiders); the
selectors here look only inside the cooperation they are given.

The balance (:func:`balance_for`) compares what each member delivered over a window
with what the agreement in force commits them to:

* **Hours** – a member's commitment is ``hours_per_month × bound days / 30`` where
  the bound days are the days of the window from the later of joining and the first
  agreement coming into force, up to leaving. The commitments of the version in
  force apply to the whole window. Committed and delivered shares compare each
  member with everyone's total.
* **Money and resources** – the split key ``cost_share`` of the agreement is read
  as each member's expected share of everything paid in: money plus the stated
  value of resources (a seminar room or a licence carries costs just like cash).
  ``money_expected`` is that share of the window's total, in cents that add up.
* **Referrals** are counted, without a target: the agreement sets none.

Only the latest row of a correction chain counts, and removed entries count nothing.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from apps.contributions import balance
from apps.contributions.models import Contribution, ContributionKind
from apps.cooperations.models import (
    AgreementVersion,
    Commitment,
    Cooperation,
    Membership,
    VersionStatus,
)
from apps.cooperations.selectors import as_seen
from apps.driver.rules import driver_setting

ZERO = Decimal(0)
WINDOW_CHOICES = (30, 90, 180, 365)

CooperationIds = QuerySet[Any, Any] | list[int] | tuple[int, ...]


# Ledger -----------------------------------------------------------------------


def ledger(
    *, cooperation: Cooperation, member_id: int | None = None, kind: str | None = None
) -> QuerySet[Contribution]:
    """The current version of every entry, newest first (removed ones marked, not hidden)."""
    entries = as_seen(Contribution.objects.filter(cooperation=cooperation).current(), cooperation)
    if member_id is not None:
        entries = entries.filter(member_id=member_id)
    if kind:
        entries = entries.filter(kind=kind)
    return entries.select_related("member").order_by("-done_on", "-pk")


def contribution_in(*, cooperation: Cooperation, pk: int) -> Contribution:
    """Any version of an entry of this cooperation; 404 for everything else."""
    contribution = (
        as_seen(Contribution.objects.filter(cooperation=cooperation, pk=pk), cooperation)
        .select_related("member", "cooperation")
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


def history(*, contribution: Contribution) -> list[Contribution]:
    """Every version of the entry, the original first, the one that counts last."""
    chain_id = contribution.chain_id
    return list(
        Contribution.objects.filter(Q(pk=chain_id) | Q(original_id=chain_id))
        .select_related("member")
        .order_by("pk")
    )


# Window -----------------------------------------------------------------------


def default_window_days() -> int:
    return int(driver_setting("imbalance_window_days"))


def window_choices() -> list[int]:
    return sorted({*WINDOW_CHOICES, default_window_days()})


def window(days: int, *, today: date | None = None) -> tuple[date, date]:
    """The ``days`` days up to and including today (Europe/Berlin)."""
    until = today or timezone.localdate()
    return until - timedelta(days=days - 1), until


# Balance ----------------------------------------------------------------------


@dataclass
class MemberBalance:
    """One member's figures over a window. Percentages have one decimal; money is EUR."""

    user_id: int
    name: str
    is_current: bool
    hours_per_month: Decimal  # from the agreement in force, 0 without one
    bound_days: int
    committed_hours: Decimal
    delivered_hours: Decimal
    committed_share: Decimal
    delivered_share: Decimal
    money: Decimal
    resource_value: Decimal
    resources: int
    referrals: int
    cost_share: Decimal  # the expected share of money and resources (split key)
    money_share: Decimal  # the delivered share of money and resources
    money_expected: Decimal

    @property
    def hours_difference(self) -> Decimal:
        """Delivered minus committed hours: above 0 an Überhang, below 0 a Rückstand."""
        return self.delivered_hours - self.committed_hours

    @property
    def surplus_hours(self) -> Decimal:
        return max(self.hours_difference, ZERO)

    @property
    def shortfall_hours(self) -> Decimal:
        return max(-self.hours_difference, ZERO)

    @property
    def share_gap(self) -> Decimal:
        """Delivered minus committed share in percentage points (below 0: behind)."""
        return self.delivered_share - self.committed_share

    @property
    def paid_in(self) -> Decimal:
        return self.money + self.resource_value

    @property
    def money_difference(self) -> Decimal:
        return self.paid_in - self.money_expected


@dataclass
class _Member:
    user_id: int
    name: str
    joined: date
    left: date | None
    hours_per_month: Decimal = ZERO
    cost_share: Decimal = ZERO
    hours: Decimal = ZERO
    money: Decimal = ZERO
    resource_value: Decimal = ZERO
    resources: int = 0
    referrals: int = 0

    @property
    def delivered_anything(self) -> bool:
        return bool(
            self.hours or self.money or self.resource_value or self.resources or self.referrals
        )


def _local_date(moment: datetime) -> date:
    return timezone.localdate(moment)


def _members(ids: CooperationIds) -> dict[int, dict[int, _Member]]:
    rows = (
        Membership.objects.filter(cooperation_id__in=ids)
        .order_by("created_at", "pk")
        .values_list(
            "cooperation_id", "user_id", "user__name", "user__email", "created_at", "left_at"
        )
    )
    members: dict[int, dict[int, _Member]] = defaultdict(dict)
    for cooperation_id, user_id, name, email, created_at, left_at in rows:
        members[cooperation_id][user_id] = _Member(
            user_id=user_id,
            name=name or email,
            joined=_local_date(created_at),
            left=_local_date(left_at) if left_at else None,
        )
    return members


def _agreement_starts(ids: CooperationIds) -> dict[int, date]:
    """The day each cooperation's first agreement came into force."""
    rows = (
        AgreementVersion.objects.accepted()
        .filter(cooperation_id__in=ids, in_force_at__isnull=False)
        .order_by()
        .values("cooperation_id")
        .annotate(start=Min("in_force_at"))
        .values_list("cooperation_id", "start")
    )
    return {cooperation_id: _local_date(start) for cooperation_id, start in rows}


def _add_commitments(ids: CooperationIds, members: dict[int, dict[int, _Member]]) -> None:
    rows = Commitment.objects.filter(
        version__status=VersionStatus.IN_FORCE, version__cooperation_id__in=ids
    ).values_list("version__cooperation_id", "user_id", "hours_per_month", "cost_share")
    for cooperation_id, user_id, hours, cost_share in rows:
        member = members.get(cooperation_id, {}).get(user_id)
        if member is not None:
            member.hours_per_month = hours
            member.cost_share = cost_share


def _add_delivered(
    ids: CooperationIds, members: dict[int, dict[int, _Member]], since: date, until: date
) -> None:
    kind = ContributionKind
    rows = (
        Contribution.objects.counting()
        .between(since, until)
        .filter(cooperation_id__in=ids)
        .order_by()
        .values("cooperation_id", "member_id")
        .annotate(
            hours=Sum("hours", filter=Q(kind=kind.HOURS)),
            money=Sum("amount", filter=Q(kind=kind.MONEY)),
            resource_value=Sum("amount", filter=Q(kind=kind.RESOURCE)),
            resources=Count("pk", filter=Q(kind=kind.RESOURCE)),
            referrals=Sum("count", filter=Q(kind=kind.REFERRAL)),
        )
    )
    for row in rows:
        member = members.get(row["cooperation_id"], {}).get(row["member_id"])
        if member is None:  # an entry without membership cannot be written; be safe
            continue
        # Sums come back with the database's precision (SQLite: 15 digits): cents again.
        member.hours = (row["hours"] or ZERO).quantize(balance.CENT)
        member.money = (row["money"] or ZERO).quantize(balance.CENT)
        member.resource_value = (row["resource_value"] or ZERO).quantize(balance.CENT)
        member.resources = row["resources"] or 0
        member.referrals = row["referrals"] or 0


def _balance(
    members: list[_Member], agreement_start: date | None, since: date, until: date
) -> list[MemberBalance]:
    committed: list[tuple[_Member, int, Decimal]] = []
    # Current members first, in the order they joined; then former ones.
    for member in sorted(members, key=lambda m: m.left is not None):
        starts = max(member.joined, agreement_start) if agreement_start else None
        days = balance.bound_days(since, until, starts=starts, ends=member.left)
        hours = balance.committed_hours(member.hours_per_month, days)
        if member.left is None or member.delivered_anything or hours:
            committed.append((member, days, hours))
    hour_shares = balance.shares([(m.user_id, hours, m.hours) for m, _d, hours in committed])
    paid_in = [m.money + m.resource_value for m, _d, _h in committed]
    money_shares = balance.percent_shares(paid_in)
    total_cents = int(sum(paid_in, ZERO) * 100)
    expected_cents = balance.largest_remainder(
        [m.cost_share for m, _d, _h in committed], total=total_cents
    )
    return [
        MemberBalance(
            user_id=member.user_id,
            name=member.name,
            is_current=member.left is None,
            hours_per_month=member.hours_per_month,
            bound_days=days,
            committed_hours=hours,
            delivered_hours=member.hours,
            committed_share=share.committed_share,
            delivered_share=share.delivered_share,
            money=member.money,
            resource_value=member.resource_value,
            resources=member.resources,
            referrals=member.referrals,
            cost_share=member.cost_share,
            money_share=money_shares[index],
            money_expected=(Decimal(expected_cents[index]) / 100).quantize(balance.CENT),
        )
        for index, ((member, days, hours), share) in enumerate(
            zip(committed, hour_shares, strict=True)
        )
    ]


def balances(
    cooperation_ids: CooperationIds, *, since: date, until: date
) -> dict[int, list[MemberBalance]]:
    """The balance of many cooperations at once, in four queries whatever their number.

    ``cooperation_ids`` may be a list or a queryset of ids (used as a subquery).
    """
    members = _members(cooperation_ids)
    _add_commitments(cooperation_ids, members)
    _add_delivered(cooperation_ids, members, since, until)
    starts = _agreement_starts(cooperation_ids)
    return {
        cooperation_id: _balance(list(people.values()), starts.get(cooperation_id), since, until)
        for cooperation_id, people in members.items()
    }


def balance_for(cooperation_id: int, *, since: date, until: date) -> list[MemberBalance]:
    """Each member's balance over ``since..until`` (both included): current members,
    then former ones who delivered or were committed in the window.

    Hour shares and money shares each add up to exactly 100,0 % (or are all 0 when
    nothing was delivered). See the module docstring for the rules.
    """
    return balances([cooperation_id], since=since, until=until).get(cooperation_id, [])


def hours_per_day(
    *, cooperation_id: int, since: date, until: date
) -> dict[int, dict[date, Decimal]]:
    """Delivered hours per member and day in the window (for the course chart)."""
    rows = (
        Contribution.objects.counting()
        .between(since, until)
        .filter(cooperation_id=cooperation_id, kind=ContributionKind.HOURS)
        .order_by()
        .values("member_id", "done_on")
        .annotate(total=Sum("hours"))
        .values_list("member_id", "done_on", "total")
    )
    per_member: dict[int, dict[date, Decimal]] = defaultdict(dict)
    for member_id, day, total in rows:
        per_member[member_id][day] = total.quantize(balance.CENT)
    return per_member


def has_agreement(*, cooperation: Cooperation) -> bool:
    return cooperation.agreement_versions.filter(status=VersionStatus.IN_FORCE).exists()
