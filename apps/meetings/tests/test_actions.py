"""Actions: a current member owns each; done, cancelled or reopened by any member."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, Event, EventKind
from apps.driver.models import Nudge, NudgeStatus
from apps.meetings import selectors, services
from apps.meetings.models import Action, ActionStatus, Meeting
from apps.meetings.tests.conftest import assign
from tests.factories import end, remove

pytestmark = pytest.mark.django_db


def test_an_action_from_the_protocol_belongs_to_a_current_member(
    cooperation: Cooperation, meeting: Meeting, anna: User, ben: User, carla: User
) -> None:
    action = assign(cooperation, anna, ben, meeting=meeting)
    assert (action.owner, action.meeting, action.status) == (ben, meeting, ActionStatus.OPEN)
    with pytest.raises(ValidationError) as error:
        assign(cooperation, anna, carla)
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError):
        assign(cooperation, anna, None)  # type: ignore[arg-type]


def test_a_new_action_is_not_due_in_the_past(cooperation: Cooperation, anna: User) -> None:
    with pytest.raises(ValidationError) as error:
        assign(cooperation, anna, anna, due=timezone.localdate() - timedelta(days=1))
    assert "due_on" in error.value.message_dict
    assert assign(cooperation, anna, anna, due=timezone.localdate()).due_on == (
        timezone.localdate()
    )


def test_marking_done_closes_the_nudges_about_the_action_at_once(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    action = assign(cooperation, anna, ben)
    subject = services.action_subject(action.pk)
    for user, period in ((ben, "owner"), (anna, "everyone")):
        Nudge.objects.create(user=user, rule="action_overdue", subject=subject, period=period)
    unrelated = Nudge.objects.create(user=ben, rule="action_overdue", subject="action:999999")
    done = services.action_complete(action=action, user=anna)  # any member, not just the owner
    assert (done.status, done.closed_by) == (ActionStatus.DONE, anna)
    assert done.closed_at is not None
    assert set(Nudge.objects.filter(subject=subject).values_list("status", flat=True)) == {
        NudgeStatus.RESOLVED
    }
    unrelated.refresh_from_db()
    assert unrelated.status == NudgeStatus.OPEN
    assert Event.objects.filter(kind=EventKind.ACTION_DONE, params__action=action.pk).exists()


def test_a_closed_action_cannot_be_closed_again_but_reopened(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    action = assign(cooperation, anna, ben)
    services.action_cancel(action=action, user=ben)
    with pytest.raises(ValidationError, match="bereits abgeschlossen"):
        services.action_complete(action=action, user=ben)
    reopened = services.action_reopen(action=action, user=anna)
    assert (reopened.status, reopened.closed_at, reopened.closed_by) == (
        ActionStatus.OPEN,
        None,
        None,
    )


def test_changing_owner_or_date_of_an_open_action(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    action = assign(cooperation, anna, ben, due=timezone.localdate() + timedelta(days=2))
    Nudge.objects.create(user=ben, rule="action_overdue", subject=f"action:{action.pk}")
    changed = services.action_update(
        action=action,
        user=ben,
        title="Angebot an die Stadtwerke",
        owner=anna,
        due_on=action.due_on + timedelta(days=7),
    )
    assert (changed.owner, changed.title) == (anna, "Angebot an die Stadtwerke")
    assert not Nudge.objects.open().exists()
    services.action_complete(action=changed, user=anna)
    with pytest.raises(ValidationError, match="Nur offene"):
        services.action_update(
            action=changed, user=anna, title="x", owner=anna, due_on=changed.due_on
        )


def test_an_overdue_action_keeps_its_date_when_only_the_title_changes(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    action = assign(cooperation, anna, ben)
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    action.refresh_from_db()
    services.action_update(
        action=action, user=ben, title="Neuer Titel", owner=ben, due_on=action.due_on
    )


def test_former_members_and_ended_cooperations_are_read_only(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    action = assign(cooperation, anna, anna)
    remove(cooperation, anna, ben)
    with pytest.raises(PermissionDenied):
        services.action_complete(action=action, user=ben)
    end(cooperation, anna)
    action.cooperation = cooperation
    with pytest.raises(ValidationError, match="beendet"):
        services.action_complete(action=action, user=anna)


def test_my_actions_filter_by_status_overdue_and_cooperation(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    today = timezone.localdate()
    soon = assign(cooperation, anna, ben, title="Bald")
    late = assign(cooperation, anna, ben, title="Spät")
    Action.objects.filter(pk=late.pk).update(due_on=today - timedelta(days=1))
    done = services.action_complete(action=assign(cooperation, anna, ben, title="Fertig"), user=ben)
    assign(cooperation, anna, anna, title="Annas")

    def titles(status: str, **kwargs: object) -> list[str]:
        found = selectors.actions_for(user=ben, status=status, today=today, **kwargs)  # type: ignore[arg-type]
        return [a.title for a in found]

    assert titles("open") == ["Spät", "Bald"]
    assert titles("overdue") == ["Spät"]
    assert titles("done") == [done.title]
    assert titles("all") == ["Fertig", "Spät", "Bald"]
    assert titles("open", cooperation_id=cooperation.pk + 1000) == []
    assert soon.is_overdue(today) is False
