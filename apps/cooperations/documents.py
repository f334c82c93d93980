"""Documents a member takes away: an agreement version as PDF and the archive ZIP.

Both are built from what is stored, never from what a form holds, and without any
resource from elsewhere: the PDF uses the system's DejaVu fonts and WeasyPrint is
not allowed to fetch anything, so a document renders the same offline.
"""

import io
import json
import logging
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.cooperations.models import (
    AgreementVersion,
    Commitment,
    Cooperation,
    Event,
    ExitProcess,
    FitCheck,
    FitCheckAnswer,
    Membership,
    Retrospective,
    VersionStatus,
)
from wirwerk.lib.markdown import render_markdown

# WeasyPrint reports every rendering step at INFO level; the server log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Records are dated the way the members read them: German time, whatever the server runs on.
BERLIN = ZoneInfo("Europe/Berlin")
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


def _version_file(version: AgreementVersion) -> str:
    return f"vereinbarung-fassung-{version.number}.pdf"


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


def _pdf_context(version: AgreementVersion) -> dict[str, Any]:
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
        "free_text_html": mark_safe(render_markdown(version.free_text)),  # sanitised by nh3
        "acceptances": [{"name": a.name, "when": when(a.accepted_at)} for a in acceptances],
        "waiting": waiting,
        "proposed_by": str(version.proposed_by) if version.proposed_by else "",
        "proposed_at": when(version.proposed_at) if version.proposed_at else "",
        "in_force_at": when(version.in_force_at) if version.in_force_at else "",
        "created": when(timezone.now()),
        "css_running_title": mark_safe(_css_string(running)),  # an escaped CSS string
        "css_page_numbers": _css_counters(_("Seite {page} von {pages}")),
    }


def agreement_pdf(version: AgreementVersion) -> bytes:
    """The version as an A4 PDF with its acceptance records and hashes.

    Reads ``commitments`` (with ``user``), ``acceptances`` and ``proposed_by`` from the
    version; prefetch them to render without further queries.
    """
    import weasyprint  # imported on first use: it is heavy and most requests need no PDF

    html = render_to_string("cooperations/pdf/agreement.html", _pdf_context(version))
    # Nothing may be loaded from anywhere: no protocol is allowed, not even file: or data:.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf


# The archive ------------------------------------------------------------------


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value, BERLIN).isoformat()
    return value.isoformat()


def _name(user: Any) -> str | None:
    return str(user) if user is not None else None


def _membership_data(membership: Membership) -> dict[str, Any]:
    return {
        "user_id": membership.user_id,
        "name": str(membership.user),
        "role": membership.role,
        "role_label": membership.get_role_display(),
        "joined_at": _iso(membership.created_at),
        "left_at": _iso(membership.left_at),
        "current": membership.is_current,
    }


def _event_data(event: Event) -> dict[str, Any]:
    return {
        "at": _iso(event.created_at),
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "actor": _name(event.actor),
        "details": event.params,
    }


def _answer_data(answer: FitCheckAnswer) -> dict[str, Any]:
    return {
        "user_id": answer.user_id,
        "name": str(answer.user),
        "answered_at": _iso(answer.created_at),
        "goals": answer.goals,
        "result_in_12_months": answer.result_in_12_months,
        "hours_per_month": answer.hours_per_month,
        "money_expectation": answer.money_expectation,
        "money_expectation_label": answer.get_money_expectation_display(),
        "money_note": answer.money_note,
        "decision_style": answer.decision_style,
        "decision_style_label": answer.get_decision_style_display(),
        "risk_appetite": answer.risk_appetite,
        "communication_rhythm": answer.communication_rhythm,
        "communication_rhythm_label": answer.get_communication_rhythm_display(),
        "values": answer.values,
        "four_dimensions": {name: getattr(answer, name) for name in answer.DIMENSIONS},
    }


def _fit_check_data(
    fit_check: FitCheck | None, answers: list[FitCheckAnswer]
) -> dict[str, Any] | None:
    if fit_check is None:
        return None
    revealed = fit_check.revealed_at is not None
    return {
        "started_at": _iso(fit_check.created_at),
        "revealed_at": _iso(fit_check.revealed_at),
        # Hidden answers stay hidden here too: nobody should anchor on them via the archive.
        "answers": [_answer_data(a) for a in answers] if revealed else None,
        "note": ""
        if revealed
        else _("Die Antworten bleiben verborgen, bis alle Mitglieder geantwortet haben."),
    }


def _commitment_data(commitment: Commitment) -> dict[str, Any]:
    return {
        "user_id": commitment.user_id,
        "name": str(commitment.user),
        "hours_per_month": str(commitment.hours_per_month),
        "resources": commitment.resources,
        "revenue_share": str(commitment.revenue_share),
        "cost_share": str(commitment.cost_share),
    }


def _version_data(version: AgreementVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "status_label": version.get_status_display(),
        "goals": version.goals,
        "decision_rules": version.decision_rules,
        "confidentiality": version.confidentiality,
        "starts_on": _iso(version.starts_on),
        "ends_on": _iso(version.ends_on),
        "review_every_days": version.review_every_days,
        "exit_clause": version.exit_clause,
        "free_text": version.free_text,
        "commitments": [
            _commitment_data(c)
            for c in sorted(version.commitments.all(), key=lambda c: str(c.user).casefold())
        ],
        "proposed_by": _name(version.proposed_by),
        "proposed_at": _iso(version.proposed_at),
        "acceptances": [
            {"user_id": a.user_id, "name": a.name, "accepted_at": _iso(a.accepted_at)}
            for a in sorted(version.acceptances.all(), key=lambda a: (a.accepted_at, a.pk))
        ],
        "in_force_at": _iso(version.in_force_at),
        "previous_hash": version.previous_hash,
        "content_hash": version.content_hash,
        "pdf": _version_file(version),
    }


