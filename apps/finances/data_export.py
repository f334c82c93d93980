"""The finances' part of a person's data export: the lines they collected or paid,
the keys they consented to, the transfers they sent or received."""

from typing import Any

from django.db.models import Q

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.finances.models import EngagementLine, KeyConsent, Transfer


@data_export_section("finances")
def finances(user: User) -> dict[str, Any]:
    lines = EngagementLine.objects.filter(member=user).select_related("engagement__cooperation")
    consents = KeyConsent.objects.filter(user=user).select_related("proposal__engagement")
    transfers = (
        Transfer.objects.filter(Q(payer=user) | Q(receiver=user))
        .select_related("settlement__cooperation", "payer", "receiver", "receipt")
        .order_by("pk")
    )
    return {
        "lines": [
            {
                "cooperation": line.engagement.cooperation.title,
                "engagement": line.engagement.title,
                "kind": line.kind,
                "amount": str(line.amount),
                "booked_on": iso(line.booked_on),
                "description": line.description,
                "reverses_line": line.reverses_id,
                "reason": line.reason,
            }
            for line in lines.order_by("pk")
        ],
        "key_consents": [
            {
                "engagement": c.proposal.engagement.title,
                "purpose": c.proposal.purpose,
                "kind": c.proposal.kind,
                "at": iso(c.created_at),
            }
            for c in consents.order_by("pk")
        ],
        "transfers": [
            {
                "cooperation": t.settlement.cooperation.title,
                "payer": str(t.payer),
                "receiver": str(t.receiver),
                "amount": str(t.amount),
                "proposed_at": iso(t.settlement.created_at),
                "confirmed_at": iso(t.receipt.created_at) if hasattr(t, "receipt") else None,
            }
            for t in transfers
        ],
    }
