"""The circles' gatherings in a member's personal calendar feed (see
``apps.meetings.feed_sources``): the gatherings of the circles they belong to, from
a year back on, in one query."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Event

from apps.accounts.models import User
from apps.cocreation.ical import events_of
from apps.cocreation.models import CircleMembership, Gathering
from apps.meetings.feed_sources import feed_source

FEED_PAST = timedelta(days=365)
FEED_LIMIT = 500


@feed_source("circles")
def gatherings(user: User) -> list[Event]:
    circles = CircleMembership.objects.current().filter(user=user).values("circle_id")
    rows = (
        Gathering.objects.filter(circle_id__in=circles, starts_at__gte=timezone.now() - FEED_PAST)
        .select_related("circle")
        .order_by("starts_at")[:FEED_LIMIT]
    )
    return events_of(rows)
