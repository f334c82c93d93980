"""How the meetings' events read in the cooperation's timeline (discovered by
``apps.cooperations.timeline``): what happened, and to which meeting, decision,
action or poll."""

from django.utils.translation import gettext as _

from apps.cooperations.models import Event
from apps.cooperations.timeline import timeline_renderer


def _labels() -> dict[str, str]:
    return {
        "meeting_planned": _("Besprechung geplant"),
        "meeting_changed": _("Besprechung geändert"),
        "protocol_saved": _("Protokoll bearbeitet"),
        "decision_confirmed": _("Beschluss gefasst"),
        "action_created": _("Aufgabe angelegt"),
        "action_done": _("Aufgabe erledigt"),
        "action_cancelled": _("Aufgabe abgebrochen"),
        "date_poll_started": _("Terminumfrage gestartet"),
    }


@timeline_renderer(
    "meeting_planned",
    "meeting_changed",
    "protocol_saved",
    "decision_confirmed",
    "action_created",
    "action_done",
    "action_cancelled",
    "date_poll_started",
)
def meetings_event(event: Event) -> str:
    """``Besprechung geplant – „Jour fixe“``: the label and the title concerned."""
    text = _labels().get(event.kind) or str(event.get_kind_display())
    item = (event.params or {}).get("item")
    return f"{text} – „{item}“" if item else text
