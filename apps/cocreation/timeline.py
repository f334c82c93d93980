"""How the sessions' events read in a cooperation's timeline."""

from django.utils.translation import gettext as _

from apps.cooperations.models import Event
from apps.cooperations.timeline import timeline_renderer


@timeline_renderer("session_started", "session_decided", "session_ended")
def session_event(event: Event) -> str:
    params = event.params or {}
    labels = {
        "session_started": _("Co-Creation-Session eröffnet"),
        "session_decided": _("Session entschieden"),
        "session_ended": _("Session abgeschlossen"),
    }
    text = f"{labels.get(event.kind, event.kind)} – „{params.get('item', '')}“"
    if params.get("winner"):
        text += " → " + _("umgesetzt wird: %(winner)s") % {"winner": params["winner"]}
    return text
