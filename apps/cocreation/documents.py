"""The result of a session as Markdown and as PDF (WeasyPrint, nothing loaded from
anywhere). Anonymous ideas carry no author here either."""

import logging
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.cocreation.models import Phase, Session
from apps.cocreation.selectors import live_board
from apps.cocreation.selectors.sessions import LiveIdea
from apps.cooperations.documents import ascii_slug

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def file_name(session: Session, extension: str) -> str:
    return f"session-{session.pk}-{ascii_slug(session.question, fallback='session')}.{extension}"


def _line(live: LiveIdea) -> str:
    text = live.idea.text.replace("\n", " ")
    author = f" ({live.author})" if live.author else ""
    dots = f" – {_('%(n)s Punkte') % {'n': live.dots}}" if live.dots else ""
    return f"- {text}{author}{dots}"


def export_context(session: Session) -> dict[str, Any]:
    # The export is the same for every reader: no "my dots", no private notes.
    board = live_board(session=session, user=None)
    return {"session": session, "board": board, "now": timezone.now()}


def session_markdown(session: Session) -> str:
    board = export_context(session)["board"]
    where = session.circle or session.cooperation
    lines = [
        f"# {session.question}",
        "",
        f"{session.get_format_display()} · {where} · "
        + formats.date_format(timezone.localtime(session.created_at), "DATE_FORMAT"),
        "",
        _("Moderation: %(name)s") % {"name": session.facilitator or "–"},
    ]
    if session.case_giver:
        lines.append(_("Fallgeber/in: %(name)s") % {"name": session.case_giver})
    if session.winner:
        lines += ["", f"## {_('Entscheidung')}", "", session.winner.text]
    if session.result_note:
        lines += ["", session.result_note]
    if session.is_beratung:
        for step, ideas in board.steps.items():
            lines += ["", f"## {Phase(step).label}", ""]
            lines += [_line(live) for live in ideas]
    else:
        for group in board.groups:
            title = group.cluster.name if group.cluster else _("Ohne Gruppe")
            lines += ["", f"## {title}", ""]
            lines += [_line(live) for live in group.ideas] or [_("(keine Ideen)")]
    return "\n".join(lines) + "\n"


def session_pdf(session: Session) -> bytes:
    import weasyprint  # heavy: imported on first use

    html = render_to_string("cocreation/pdf/session.html", export_context(session))
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf
