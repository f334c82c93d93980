"""Reads of the co-creation space; every fetch by id checks membership (404)."""

from apps.cocreation.selectors.circles import (
    circle_for_member,
    circle_to_join,
    circles_of,
    circles_open_to,
    dimension_series,
    gatherings_upcoming,
    members_of,
    open_join_requests,
    post_in,
    posts_of,
)
from apps.cocreation.selectors.sessions import (
    LiveBoard,
    LiveIdea,
    cooperations_to_act_in,
    live_board,
    session_etag_source,
    session_for_member,
    sessions_of_circle,
    sessions_of_cooperation,
)

__all__ = [
    "LiveBoard",
    "LiveIdea",
    "circle_for_member",
    "circle_to_join",
    "circles_of",
    "circles_open_to",
    "cooperations_to_act_in",
    "dimension_series",
    "gatherings_upcoming",
    "live_board",
    "members_of",
    "open_join_requests",
    "post_in",
    "posts_of",
    "session_etag_source",
    "session_for_member",
    "sessions_of_circle",
    "sessions_of_cooperation",
]
