"""Pages of meetings, decisions, actions, date polls and the calendar feed, one
module per sub-domain; ``urls.py`` uses them through this package.

Every view inside a cooperation starts with ``cooperation_for_member``: outsiders
get 404 first. Former members and ended cooperations read everything and change
nothing: views and templates ask ``apps.cooperations.gate.can_write``.
"""

from apps.meetings.views.actions import (
    action_add,
    action_cancel,
    action_done,
    action_edit,
    action_list,
    action_new,
    action_reopen,
    my_actions,
)
from apps.meetings.views.calendar import (
    calendar_create,
    calendar_feed,
    calendar_revoke,
    calendar_settings,
)
from apps.meetings.views.decisions import (
    decision_add,
    decision_confirm,
    decision_discard,
    decision_edit,
    decision_list,
)
from apps.meetings.views.meetings import (
    agenda_add,
    agenda_move,
    agenda_remove,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
    meeting_new,
    meeting_protocol,
)
from apps.meetings.views.polls import poll_detail, poll_new, poll_schedule

__all__ = [
    "action_add",
    "action_cancel",
    "action_done",
    "action_edit",
    "action_list",
    "action_new",
    "action_reopen",
    "agenda_add",
    "agenda_move",
    "agenda_remove",
    "calendar_create",
    "calendar_feed",
    "calendar_revoke",
    "calendar_settings",
    "decision_add",
    "decision_confirm",
    "decision_discard",
    "decision_edit",
    "decision_list",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_list",
    "meeting_new",
    "meeting_protocol",
    "my_actions",
    "poll_detail",
    "poll_new",
    "poll_schedule",
]
