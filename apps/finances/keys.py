"""Which split key applies to an engagement, read from the database in bulk.

* The **default** comes from the agreement in force: ``Commitment.revenue_share`` for
  revenue, ``cost_share`` for costs (and for a pilot's result until a loss key is
  agreed). Without an agreement in force the current members share equally.
* An **override** is the latest :class:`KeyProposal` of the purpose that every
  current member consented to (``effective_at`` set).
* A key **by hours** weighs each member with the hours they logged in the
  contributions ledger over the engagement's period (start to end, or today); when
  nobody logged hours, the members share equally.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.contributions.selectors import hours_per_day
from apps.cooperations.models import Commitment, Cooperation, Membership, VersionStatus
from apps.finances.models import (
    Engagement,
    KeyKind,
    KeyProposal,
    KeyPurpose,
    KeyShare,
    SharedCost,
)
from apps.finances.settle import Key

ZERO = Decimal(0)


@dataclass(frozen=True)
class ResolvedKey:
    key: Key
    label: str
    proposal: KeyProposal | None = None


@dataclass
class Defaults:
    """What one cooperation's keys are built from: loaded once per page."""

    current_ids: list[int]
    revenue: dict[int, Decimal]
    cost: dict[int, Decimal]
    hours: dict[int, dict[date, Decimal]]
    has_agreement: bool

    def agreement_key(self, purpose: str) -> ResolvedKey:
        shares = self.revenue if purpose == KeyPurpose.REVENUE else self.cost
        if not self.has_agreement or not any(shares.values()):
            return ResolvedKey(
                Key(weights=dict.fromkeys(self.current_ids, Decimal(1))),
                _("zu gleichen Teilen (keine Vereinbarung in Kraft)"),
            )
        return ResolvedKey(Key(weights=dict(shares)), _("Schlüssel der Vereinbarung"))

    def hours_between(self, member_ids: list[int], since: date, until: date) -> dict[int, Decimal]:
        return {
            member_id: sum(
                (h for day, h in self.hours.get(member_id, {}).items() if since <= day <= until),
                ZERO,
            )
            for member_id in member_ids
        }


def defaults_for(cooperation: Cooperation, *, hours_since: date | None) -> Defaults:
    """The agreement's shares and, when a key by hours needs them, the logged hours."""
    current_ids = list(
        Membership.objects.current()
        .filter(cooperation=cooperation)
        .order_by("created_at", "pk")
        .values_list("user_id", flat=True)
    )
    rows = list(
        Commitment.objects.filter(
            version__cooperation=cooperation, version__status=VersionStatus.IN_FORCE
        )
        .order_by("pk")
        .values_list("user_id", "revenue_share", "cost_share")
    )
    hours: dict[int, dict[date, Decimal]] = defaultdict(dict)
    if hours_since is not None:
        hours.update(
            hours_per_day(
                cooperation_id=cooperation.pk, since=hours_since, until=timezone.localdate()
            )
        )
    return Defaults(
        current_ids=current_ids,
        revenue={user_id: revenue for user_id, revenue, _cost in rows},
        cost={user_id: cost for user_id, _revenue, cost in rows},
        hours=hours,
        has_agreement=bool(rows),
    )


def proposal_key(
    proposal: KeyProposal, defaults: Defaults, *, since: date, until: date | None
) -> Key:
    """The key a proposal describes (its ``share_rows`` loaded by ``effective_proposals``)."""
    rows: list[tuple[int, Decimal, Decimal]] | None = getattr(proposal, "share_rows", None)
    if rows is None:
        rows = [(share.user_id, share.value, share.fixed) for share in proposal.shares.all()]
    member_ids = [user_id for user_id, _value, _fixed in rows]
    if proposal.kind == KeyKind.HOURS:
        return Key(weights=defaults.hours_between(member_ids, since, until or timezone.localdate()))
    weights = {user_id: value for user_id, value, _fixed in rows}
    fixed = {user_id: amount for user_id, _value, amount in rows if amount}
    return Key(weights=weights, fixed=fixed if proposal.kind == KeyKind.FIXED else {})


def proposal_label(proposal: KeyProposal) -> str:
    return _("abweichender Schlüssel: %(kind)s") % {"kind": proposal.get_kind_display()}


def engagement_keys(
    engagement: Engagement, defaults: Defaults, effective: dict[str, KeyProposal]
) -> dict[str, ResolvedKey]:
    """Revenue, cost and (for a pilot) loss key of one engagement."""
    keys: dict[str, ResolvedKey] = {}
    for purpose in (KeyPurpose.REVENUE, KeyPurpose.COST):
        proposal = effective.get(purpose)
        if proposal is None:
            keys[purpose] = defaults.agreement_key(purpose)
        else:
            key = proposal_key(
                proposal, defaults, since=engagement.starts_on, until=engagement.ends_on
            )
            keys[purpose] = ResolvedKey(key, proposal_label(proposal), proposal)
    loss = effective.get(KeyPurpose.LOSS)
    if loss is not None:
        key = proposal_key(loss, defaults, since=engagement.starts_on, until=engagement.ends_on)
        keys[KeyPurpose.LOSS] = ResolvedKey(key, proposal_label(loss), loss)
    else:
        keys[KeyPurpose.LOSS] = ResolvedKey(
            keys[KeyPurpose.COST].key, _("Kostenschlüssel (noch kein Verlustschlüssel vereinbart)")
        )
    return keys


def effective_proposals(engagement_ids: list[int]) -> dict[int, dict[str, KeyProposal]]:
    """The latest effective proposal per engagement and purpose, with their shares as
    plain rows (``share_rows``: a large cooperation has many; no model instances)."""
    found: dict[int, dict[str, KeyProposal]] = defaultdict(dict)
    proposals = KeyProposal.objects.filter(
        engagement_id__in=engagement_ids, effective_at__isnull=False
    ).order_by("effective_at", "pk")
    for proposal in proposals:
        found[proposal.engagement_id][proposal.purpose] = proposal  # later ones win
    chosen = {p.pk: p for by_purpose in found.values() for p in by_purpose.values()}
    rows: dict[int, list[tuple[int, Decimal, Decimal]]] = defaultdict(list)
    shares = KeyShare.objects.filter(proposal_id__in=list(chosen)).order_by("pk")
    for proposal_id, user_id, value, fixed in shares.values_list(
        "proposal_id", "user_id", "value", "fixed"
    ):
        rows[proposal_id].append((user_id, value, fixed))
    for pk, proposal in chosen.items():
        proposal.share_rows = rows[pk]  # type: ignore[attr-defined]
    return found


def hours_needed_since(cooperation: Cooperation, engagements: list[Engagement]) -> date | None:
    """The earliest start of an engagement with a key by hours (None: no hours needed)."""
    starts = {e.pk: e.starts_on for e in engagements}
    rows = KeyProposal.objects.filter(
        engagement_id__in=list(starts), effective_at__isnull=False, kind=KeyKind.HOURS
    ).values_list("engagement_id", flat=True)
    dates = [starts[pk] for pk in rows]
    return min(dates) if dates else None


def shared_cost_key(shared_cost: SharedCost, defaults: Defaults) -> ResolvedKey:
    shares = {share.user_id: share.value for share in shared_cost.shares.all()}
    if not any(shares.values()):
        return defaults.agreement_key(KeyPurpose.COST)
    return ResolvedKey(Key(weights=shares), shared_cost.get_kind_display())
