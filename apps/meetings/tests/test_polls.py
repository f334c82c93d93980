"""Date polls: members answer yes / maybe / no; the best slot becomes a meeting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings import selectors, services
from apps.meetings.models import DatePoll, Meeting
from apps.meetings.tests.conftest import in_days
from tests.factories import join

pytestmark = pytest.mark.django_db


def start_poll(cooperation: Cooperation, user: User, *days: int) -> DatePoll:
    return services.date_poll_create(
        cooperation=cooperation,
        user=user,
        title="Strategietag",
        slots=[in_days(day) for day in days or (3, 4, 5)],
        duration_minutes=180,
        video_url="https://meet.example.org/strategie",
    )


def answer(poll: DatePoll, user: User, *values: str) -> None:
    slots = list(poll.slots.all())
    services.date_poll_answer(
        poll=poll, user=user, answers={s.pk: v for s, v in zip(slots, values, strict=True)}
    )


def test_proposed_slots_lie_ahead(cooperation: Cooperation, ben: User) -> None:
    with pytest.raises(ValidationError, match="Zukunft"):
        start_poll(cooperation, ben, -1, 3)
    with pytest.raises(ValidationError, match="mindestens einen"):
        services.date_poll_create(cooperation=cooperation, user=ben, title="X", slots=[])
    poll = start_poll(cooperation, ben, 3, 3, 4)
    assert poll.slots.count() == 2  # the same slot twice is one slot


def test_results_count_answers_and_pick_the_best_slot(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    join(cooperation, anna, carla)
    poll = start_poll(cooperation, ben)
    answer(poll, anna, "yes", "maybe", "yes")
    answer(poll, ben, "no", "yes", "yes")
    answer(poll, ben, "maybe", "yes", "yes")  # answering again replaces the answers
    results = selectors.poll_results(poll=poll, user=ben)
    assert [(s.yes, s.maybe, s.no) for s in results.slots] == [(1, 1, 0), (1, 1, 0), (2, 0, 0)]
    assert results.best is not None
    assert results.best.slot.starts_at == in_days(5)
    assert results.waiting == [carla]
    assert list(results.mine.values()) == ["maybe", "yes", "yes"]


def test_ties_go_to_the_earliest_slot(cooperation: Cooperation, anna: User, ben: User) -> None:
    poll = start_poll(cooperation, ben)
    answer(poll, anna, "no", "yes", "yes")
    best = selectors.poll_results(poll=poll, user=anna).best
    assert best is not None
    assert best.slot.starts_at == in_days(4)


def test_the_coordination_turns_the_best_slot_into_a_meeting(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    poll = start_poll(cooperation, ben)
    answer(poll, anna, "yes", "no", "no")
    best = selectors.poll_results(poll=poll, user=anna).best
    assert best is not None
    meeting = services.date_poll_schedule(poll=poll, user=anna, slot=best.slot)
    assert (meeting.title, meeting.starts_at, meeting.duration_minutes) == (
        "Strategietag",
        in_days(3),
        180,
    )
    assert meeting.video_url == "https://meet.example.org/strategie"
    poll.refresh_from_db()
    assert poll.meeting == meeting
    assert not poll.is_open
    with pytest.raises(ValidationError, match="abgeschlossen"):
        answer(poll, ben, "yes", "yes", "yes")
    with pytest.raises(ValidationError, match="abgeschlossen"):
        services.date_poll_schedule(poll=poll, user=anna, slot=best.slot)
    assert Meeting.objects.count() == 1


def test_only_the_coordination_or_the_poll_starter_schedules(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    join(cooperation, anna, carla)
    poll = start_poll(cooperation, ben)
    slot = poll.slots.first()
    assert slot is not None
    with pytest.raises(PermissionDenied):
        services.date_poll_schedule(poll=poll, user=carla, slot=slot)
    services.date_poll_schedule(poll=poll, user=ben, slot=slot)  # ben started it


def test_answers_must_be_yes_maybe_or_no_for_this_polls_slots(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    poll = start_poll(cooperation, ben)
    other = start_poll(cooperation, ben, 8)
    with pytest.raises(ValidationError):
        answer(poll, anna, "yes", "gern", "no")
    foreign = other.slots.get()
    with pytest.raises(ValidationError, match="Unbekannter"):
        services.date_poll_answer(poll=poll, user=anna, answers={foreign.pk: "yes"})
