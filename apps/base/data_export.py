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

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

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


def user_data_zip(user: "User") -> bytes:
    """The export as a ZIP: ``meine-daten.json`` and a short ``LIESMICH.txt``."""
    export = user_data_export(user)
    keys = [key for key in export if key not in ("format", "format_version", "exported_at")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        readme = [
            _("WirWerk – Ihre Daten"),
            "",
            _("meine-daten.json enthält alles, was Ihr Konto über Sie speichert, nach Bereichen:"),
            *(f"- {key}" for key in keys),
            "",
            _("Das Format ist JSON (UTF-8); Zeitpunkte stehen in ISO 8601."),
            "",
        ]
        archive.writestr("LIESMICH.txt", "\r\n".join(readme))
        archive.writestr(
            "meine-daten.json", json.dumps(export, ensure_ascii=False, indent=2, default=str)
        )
    return buffer.getvalue()


def iso(value: datetime | date | None) -> str | None:
    """A moment or a day as ISO 8601 (moments in the current time zone), or ``None``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()