def _retrospective_data(retrospective: Retrospective) -> dict[str, Any]:
    return {
        "name": str(retrospective.user),
        "written_at": _iso(retrospective.created_at),
        "four_dimensions": {
            name: getattr(retrospective, name) for name in retrospective.DIMENSIONS
        },
        "went_well": retrospective.went_well,
        "learned": retrospective.learned,
        "reference": retrospective.reference,
    }


def _exit_data(exit_process: ExitProcess) -> dict[str, Any]:
    def item(name: str, note: str) -> dict[str, Any]:
        return {
            "item": name,
            "label": str(getattr(ExitProcess._meta.get_field(name), "verbose_name", name)),
            "state": getattr(exit_process, name),
            "state_label": getattr(exit_process, f"get_{name}_display")(),
            "note": getattr(exit_process, note),
        }

    return {
        "kind": exit_process.kind,
        "kind_label": exit_process.get_kind_display(),
        "reason": exit_process.reason,
        "proposed_by": _name(exit_process.proposed_by),
        "leaving_member": _name(exit_process.leaving_user),
        "proposed_at": _iso(exit_process.created_at),
        "completed_at": _iso(exit_process.completed_at),
        "cancelled_at": _iso(exit_process.cancelled_at),
        "checklist": [
            item("settlement", "settlement_note"),
            item("resources", "resources_note"),
            item("clients", "clients_note"),
            item("data_decision", "data_note"),
        ],
        "retrospectives": [_retrospective_data(r) for r in exit_process.retrospectives.all()],
    }


def _readme(cooperation: Cooperation, versions: list[AgreementVersion]) -> str:
    lines = [
        _("Archiv der Kooperation „%(title)s“") % {"title": cooperation.title},
        _("Erstellt am %(when)s mit WirWerk.") % {"when": when(timezone.now())},
        "",
        _("Inhalt"),
        "",
        "kooperation.json",
        _(
            "  Alle Angaben der Kooperation in maschinenlesbarer Form (JSON, UTF-8): die "
            "Kooperation selbst, alle Mitglieder – auch ehemalige – mit Rolle, Beitritt und "
            "Austritt, der vollständige Verlauf, die Antworten im Passungscheck (nur wenn sie "
            "für alle sichtbar waren), jede Fassung der Vereinbarung mit Zusagen, Annahmen und "
            "Prüfwerten sowie Ausstiege mit Checkliste und Rückblicken."
        ),
        "",
    ]
    if versions:
        lines += [
            *(_version_file(v) for v in versions),
            _(
                "  Jede zur Annahme vorgelegte Fassung der Vereinbarung als PDF, mit Status, "
                "Annahmen und Prüfwert."
            ),
            "",
        ]
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
    """Everything the cooperation recorded, as JSON, plus one PDF per numbered version.

    The number of queries does not depend on the number of members, events or versions.
    """
    memberships = list(
        Membership.objects.filter(cooperation=cooperation)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    events = list(
        Event.objects.filter(cooperation=cooperation)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    fit_check = FitCheck.objects.filter(cooperation=cooperation).first()
    answers: list[FitCheckAnswer] = []
    if fit_check is not None and fit_check.revealed_at is not None:
        answers = list(fit_check.answers.select_related("user").order_by("created_at", "pk"))
    versions = list(
        cooperation.agreement_versions.filter(number__isnull=False)
        .select_related("proposed_by")
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.select_related("user")),
            "acceptances",
        )
        .order_by("number")
    )
    exits = list(
        cooperation.exits.select_related("proposed_by", "leaving_user")
        .prefetch_related(
            Prefetch("retrospectives", queryset=Retrospective.objects.select_related("user"))
        )
        .order_by("created_at", "pk")
    )
    data = {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_FORMAT_VERSION,
        "exported_at": _iso(timezone.now()),
        "cooperation": {
            "id": cooperation.pk,
            "title": cooperation.title,
            "purpose": cooperation.purpose,
            "kind": cooperation.kind,
            "kind_label": cooperation.get_kind_display(),
            "status": cooperation.status,
            "status_label": cooperation.get_status_display(),
            "created_at": _iso(cooperation.created_at),
            "ended_at": _iso(cooperation.ended_at),
        },
        "members": [_membership_data(m) for m in memberships],
        "events": [_event_data(e) for e in events],
        "fit_check": _fit_check_data(fit_check, answers),
        "agreement_versions": [_version_data(v) for v in versions],
        "exits": [_exit_data(e) for e in exits],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LIESMICH.txt", _readme(cooperation, versions))
        archive.writestr(
            "kooperation.json", json.dumps(data, ensure_ascii=False, indent=2, default=str)
        )
        for version in versions:
            # PDFs are compressed already; deflating them again only costs time.
            archive.writestr(
                _version_file(version), agreement_pdf(version), compress_type=zipfile.ZIP_STORED
            )
    return buffer.getvalue()
