"""Documents a member takes away: an agreement version as PDF and the archive ZIP.

Both are built from what is stored, never from what a form holds, and without any
resource from elsewhere: the PDF uses the system's DejaVu fonts and WeasyPrint is
not allowed to fetch anything, so a document renders the same offline.
"""

import hashlib
import io
import json
import logging
import os
import re
import threading
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.cooperations.archive import (
    BERLIN,
    ArchivePart,
    ArchiveSection,
    archive_sections,
    iso,
)
from apps.cooperations.models import (
    ACCEPTED_STATUSES,
    AgreementVersion,
    Cooperation,
    VersionStatus,
)
from apps.cooperations.receipts import receipt_code
from apps.cooperations.selectors import seen_until

# WeasyPrint reports every rendering step at INFO level; the server log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PDF_TEMPLATE = "cooperations/pdf/agreement.html"
ARCHIVE_FORMAT = "wirwerk-kooperationsarchiv"
ARCHIVE_FORMAT_VERSION = 1

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


# Names ------------------------------------------------------------------------


def ascii_slug(text: str, *, fallback: str, max_length: int = 60) -> str:
    """``Führung im Mittelstand`` → ``fuehrung-im-mittelstand``: safe in any file name."""
    slug = slugify(text.translate(_UMLAUTS))[:max_length].strip("-")
    return slug or fallback


def pdf_name(version: AgreementVersion) -> str:
    slug = ascii_slug(version.cooperation.title, fallback="kooperation")
    if version.number is None:
        return f"vereinbarung-{slug}-entwurf.pdf"
    return f"vereinbarung-{slug}-fassung-{version.number}.pdf"


def archive_name(cooperation: Cooperation) -> str:
    slug = ascii_slug(cooperation.title, fallback="kooperation")
    return f"wirwerk-archiv-{slug}-{timezone.localtime(timezone.now(), BERLIN):%Y-%m-%d}.zip"


# Formatting -------------------------------------------------------------------


def when(value: datetime | None) -> str:
    """A moment as members read it: ``22.11.2026, 14:05 Uhr`` (Berlin time)."""
    if value is None:
        return "–"
    local = timezone.localtime(value, BERLIN)
    return _("%(date)s, %(time)s Uhr") % {
        "date": date_format(local, "SHORT_DATE_FORMAT"),
        "time": time_format(local, "TIME_FORMAT"),
    }


