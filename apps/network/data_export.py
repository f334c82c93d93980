"""The network's part of a person's data export (see ``apps.base.data_export``):
connections and the contact requests sent and received."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.network.models import Connection, ContactRequest


def _request_data(request: ContactRequest, other: User) -> dict[str, Any]:
    return {
        "with": str(other),
        "purpose": request.purpose,
        "status": request.status,
        "status_label": request.get_status_display(),
        "sent_at": iso(request.created_at),
        "responded_at": iso(request.responded_at),
    }


@data_export_section("network")
def network(user: User) -> dict[str, Any]:
    connections = (
        Connection.objects.involving(user)
        .select_related("user_low", "user_high")
        .order_by("created_at", "pk")
    )
    sent = ContactRequest.objects.filter(sender=user).select_related("recipient")
    received = ContactRequest.objects.filter(recipient=user).select_related("sender")
    return {
        "connections": [
            {
                "with": str(c.user_high if c.user_low_id == user.pk else c.user_low),
                "since": iso(c.created_at),
            }
            for c in connections
        ],
        "contact_requests_sent": [
            _request_data(r, r.recipient) for r in sent.order_by("created_at", "pk")
        ],
        "contact_requests_received": [
            _request_data(r, r.sender) for r in received.order_by("created_at", "pk")
        ],
    }
