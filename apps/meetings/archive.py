"""The meetings' part of a cooperation's archive: meetings with agenda and protocol,
decisions and actions. Discovered by ``apps.cooperations.archive``."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from apps.cooperations.archive import ArchivePart, archive_section, iso, name_of
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import as_seen
from apps.meetings.models import Action, AgendaItem, Decision, Meeting
from apps.meetings.selectors import as_seen_protocol


def _agenda_item_data(item: AgendaItem) -> dict[str, Any]:
    return {"position": item.position, "title": item.title, "note": item.note}


def _meeting_data(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "starts_at": iso(meeting.starts_at),
        "ends_at": iso(meeting.ends_at),
        "duration_minutes": meeting.duration_minutes,
        "place": meeting.place,
        "created_by": name_of(meeting.created_by),
        "agenda": [
            _agenda_item_data(item)
            for item in sorted(meeting.agenda_items.all(), key=lambda i: (i.position, i.pk))
        ],
        "protocol": meeting.protocol,
        "protocol_updated_at": iso(meeting.protocol_updated_at),
        "protocol_updated_by": name_of(meeting.protocol_updated_by),
    }


@archive_section(
    "meetings",
    as_of=True,
    description=_("die Besprechungen mit Tagesordnung und Protokoll"),
)
def meetings_section(cooperation: Cooperation) -> ArchivePart:
    meetings = (
        as_seen(Meeting.objects.filter(cooperation=cooperation), cooperation)
        .select_related("created_by", "protocol_updated_by")
        .prefetch_related("agenda_items")
        .order_by("starts_at", "pk")
    )
    return ArchivePart(data=[_meeting_data(as_seen_protocol(m, cooperation)) for m in meetings])


def _decision_data(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "number": decision.number,
        "title": decision.title,
        "text": decision.text,
        "status": decision.status,
        "status_label": decision.get_status_display(),
        "meeting_id": decision.meeting_id,
        "supersedes_id": decision.supersedes_id,
        "created_by": name_of(decision.created_by),
        "confirmed_at": iso(decision.confirmed_at),
        "confirmed_by": name_of(decision.confirmed_by),
    }


@archive_section(
    "decisions",
    as_of=True,
    description=_("die Beschlüsse, auch ersetzte und Entwürfe"),
)
def decisions_section(cooperation: Cooperation) -> ArchivePart:
    decisions = (
        as_seen(Decision.objects.filter(cooperation=cooperation), cooperation)
        .select_related("created_by", "confirmed_by")
        .order_by("created_at", "pk")
    )
    return ArchivePart(data=[_decision_data(d) for d in decisions])


def _action_data(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "title": action.title,
        "note": action.note,
        "owner": name_of(action.owner),
        "due_on": iso(action.due_on),
        "status": action.status,
        "status_label": action.get_status_display(),
        "meeting_id": action.meeting_id,
        "created_by": name_of(action.created_by),
        "closed_at": iso(action.closed_at),
        "closed_by": name_of(action.closed_by),
    }


@archive_section(
    "actions", as_of=True, description=_("die Aufgaben mit Zuständigen und Fälligkeit")
)
def actions_section(cooperation: Cooperation) -> ArchivePart:
    actions = (
        as_seen(Action.objects.filter(cooperation=cooperation), cooperation)
        .select_related("owner", "created_by", "closed_by")
        .order_by("created_at", "pk")
    )
    return ArchivePart(data=[_action_data(a) for a in actions])
