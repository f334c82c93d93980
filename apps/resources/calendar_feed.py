"""The person's bookings in their personal calendar feed (see
``apps.meetings.feed_sources``): active bookings from a year back on, in one query."""

from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Event

from apps.accounts.models import User
from apps.meetings.feed_sources import feed_source
from apps.meetings.ical import BERLIN, TZID, site_host
from apps.resources.models import Booking, BookingStatus

FEED_PAST = timedelta(days=365)
FEED_LIMIT = 500


def booking_event(booking: Booking) -> Event:
    event = Event()
    url = settings.SITE_URL.rstrip("/") + reverse("resources:detail", args=[booking.resource_id])
    event.add("uid", f"booking-{booking.pk}@{site_host()}")
    event.add("dtstamp", booking.updated_at.astimezone(UTC))
    event.add("summary", f"{booking.resource.name}: {booking.purpose}")
    event.add("dtstart", booking.starts_at.astimezone(BERLIN), parameters={"TZID": TZID})
    event.add("dtend", booking.ends_at.astimezone(BERLIN), parameters={"TZID": TZID})
    if booking.resource.city:
        event.add("location", booking.resource.city)
    event.add("description", url)
    event.add("url", url)
    confirmed = booking.status == BookingStatus.CONFIRMED
    event.add("status", "CONFIRMED" if confirmed else "TENTATIVE")
    return event


@feed_source("resources")
def bookings(user: User) -> list[Event]:
    rows = (
        Booking.objects.active()
        .filter(user=user, starts_at__gte=timezone.now() - FEED_PAST)
        .select_related("resource")
        .order_by("starts_at")[:FEED_LIMIT]
    )
    return [booking_event(booking) for booking in rows]
