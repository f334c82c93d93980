"""Everything a person's account holds, as one JSON-ready document (for data exports).

Every app that stores something about a person adds a section in its own
``data_export.py``; this module, in the lowest layer, never imports them::

    from apps.base.data_export import data_export_section

    @data_export_section("profile")
    def profile(user: User) -> dict[str, Any] | None:
        ...  # JSON-ready: str, int, bool, None, lists and dicts; dates as ISO strings

A section returns only what the person may see about themselves on the pages, in
a constant number of queries. ``user_data_export(user)`` collects all sections
under their keys.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from apps.base.registry import Registry

if TYPE_CHECKING:
    from apps.accounts.models import User

DataExportSection = Callable[["User"], Any]

FORMAT = "wirwerk-datenauskunft"
FORMAT_VERSION = 1

sections: Registry[DataExportSection] = Registry("data export section", module="data_export")


def data_export_section(key: str) -> Callable[[DataExportSection], DataExportSection]:
    """Register ``function(user) -> JSON-ready data`` under ``key`` of the export."""
    return sections.add(key)


def user_data_export(user: "User") -> dict[str, Any]:
    """The person's data from every registered section, under the section's key."""
    export: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
    }
    for key, section in sections.items():
        export[key] = section(user)
    return export


def iso(value: datetime | date | None) -> str | None:
    """A moment or a day as ISO 8601 (moments in the current time zone), or ``None``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()
