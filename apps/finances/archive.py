"""The finances' part of a cooperation's archive: engagements with lines and keys,
shared costs, settlements with transfers and receipts. Constant number of queries."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from apps.cooperations.archive import ArchivePart, archive_section, iso
from apps.cooperations.models import Cooperation
from apps.finances.models import Engagement, KeyProposal, Settlement, SharedCost


def _engagement(e: Engagement) -> dict[str, Any]:
    return {
        "id": e.pk,
        "title": e.title,
        "client": e.client,
        "lead_id": e.lead_id,
        "status": e.status,
        "is_pilot": e.is_pilot,
        "starts_on": iso(e.starts_on),
        "ends_on": iso(e.ends_on),
        "lines": [
            {
                "id": line.pk,
                "kind": line.kind,
                "member_id": line.member_id,
                "amount": str(line.amount),
                "booked_on": iso(line.booked_on),
                "description": line.description,
                "reverses_line": line.reverses_id,
                "reason": line.reason,
                "recorded_at": iso(line.created_at),
            }
            for line in e.lines.all()
        ],
    }


def _proposal(p: KeyProposal) -> dict[str, Any]:
    return {
        "engagement_id": p.engagement_id,
        "purpose": p.purpose,
        "kind": p.kind,
        "risk_budget": None if p.risk_budget is None else str(p.risk_budget),
        "proposed_by_id": p.proposed_by_id,
        "proposed_at": iso(p.created_at),
        "effective_at": iso(p.effective_at),
        "shares": [
            {"member_id": s.user_id, "value": str(s.value), "fixed": str(s.fixed)}
            for s in p.shares.all()
        ],
        "consents": [{"member_id": c.user_id, "at": iso(c.created_at)} for c in p.consents.all()],
    }


def _settlement(s: Settlement) -> dict[str, Any]:
    return {
        "id": s.pk,
        "proposed_at": iso(s.created_at),
        "proposed_by_id": s.proposed_by_id,
        "balances": s.balances,
        "transfers": [
            {
                "payer_id": t.payer_id,
                "receiver_id": t.receiver_id,
                "amount": str(t.amount),
                "confirmed_at": iso(t.receipt.created_at) if hasattr(t, "receipt") else None,
            }
            for t in s.transfers.all()
        ],
    }


@archive_section(
    "finances",
    description=_("Aufträge mit Posten und Schlüsseln, laufende Kosten und Ausgleiche"),
)
def finances_section(cooperation: Cooperation) -> ArchivePart:
    engagements = Engagement.objects.filter(cooperation=cooperation).prefetch_related("lines")
    proposals = KeyProposal.objects.filter(engagement__cooperation=cooperation).prefetch_related(
        "shares", "consents"
    )
    shared = SharedCost.objects.filter(cooperation=cooperation).prefetch_related("shares")
    settlements = Settlement.objects.filter(cooperation=cooperation).prefetch_related(
        "transfers__receipt"
    )
    return ArchivePart(
        data={
            "engagements": [_engagement(e) for e in engagements],
            "key_proposals": [_proposal(p) for p in proposals],
            "shared_costs": [
                {
                    "title": s.title,
                    "monthly_amount": str(s.monthly_amount),
                    "payer_id": s.payer_id,
                    "starts_on": iso(s.starts_on),
                    "ends_on": iso(s.ends_on),
                    "kind": s.kind,
                    "shares": {str(x.user_id): str(x.value) for x in s.shares.all()},
                }
                for s in shared
            ],
            "settlements": [_settlement(s) for s in settlements],
        }
    )
