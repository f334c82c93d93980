"""Reads of a cooperation's money, in a constant number of queries whatever the number
of lines, months or transfers. Views first call ``cooperation_for_member`` (404 for
outsiders); everything here looks only inside the cooperation it is given.

``money_of`` loads everything the overview needs once and hands it to the pure core
(``apps.finances.settle``): each engagement's revenue and costs are split by its keys
(a pilot's result by its loss key), each shared cost's months by the shared cost's
key; what each member collected and paid is their cash; confirmed transfers count.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from apps.cooperations.models import Cooperation, Membership
from apps.finances import keys as key_rules
from apps.finances.models import (
    Engagement,
    EngagementLine,
    KeyProposal,
    KeyPurpose,
    LineKind,
    Settlement,
    SharedCost,
    Transfer,
)
from apps.finances.settle import Cash, Figures, Payment, Split, balances, months_between, split

ZERO = Decimal("0.00")


@dataclass
class EngagementMoney:
    engagement: Engagement
    revenue: Decimal
    costs: Decimal
    keys: dict[str, key_rules.ResolvedKey]

    @property
    def result(self) -> Decimal:
        return self.revenue - self.costs

    @property
    def budget(self) -> Decimal | None:
        loss = self.keys[KeyPurpose.LOSS].proposal
        return loss.risk_budget if loss is not None else None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.costs > self.budget

    def splits(self) -> list[Split]:
        if self.engagement.is_pilot:
            return [Split(self.result, self.keys[KeyPurpose.LOSS].key)]
        return [
            Split(self.revenue, self.keys[KeyPurpose.REVENUE].key),
            Split(-self.costs, self.keys[KeyPurpose.COST].key),
        ]

    def shares(self) -> dict[int, Decimal]:
        """Each member's part of this engagement's net result."""
        parts: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for item in self.splits():
            if item.amount:
                for member_id, part in split(item.amount, item.key).items():
                    parts[member_id] += part
        return dict(parts)


@dataclass
class SharedCostMoney:
    shared_cost: SharedCost
    months: int
    key: key_rules.ResolvedKey

    @property
    def total(self) -> Decimal:
        return self.shared_cost.monthly_amount * self.months


@dataclass
class MemberRow:
    user_id: int
    name: str
    is_current: bool
    figures: Figures
    pilot_result: Decimal = ZERO


@dataclass
class Money:
    cooperation: Cooperation
    members: list[MemberRow]
    engagements: list[EngagementMoney]
    shared_costs: list[SharedCostMoney]
    names: dict[int, str] = field(default_factory=dict)

    @property
    def balances(self) -> dict[int, Decimal]:
        return {row.user_id: row.figures.balance for row in self.members}

    @property
    def settled(self) -> bool:
        return not any(self.balances.values())

    @property
    def pilots(self) -> list[EngagementMoney]:
        return [e for e in self.engagements if e.engagement.is_pilot]


def engagements_of(*, cooperation: Cooperation) -> QuerySet[Engagement]:
    """The engagements with their revenue and costs summed (one query)."""
    return (
        Engagement.objects.filter(cooperation=cooperation)
        .select_related("lead")
        .annotate(
            revenue_total=Sum("lines__amount", filter=Q(lines__kind=LineKind.REVENUE)),
            cost_total=Sum("lines__amount", filter=Q(lines__kind=LineKind.COST)),
        )
        .order_by("-starts_on", "-pk")
    )


def engagement_in(*, cooperation: Cooperation, pk: int) -> Engagement:
    engagement = engagements_of(cooperation=cooperation).filter(pk=pk).first()
    if engagement is None:
        raise Http404
    return engagement


def _cents(value: Decimal | None) -> Decimal:
    return (value or ZERO).quantize(ZERO)


def _this_month() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month


def shared_cost_months(shared_cost: SharedCost) -> int:
    """The months so far: from the first month to the last one or this month."""
    end = _this_month()
    if shared_cost.ends_on is not None:
        end = min(end, (shared_cost.ends_on.year, shared_cost.ends_on.month))
    return months_between((shared_cost.starts_on.year, shared_cost.starts_on.month), end)


def shared_costs_of(*, cooperation: Cooperation) -> QuerySet[SharedCost]:
    return (
        SharedCost.objects.filter(cooperation=cooperation)
        .select_related("payer")
        .prefetch_related("shares")
    )


def _engagement_money(
    engagements: list[Engagement], defaults: key_rules.Defaults
) -> list[EngagementMoney]:
    effective = key_rules.effective_proposals([e.pk for e in engagements])
    return [
        EngagementMoney(
            engagement=e,
            revenue=_cents(e.revenue_total),  # type: ignore[attr-defined]
            costs=_cents(e.cost_total),  # type: ignore[attr-defined]
            keys=key_rules.engagement_keys(e, defaults, effective.get(e.pk, {})),
        )
        for e in engagements
    ]


def engagement_money(*, engagement: Engagement) -> EngagementMoney:
    """One engagement's figures and keys (for its page)."""
    if not hasattr(engagement, "revenue_total"):
        engagement = engagement_in(cooperation=engagement.cooperation, pk=engagement.pk)
    hours_since = key_rules.hours_needed_since(engagement.cooperation, [engagement])
    defaults = key_rules.defaults_for(engagement.cooperation, hours_since=hours_since)
    return _engagement_money([engagement], defaults)[0]


