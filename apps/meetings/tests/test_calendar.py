"""iCalendar: a download per meeting and a personal feed under a secret, revocable URL."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from apps.accounts.models import User
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import CalendarFeed, Meeting
from apps.meetings.tests.conftest import BERLIN, plan
from tests.factories import join, remove

pytestmark = pytest.mark.django_db

START = datetime(2030, 3, 29, 10, 30, tzinfo=BERLIN)  # summer time starts on 31 March


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def test_a_meeting_downloads_as_a_valid_calendar_entry_in_berlin_time(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    meeting = plan(cooperation, anna, starts_at=START, duration_minutes=90)
    services.agenda_item_add(meeting=meeting, user=anna, title="Rückblick")
    client.force_login(anna)
    url = reverse("meetings:meeting-ics", args=[cooperation.pk, meeting.pk])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == (
        f'attachment; filename="besprechung-2030-03-29-{meeting.pk}.ics"'
    )
    raw = response.content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20300329T103000" in raw
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in raw
    calendar = parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTEND") == START + timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Jour fixe"
    assert str(event["LOCATION"]) == "Büro Anna, Leipzig"
    assert "1. Rückblick" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"meeting-{meeting.pk}@127.0.0.1"


def test_the_uid_stays_and_the_sequence_grows_when_the_meeting_moves(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    meeting = plan(cooperation, anna, starts_at=START)
    client.force_login(anna)
    url = reverse("meetings:meeting-ics", args=[cooperation.pk, meeting.pk])
    before = parse(client.get(url).content).walk("VEVENT")[0]
    services.meeting_update(
        meeting=meeting,
        user=anna,
        title=meeting.title,
        starts_at=START + timedelta(days=3),
        duration_minutes=60,
        place=meeting.place,
    )
    after = parse(client.get(url).content).walk("VEVENT")[0]
    assert after["UID"] == before["UID"]
    assert (before.decoded("SEQUENCE"), after.decoded("SEQUENCE")) == (0, 1)
    # Summer time: the wall clock stays at 10:30, the UTC offset moves.
    moved = after.decoded("DTSTART")
    assert (moved.hour, moved.minute, moved.utcoffset()) == (10, 30, timedelta(hours=2))


@pytest.fixture
def feeds_world(cooperation: Cooperation, anna: User, ben: User, carla: User) -> dict[str, Meeting]:
    """anna's cooperation; carla's own cooperation; one anna has left."""
    ours = plan(cooperation, anna, title="Unsere Besprechung")
    theirs_coop = cooperation_services.cooperation_create(
        founder=carla, title="Carlas Kooperation", purpose="Zweck.", kind="other"
    )
    theirs = plan(theirs_coop, carla, title="Carlas Besprechung")
    left_coop = cooperation_services.cooperation_create(
        founder=ben, title="Verlassen", purpose="Zweck.", kind="other"
    )
    join(left_coop, ben, anna)
    left = plan(left_coop, ben, title="Nach dem Austritt")
    remove(left_coop, ben, anna)
    return {"ours": ours, "theirs": theirs, "left": left}


def test_the_feed_needs_no_login_and_holds_only_the_owners_meetings(
    client: Client, anna: User, feeds_world: dict[str, Meeting]
) -> None:
    feed = services.calendar_feed_create(user=anna)
    response = client.get(reverse("meetings:calendar-feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response.content)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries == {"Unsere Besprechung"}
    assert calendar["X-WR-CALNAME"] == "WirWerk – Besprechungen"


def test_a_revoked_or_unknown_token_gives_404(client: Client, anna: User) -> None:
    feed = services.calendar_feed_create(user=anna)
    url = reverse("meetings:calendar-feed", args=[feed.token])
    assert client.get(url).status_code == 200
    services.calendar_feed_revoke(user=anna)
    assert client.get(url).status_code == 404
    assert client.get(reverse("meetings:calendar-feed", args=["unbekannt"])).status_code == 404


def test_a_new_address_replaces_the_old_one(client: Client, anna: User) -> None:
    old = services.calendar_feed_create(user=anna)
    new = services.calendar_feed_create(user=anna)
    assert old.token != new.token and len(new.token) >= 40
    assert client.get(reverse("meetings:calendar-feed", args=[old.token])).status_code == 404
    assert client.get(reverse("meetings:calendar-feed", args=[new.token])).status_code == 200
    assert CalendarFeed.objects.active().count() == 1


def test_the_calendar_page_creates_shows_and_revokes_the_address(
    client: Client, anna: User
) -> None:
    client.force_login(anna)
    page = reverse("meetings:calendar")
    assert "keine Kalenderadresse" in client.get(page).content.decode()
    client.post(reverse("meetings:calendar-create"))
    feed = CalendarFeed.objects.active().get(user=anna)
    feed_url = "http://testserver" + reverse("meetings:calendar-feed", args=[feed.token])
    assert feed_url in client.get(page).content.decode()
    confirm = client.get(reverse("meetings:calendar-revoke")).content.decode()
    assert "widerrufen?" in confirm
    client.post(reverse("meetings:calendar-revoke"))
    assert not CalendarFeed.objects.active().exists()
    assert feed.token not in client.get(page).content.decode()
