"""The data pool's part of a person's data export (see ``apps.base.data_export``):
what the person did in data pools as the log records it — acceptances, overlap
counts started or answered, reported statistics. Customer data is never stored."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.datapool.models import AuditEntry


@data_export_section("datapool")
def datapool(user: User) -> list[dict[str, Any]]:
    entries = (
        AuditEntry.objects.filter(user=user)
        .select_related("pool", "organisation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "pool": e.pool.name,
            "organisation": e.organisation.name if e.organisation else None,
            "kind": e.kind,
            "kind_label": e.get_kind_display(),
            "detail": e.detail,
            "at": iso(e.created_at),
        }
        for e in entries
    ]
