"""The demo meetings are written through the services and show every state."""

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings.demo import seed_meetings
from apps.meetings.models import Action, DatePoll, Decision, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_shows_meetings_decisions_actions_and_a_poll(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    seed_meetings(cooperation, anna, ben)
    assert Meeting.objects.filter(cooperation=cooperation).count() == 3
    assert Decision.objects.final().count() == 3
    assert Decision.objects.in_force().count() == 2
    assert Decision.objects.filter(status="draft").count() == 1
    assert set(Action.objects.values_list("status", flat=True)) == {"open", "done"}
    assert Action.objects.overdue(timezone.localdate()).count() == 1
    assert DatePoll.objects.get().is_open