def _cash(cooperation: Cooperation) -> list[Cash]:
    rows = (
        EngagementLine.objects.filter(engagement__cooperation=cooperation)
        .order_by()
        .values("member_id", "kind")
        .annotate(total=Sum("amount"))
    )
    return [
        Cash(
            row["member_id"],
            received=_cents(row["total"]) if row["kind"] == LineKind.REVENUE else ZERO,
            paid=_cents(row["total"]) if row["kind"] == LineKind.COST else ZERO,
        )
        for row in rows
    ]


def confirmed_payments(cooperation: Cooperation) -> list[Payment]:
    rows = Transfer.objects.filter(
        settlement__cooperation=cooperation, receipt__isnull=False
    ).values_list("payer_id", "receiver_id", "amount")
    return [Payment(payer, receiver, amount) for payer, receiver, amount in rows]


def money_of(*, cooperation: Cooperation) -> Money:
    """Every member's figures, the engagements and the shared costs of a cooperation."""
    memberships = list(
        Membership.objects.filter(cooperation=cooperation)
        .select_related("user")
        .order_by("left_at", "created_at", "pk")
    )
    engagements = list(engagements_of(cooperation=cooperation))
    hours_since = key_rules.hours_needed_since(cooperation, engagements)
    defaults = key_rules.defaults_for(cooperation, hours_since=hours_since)
    engagement_money_list = _engagement_money(engagements, defaults)
    shared = [
        SharedCostMoney(s, shared_cost_months(s), key_rules.shared_cost_key(s, defaults))
        for s in shared_costs_of(cooperation=cooperation)
    ]
    splits = [item for e in engagement_money_list for item in e.splits()]
    splits += [Split(-s.total, s.key.key) for s in shared]
    cash = _cash(cooperation) + [Cash(s.shared_cost.payer_id, paid=s.total) for s in shared]
    member_ids = [m.user_id for m in memberships]
    figures = balances(
        member_ids, splits=splits, cash=cash, payments=confirmed_payments(cooperation)
    )
    pilot_results: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for pilot in (e for e in engagement_money_list if e.engagement.is_pilot):
        for member_id, part in pilot.shares().items():
            pilot_results[member_id] += part
    names = {m.user_id: str(m.user) for m in memberships}
    current = {m.user_id for m in memberships if m.is_current}
    rows = [
        MemberRow(
            user_id=user_id,
            name=names.get(user_id, "–"),
            is_current=user_id in current,
            figures=figure,
            pilot_result=pilot_results[user_id],
        )
        for user_id, figure in figures.items()
    ]
    return Money(cooperation, rows, engagement_money_list, shared, names)


# Settlements ----------------------------------------------------------------------


def settlements_of(*, cooperation: Cooperation) -> QuerySet[Settlement]:
    """Newest first, with transfers, their people and receipts (three queries)."""
    return (
        Settlement.objects.filter(cooperation=cooperation)
        .select_related("proposed_by")
        .prefetch_related("transfers__payer", "transfers__receiver", "transfers__receipt")
    )


def latest_settlement(*, cooperation: Cooperation) -> Settlement | None:
    return settlements_of(cooperation=cooperation).first()


def open_transfers(*, cooperation: Cooperation) -> QuerySet[Transfer]:
    """The unconfirmed transfers of the latest settlement (older ones are replaced)."""
    latest = Settlement.objects.filter(cooperation=cooperation).order_by("-created_at", "-pk")
    return Transfer.objects.filter(
        settlement_id__in=latest.values("pk")[:1], receipt__isnull=True
    ).select_related("payer", "receiver")


def transfer_in(*, cooperation: Cooperation, pk: int) -> Transfer:
    transfer = (
        Transfer.objects.filter(settlement__cooperation=cooperation, pk=pk)
        .select_related("settlement", "payer", "receiver")
        .first()
    )
    if transfer is None:
        raise Http404
    return transfer


def line_in(*, engagement: Engagement, pk: int) -> EngagementLine:
    line = engagement.lines.filter(pk=pk).first()
    if line is None:
        raise Http404
    line.engagement = engagement
    return line


def lines_of(*, engagement: Engagement) -> QuerySet[EngagementLine]:
    """Every line in booking order, with who reversed what (for the page)."""
    return engagement.lines.select_related("member", "reverses", "reversed_by").order_by(
        "booked_on", "pk"
    )


def proposals_of(*, engagement: Engagement) -> list[KeyProposal]:
    return list(
        engagement.key_proposals.select_related("proposed_by")
        .prefetch_related("shares__user", "consents__user")
        .order_by("-created_at", "-pk")
    )


def proposal_in(*, engagement: Engagement, pk: int) -> KeyProposal:
    proposal = engagement.key_proposals.filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal
