"""Meetings: planned by members, in Berlin time, with agenda and protocol."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, Event, EventKind
from apps.meetings import services
from apps.meetings.models import Meeting
from apps.meetings.tests.conftest import BERLIN, in_days, plan
from tests.factories import end, remove

pytestmark = pytest.mark.django_db


def test_a_member_plans_a_meeting_in_berlin_time(cooperation: Cooperation, ben: User) -> None:
    start = datetime(2030, 7, 1, 9, 30, tzinfo=BERLIN)
    meeting = plan(cooperation, ben, starts_at=start, duration_minutes=90)
    meeting.refresh_from_db()
    assert meeting.starts_at == start
    assert meeting.ends_at == start + timedelta(minutes=90)
    assert meeting.created_by == ben
    event = Event.objects.filter(cooperation=cooperation).first()
    assert event is not None
    assert (event.kind, event.params["item"]) == (EventKind.MEETING_PLANNED, "Jour fixe")


def test_a_meeting_needs_a_place_or_a_video_link(cooperation: Cooperation, anna: User) -> None:
    with pytest.raises(ValidationError, match="Ort oder einen Videolink"):
        plan(cooperation, anna, place="", video_url="")
    online = plan(cooperation, anna, place="", video_url="https://meet.example.org/jour-fixe")
    assert online.video_url.startswith("https://")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org/x", "kein link"])
def test_only_web_addresses_are_video_links(
    cooperation: Cooperation, anna: User, link: str
) -> None:
    with pytest.raises(ValidationError) as error:
        plan(cooperation, anna, video_url=link)
    assert "video_url" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_a_meeting_lasts_between_a_quarter_hour_and_twelve_hours(
    cooperation: Cooperation, anna: User
) -> None:
    for minutes in (5, 13 * 60):
        with pytest.raises(ValidationError):
            plan(cooperation, anna, duration_minutes=minutes)


def test_moving_a_meeting_raises_its_calendar_sequence(meeting: Meeting, ben: User) -> None:
    fields = {
        "title": "Jour fixe (neu)",
        "starts_at": meeting.starts_at,
        "duration_minutes": 60,
        "place": meeting.place,
    }
    services.meeting_update(meeting=meeting, user=ben, **fields)  # type: ignore[arg-type]
    assert meeting.sequence == 0  # the title alone does not move anything in a calendar
    fields["starts_at"] = meeting.starts_at + timedelta(hours=2)
    services.meeting_update(meeting=meeting, user=ben, **fields)  # type: ignore[arg-type]
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert meeting.ends_at == meeting.starts_at + timedelta(hours=1)


def test_outsiders_and_former_members_cannot_plan(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    with pytest.raises(PermissionDenied):
        plan(cooperation, carla)
    remove(cooperation, anna, ben)
    with pytest.raises(PermissionDenied):
        plan(cooperation, ben)


def test_an_ended_cooperation_takes_no_meetings(
    cooperation: Cooperation, meeting: Meeting, anna: User
) -> None:
    end(cooperation, anna)
    meeting.cooperation = cooperation
    with pytest.raises(ValidationError, match="beendet"):
        plan(cooperation, anna)
    with pytest.raises(ValidationError, match="beendet"):
        services.protocol_save(meeting=meeting, user=anna, protocol="Nachtrag", revision=0)
    with pytest.raises(ValidationError, match="beendet"):
        services.agenda_item_add(meeting=meeting, user=anna, title="Nachtrag")


def test_the_protocol_keeps_a_parallel_edit(meeting: Meeting, anna: User, ben: User) -> None:
    services.protocol_save(meeting=meeting, user=anna, protocol="# Ergebnisse\n- A", revision=0)
    with pytest.raises(ValidationError, match="inzwischen geändert"):
        services.protocol_save(meeting=meeting, user=ben, protocol="- B", revision=0)
    saved = services.protocol_save(meeting=meeting, user=ben, protocol="- A\n- B", revision=1)
    assert (saved.protocol, saved.protocol_revision, saved.protocol_updated_by) == (
        "- A\n- B",
        2,
        ben,
    )


def test_saving_the_protocol_again_soon_adds_no_second_event(meeting: Meeting, anna: User) -> None:
    services.protocol_save(meeting=meeting, user=anna, protocol="A", revision=0)
    services.protocol_save(meeting=meeting, user=anna, protocol="AB", revision=1)
    assert Event.objects.filter(kind=EventKind.PROTOCOL_SAVED).count() == 1


def test_any_member_adds_agenda_items_in_order_and_moves_them(
    meeting: Meeting, anna: User, ben: User
) -> None:
    first = services.agenda_item_add(meeting=meeting, user=anna, title="Rückblick")
    second = services.agenda_item_add(meeting=meeting, user=ben, title="Angebot Stadtwerke")
    third = services.agenda_item_add(meeting=meeting, user=None, title="Check-in: ändern")
    assert [i.title for i in meeting.agenda_items.all()] == [
        "Rückblick",
        "Angebot Stadtwerke",
        "Check-in: ändern",
    ]
    services.agenda_item_move(item=third, user=ben, up=True)
    services.agenda_item_move(item=first, user=ben, up=True)  # already on top: stays
    assert list(meeting.agenda_items.values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]


def test_only_the_author_or_the_coordination_removes_an_agenda_item(
    meeting: Meeting, anna: User, ben: User
) -> None:
    mine = services.agenda_item_add(meeting=meeting, user=anna, title="Budget")
    with pytest.raises(PermissionDenied):
        services.agenda_item_remove(item=mine, user=ben)
    bens = services.agenda_item_add(meeting=meeting, user=ben, title="Urlaub")
    services.agenda_item_remove(item=bens, user=ben)
    services.agenda_item_remove(item=mine, user=anna)
    assert not meeting.agenda_items.exists()


def test_upcoming_and_past_are_split_at_the_end_of_a_meeting(
    cooperation: Cooperation, anna: User
) -> None:
    from django.utils import timezone

    from apps.meetings import selectors

    running = plan(cooperation, anna, starts_at=timezone.now() - timedelta(minutes=30))
    past = plan(cooperation, anna, starts_at=in_days(-3))
    ahead = plan(cooperation, anna, starts_at=in_days(3))
    now = timezone.now()
    assert list(selectors.upcoming_meetings(cooperation=cooperation, now=now)) == [running, ahead]
    assert list(selectors.past_meetings(cooperation=cooperation, now=now)) == [past]