def _css_string(text: str) -> str:
    """Text as a CSS string literal that cannot end the string or the <style> element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>\n\r' else char for char in text)
    return f'"{escaped}"'


def _css_counters(template: str) -> SafeString:
    """``Seite {page} von {pages}`` → ``"Seite " counter(page) " von " counter(pages)``.

    The words come from the translation; the numbers only CSS knows at layout time.
    """
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(_css_string(piece))
    return mark_safe(" ".join(parts))  # escaped CSS strings only


# The agreement as PDF -----------------------------------------------------------


def _status_note(version: AgreementVersion) -> str:
    if version.status == VersionStatus.IN_FORCE:
        return _("Diese Fassung ist in Kraft: Alle Mitglieder haben sie angenommen.")
    if version.status == VersionStatus.SUPERSEDED:
        return _(
            "Diese Fassung galt, bis eine neuere Fassung in Kraft trat. Sie ist nicht mehr "
            "gültig und wird als Nachweis aufbewahrt."
        )
    if version.status == VersionStatus.PROPOSED:
        return _(
            "Diese Fassung ist zur Annahme vorgelegt und noch nicht in Kraft. Sie tritt in "
            "Kraft, sobald alle Mitglieder sie angenommen haben."
        )
    if version.status == VersionStatus.WITHDRAWN:
        return _("Diese Fassung wurde zurückgezogen und ist nie in Kraft getreten.")
    return _("Dies ist ein Entwurf und noch nicht verbindlich.")


def _chain_head(version: AgreementVersion) -> AgreementVersion | None:
    return (
        version.cooperation.agreement_versions.accepted()
        .order_by("-number")
        .only("number", "content_hash")
        .first()
    )


def _pdf_context(
    version: AgreementVersion, chain_head: AgreementVersion | None = None
) -> dict[str, Any]:
    cooperation = version.cooperation
    commitments = sorted(version.commitments.all(), key=lambda c: str(c.user).casefold())
    acceptances = sorted(version.acceptances.all(), key=lambda a: (a.accepted_at, a.pk))
    accepted_ids = {a.user_id for a in acceptances}
    waiting = (
        [str(c.user) for c in commitments if c.user_id not in accepted_ids]
        if version.status == VersionStatus.PROPOSED
        else []
    )
    title = _("Kooperationsvereinbarung")
    if version.number is not None:
        running = _("%(title)s · Fassung %(number)s") % {
            "title": cooperation.title,
            "number": version.number,
        }
    else:
        running = _("%(title)s · Entwurf") % {"title": cooperation.title}
    return {
        "language": get_language() or "de",
        "title": title,
        "cooperation": cooperation,
        "version": version,
        "status_note": _status_note(version),
        "members": [str(c.user) for c in commitments],
        "commitments": commitments,
        "hours_total": sum((c.hours_per_month for c in commitments), Decimal(0)),
        "revenue_total": sum((c.revenue_share for c in commitments), Decimal(0)),
        "cost_total": sum((c.cost_share for c in commitments), Decimal(0)),
        "starts_on": date_format(version.starts_on, "DATE_FORMAT") if version.starts_on else "",
        "ends_on": date_format(version.ends_on, "DATE_FORMAT") if version.ends_on else "",
        "free_text_html": version.free_text_as_html,  # stored once accepted, sanitised
        "acceptances": [{"name": a.name, "when": when(a.accepted_at)} for a in acceptances],
        "waiting": waiting,
        "proposed_by": str(version.proposed_by) if version.proposed_by else "",
        "proposed_at": when(version.proposed_at) if version.proposed_at else "",
        "in_force_at": when(version.in_force_at) if version.in_force_at else "",
        "created": when(timezone.now()),
        "receipt_code": receipt_code(version),
        "chain_head": chain_head,
        "css_running_title": mark_safe(_css_string(running)),  # an escaped CSS string
        "css_page_numbers": _css_counters(_("Seite {page} von {pages}")),
    }


def agreement_pdf(
    version: AgreementVersion,
    *,
    chain_head: AgreementVersion | None = None,
    look_up_head: bool = True,
) -> bytes:
    """The version as an A4 PDF with its acceptance records, hashes and signature.

    Reads ``commitments`` (with ``user``), ``acceptances`` and ``proposed_by`` from the
    version; prefetch them to render without further queries. The chain head (newest
    accepted version) is looked up unless the caller passes it (``look_up_head=False``).

    An accepted version never changes, so its PDF is rendered once and kept as a file
    (``AGREEMENT_PDF_CACHE``) named by the hash of the HTML it comes from: whatever the
    PDF would show differently (a newer chain head, a renamed member, another language)
    makes another file; "Erstellt am" is the moment of that first rendering.
    """
    if chain_head is None and look_up_head:
        chain_head = _chain_head(version)
    context = _pdf_context(version, chain_head)
    if version.status not in ACCEPTED_STATUSES:
        return _render_pdf(render_to_string(PDF_TEMPLATE, context))
    stable = render_to_string(PDF_TEMPLATE, {**context, "created": ""})
    path = Path(settings.AGREEMENT_PDF_CACHE) / f"{hashlib.sha256(stable.encode()).hexdigest()}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    pdf = _render_pdf(render_to_string(PDF_TEMPLATE, context))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed: a reader never sees half a file, two writers race harmlessly.
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(pdf)
    os.replace(partial, path)
    return pdf


def _render_pdf(html: str) -> bytes:
    import weasyprint  # imported on first use: it is heavy and most requests need no PDF

    # Nothing may be loaded from anywhere: no protocol is allowed, not even file: or data:.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf


# The archive ------------------------------------------------------------------


def _readme(cooperation: Cooperation, parts: list[tuple[ArchiveSection, ArchivePart]]) -> str:
    lines = [
        _("Archiv der Kooperation „%(title)s“") % {"title": cooperation.title},
        _("Erstellt am %(when)s mit WirWerk.") % {"when": when(timezone.now())},
        "",
        _("Inhalt"),
        "",
        "kooperation.json",
        _(
            "  Alle Angaben der Kooperation in maschinenlesbarer Form (JSON, UTF-8), "
            "jeweils unter ihrem Schlüssel:"
        ),
        *(
            f"  – {section.key}: {section.description}"
            for section, _part in parts
            if section.description
        ),
        "",
    ]
    for _section, part in parts:
        if part.files:
            lines += [*(file.name for file in part.files), part.files_note, ""]
    lines += [
        _(
            "Zeitangaben stehen im Format ISO 8601 mit Zeitzone, Stunden und Anteile als "
            'Zeichenketten mit Punkt (z. B. "33.33"), damit nichts gerundet wird.'
        ),
        "",
        _(
            "Prüfwerte: Jede angenommene Fassung trägt einen SHA-256-Prüfwert über ihren "
            "Inhalt, die Zusagen, die Annahmen und den Prüfwert der Fassung davor. Wird davon "
            "später etwas verändert, stimmt die Kette nicht mehr."
        ),
        "",
    ]
    return "\r\n".join(lines)  # CRLF: opens cleanly in every editor, including Notepad


def archive_zip(cooperation: Cooperation) -> bytes:
    """Everything the cooperation recorded: every registered archive section as JSON,
    plus the files the sections bring (one PDF per numbered agreement version, …).

    Each section reads in a constant number of queries, so the archive's query count
    does not depend on the number of members, events, versions or meetings.
    """
    former = seen_until(cooperation) is not None
    parts = [
        (section, section.function(cooperation))
        for section in archive_sections()
        if section.as_of or not former
    ]
    data: dict[str, Any] = {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_FORMAT_VERSION,
        "exported_at": iso(timezone.now()),
    }
    for section, part in parts:
        data[section.key] = part.data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LIESMICH.txt", _readme(cooperation, parts))
        archive.writestr(
            "kooperation.json", json.dumps(data, ensure_ascii=False, indent=2, default=str)
        )
        for _section, part in parts:
            for file in part.files:
                archive.writestr(
                    file.name,
                    file.content,
                    compress_type=zipfile.ZIP_DEFLATED if file.compress else zipfile.ZIP_STORED,
                )
    return buffer.getvalue()
