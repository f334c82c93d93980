"""Every write of meetings, agenda, protocol, decisions, actions, date polls and
calendar feeds, one module per sub-domain; callers use ``apps.meetings.services``.

Who may write: ``apps.cooperations.gate.write_gate`` – current members of a
cooperation that has not ended (former members and ended cooperations are
read-only; outsiders never get here, the selectors answer 404). Services raise
``PermissionDenied`` or ``ValidationError`` with a German message.
"""

from apps.meetings.services.actions import (
    action_cancel,
    action_complete,
    action_create,
    action_reopen,
    action_update,
)
from apps.meetings.services.calendar import calendar_feed_create, calendar_feed_revoke
from apps.meetings.services.common import NO_MEETING_RULE, action_subject, meetings_subject
from apps.meetings.services.decisions import (
    decision_confirm,
    decision_discard,
    decision_record,
    decision_update,
)
from apps.meetings.services.meetings import (
    PROTOCOL_EVENT_QUIET,
    agenda_item_add,
    agenda_item_move,
    agenda_item_removable,
    agenda_item_remove,
    meeting_create,
    meeting_update,
    protocol_save,
)
from apps.meetings.services.polls import (
    MAX_POLL_SLOTS,
    date_poll_answer,
    date_poll_create,
    date_poll_schedule,
    poll_schedulable,
)

__all__ = [
    "MAX_POLL_SLOTS",
    "NO_MEETING_RULE",
    "PROTOCOL_EVENT_QUIET",
    "action_cancel",
    "action_complete",
    "action_create",
    "action_reopen",
    "action_subject",
    "action_update",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_removable",
    "agenda_item_remove",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "date_poll_answer",
    "date_poll_create",
    "date_poll_schedule",
    "decision_confirm",
    "decision_discard",
    "decision_record",
    "decision_update",
    "meeting_create",
    "meeting_update",
    "meetings_subject",
    "poll_schedulable",
    "protocol_save",
]
