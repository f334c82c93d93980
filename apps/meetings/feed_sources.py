"""Other apps' entries in the personal calendar feed, without meetings importing them.

An app adds events in its own ``calendar_feed.py``::

    from apps.meetings.feed_sources import feed_source

    @feed_source("circles")
    def gatherings(user: User) -> list[icalendar.Event]:
        ...  # a constant number of queries; times in Berlin time (``ical.BERLIN``)

The feed (``views.calendar.calendar_feed``) adds them after the user's meetings.
"""

from collections.abc import Callable, Iterable

from icalendar import Event

from apps.accounts.models import User
from apps.base.registry import Registry

FeedSource = Callable[[User], Iterable[Event]]

sources: Registry[FeedSource] = Registry("calendar feed source", module="calendar_feed")


def feed_source(name: str) -> Callable[[FeedSource], FeedSource]:
    """Register ``function(user) -> events`` for the personal calendar feed."""
    return sources.add(name)


def feed_events(*, user: User) -> list[Event]:
    return [event for _name, source in sources.items() for event in source(user)]
