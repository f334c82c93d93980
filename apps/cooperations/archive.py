"""What goes into a cooperation's archive ZIP: sections that apps register.

A section gets the cooperation and returns an :class:`ArchivePart`: JSON-ready data,
stored under the section's key in ``kooperation.json``, and optionally files for the
ZIP. An app inside a cooperation adds its section in its own ``archive.py``; the
cooperations app never imports it::

    from apps.cooperations.archive import ArchivePart, archive_section, iso

    @archive_section("contributions", description=_("Das Beitragsbuch ..."))
    def contributions(cooperation: Cooperation) -> ArchivePart:
        entries = Contribution.objects.filter(cooperation=cooperation).select_related(...)
        return ArchivePart(data=[... for entry in entries])

A section must read in a constant number of queries, whatever the size of the
cooperation (``test_documents`` counts them). The cooperation's own sections live in
``archive_sections.py`` and come first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.functional import Promise

from apps.base.registry import Registry
from apps.cooperations.models import Cooperation

# Records are dated the way the members read them: German time, whatever the server runs on.
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class ArchiveFile:
    """One extra file in the ZIP. ``compress=False`` for what is compressed already (PDF)."""

    name: str
    content: bytes
    compress: bool = True


@dataclass(frozen=True)
class ArchivePart:
    """What one section adds: ``data`` under its key, ``files`` beside the JSON.

    ``files_note`` explains the files in ``LIESMICH.txt``.
    """

    data: Any
    files: list[ArchiveFile] = field(default_factory=list)
    files_note: str = ""


ArchiveSectionFunction = Callable[[Cooperation], ArchivePart]


@dataclass(frozen=True)
class ArchiveSection:
    key: str
    function: ArchiveSectionFunction
    description: str | Promise = ""
    # The section shows a former member only what existed when they left (it reads
    # through ``apps.cooperations.selectors.as_seen``); sections without it are left
    # out of a former member's archive.
    as_of: bool = False


sections: Registry[ArchiveSection] = Registry(
    "archive section", module="archive", first=("apps.cooperations.archive_sections",)
)


def archive_section(
    key: str, *, description: str | Promise = "", as_of: bool = False
) -> Callable[[ArchiveSectionFunction], ArchiveSectionFunction]:
    """Register ``function(cooperation) -> ArchivePart`` under ``key`` of the archive.

    ``description`` (translatable) says in ``LIESMICH.txt`` what the key holds;
    ``as_of=True`` promises that the section filters with ``as_seen`` (former members).
    """

    def decorate(function: ArchiveSectionFunction) -> ArchiveSectionFunction:
        sections.register(
            key,
            ArchiveSection(key=key, function=function, description=description, as_of=as_of),
        )
        return function

    return decorate


def archive_sections() -> list[ArchiveSection]:
    """Every registered section, the cooperation's own first."""
    return [section for _key, section in sections.items()]


def iso(value: datetime | date | None) -> str | None:
    """A moment in Berlin time or a day, ISO 8601; ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value, BERLIN).isoformat()
    return value.isoformat()


def name_of(user: Any) -> str | None:
    """A person's display name, or ``None`` for a deleted account."""
    return str(user) if user is not None else None
