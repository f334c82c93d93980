"""The contributions' part of a person's data export (see ``apps.base.data_export``):
every ledger entry the person logged, corrections included."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.contributions.models import Contribution


def _measure(value: object) -> str | None:
    return None if value is None else str(value)


@data_export_section("contributions")
def contributions(user: User) -> list[dict[str, Any]]:
    entries = (
        Contribution.objects.filter(member=user)
        .select_related("cooperation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": e.pk,
            "cooperation": e.cooperation.title,
            "kind": e.kind,
            "kind_label": e.get_kind_display(),
            "done_on": iso(e.done_on),
            "hours": _measure(e.hours),
            "amount": _measure(e.amount),
            "count": e.count,
            "description": e.description,
            "note": e.note,
            "logged_at": iso(e.created_at),
            "supersedes_id": e.supersedes_id,
            "reason": e.reason,
            "removed": e.removed,
        }
        for e in entries
    ]
