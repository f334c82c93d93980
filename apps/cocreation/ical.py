"""Gatherings as iCalendar: a circle's .ics download and the personal feed's entries."""

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.urls import reverse
from icalendar import Event

from apps.cocreation.models import Circle, Gathering
from apps.meetings.ical import BERLIN, TZID, calendar_bytes, site_host


def gathering_event(gathering: Gathering, circle: Circle) -> Event:
    event = Event()
    url = settings.SITE_URL.rstrip("/") + reverse("cocreation:circle-detail", args=[circle.pk])
    event.add("uid", f"gathering-{gathering.pk}@{site_host()}")
    event.add("dtstamp", gathering.updated_at.astimezone(UTC))
    event.add("sequence", gathering.sequence)
    event.add("summary", f"{gathering.title} · {circle.name}")
    event.add("dtstart", gathering.starts_at.astimezone(BERLIN), parameters={"TZID": TZID})
    event.add("dtend", gathering.ends_at.astimezone(BERLIN), parameters={"TZID": TZID})
    if gathering.place or gathering.video_url:
        event.add("location", gathering.place or gathering.video_url)
    description = [gathering.note, gathering.video_url, url]
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("url", url)
    event.add("status", "CONFIRMED")
    return event


def events_of(gatherings: Iterable[Gathering]) -> list[Event]:
    """Events for gatherings loaded with ``select_related("circle")``."""
    return [gathering_event(gathering, gathering.circle) for gathering in gatherings]


def circle_calendar(circle: Circle) -> bytes:
    gatherings = circle.gatherings.select_related("circle").order_by("starts_at")
    return calendar_bytes([], name=circle.name, extra=events_of(gatherings))
