"""The contributions' part of a cooperation's archive: the whole ledger, corrections
and removals included. Discovered by ``apps.cooperations.archive``."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from apps.contributions.models import Contribution
from apps.cooperations.archive import ArchivePart, archive_section, iso
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import as_seen


def _measure(value: object) -> str | None:
    # Decimals as strings with a point, like the agreement's shares: nothing is rounded.
    return None if value is None else str(value)


def _entry_data(entry: Contribution, superseded: set[int]) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "member_id": entry.member_id,
        "member": str(entry.member),
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "done_on": iso(entry.done_on),
        "hours": _measure(entry.hours),
        "amount": _measure(entry.amount),
        "count": entry.count,
        "description": entry.description,
        "note": entry.note,
        "logged_at": iso(entry.created_at),
        "supersedes_id": entry.supersedes_id,
        "original_id": entry.original_id,
        "reason": entry.reason,
        "removed": entry.removed,
        "current": entry.pk not in superseded,
    }


@archive_section(
    "contributions",
    as_of=True,
    description=_("das Beitragsbuch mit allen Einträgen, Korrekturen und Entfernungen"),
)
def contributions_section(cooperation: Cooperation) -> ArchivePart:
    entries = list(
        as_seen(Contribution.objects.filter(cooperation=cooperation), cooperation)
        .select_related("member")
        .order_by("created_at", "pk")
    )
    superseded = {entry.supersedes_id for entry in entries if entry.supersedes_id is not None}
    return ArchivePart(data=[_entry_data(entry, superseded) for entry in entries])
