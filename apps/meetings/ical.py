"""Meetings as iCalendar (RFC 5545), for a single download and the personal feed.

Times carry TZID=Europe/Berlin with a compact VTIMEZONE (the EU rule as RRULEs, as
Google, Outlook and Thunderbird write it), so calendars show the time that was
entered even where they sit in another zone. UIDs are stable per meeting; SEQUENCE
grows when time or place change, so subscribed calendars update the entry.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from apps.meetings.models import Meeting

BERLIN = ZoneInfo("Europe/Berlin")
TZID = "Europe/Berlin"
PRODID = "-//WirWerk//Besprechungen//DE"


def site_host() -> str:
    return urlparse(settings.SITE_URL).hostname or "wirwerk"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{site_host()}"


def meeting_url(meeting: Meeting) -> str:
    path = reverse("meetings:meeting-detail", args=[meeting.cooperation_id, meeting.pk])
    return settings.SITE_URL.rstrip("/") + path


def berlin_timezone() -> Timezone:
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _description(meeting: Meeting) -> str:
    lines = [meeting.cooperation.title]
    items = list(meeting.agenda_items.all())
    if items:
        lines += ["", _("Tagesordnung:")]
        lines += [f"{number}. {item.title}" for number, item in enumerate(items, start=1)]
    if meeting.video_url:
        lines += ["", _("Videolink: %(url)s") % {"url": meeting.video_url}]
    lines += ["", meeting_url(meeting)]
    return "\n".join(lines)


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("created", meeting.created_at.astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.starts_at.astimezone(BERLIN), parameters={"TZID": TZID})
    event.add("dtend", meeting.ends_at.astimezone(BERLIN), parameters={"TZID": TZID})
    if meeting.place or meeting.video_url:
        event.add("location", meeting.place or meeting.video_url)
    event.add("description", _description(meeting))
    event.add("url", meeting_url(meeting))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def calendar_bytes(
    meetings: Iterable[Meeting],
    *,
    name: str = "",
    feed: bool = False,
    extra: Iterable[Event] = (),
) -> bytes:
    """A VCALENDAR with METHOD:PUBLISH; ``feed`` adds the refresh hints of subscriptions.

    ``extra`` are events of other apps (``apps.meetings.feed_sources``), in Berlin time
    like ours."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    if feed:
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(berlin_timezone())
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    for event in extra:
        calendar.add_component(event)
    return calendar.to_ical()
