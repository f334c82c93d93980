"""Meeting fixtures: anna coordinates "Führung im Mittelstand", ben is a member,
carla is outside (``cooperation`` is the root conftest's). Times are in Europe/Berlin."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import Action, Meeting

BERLIN = ZoneInfo("Europe/Berlin")


def in_days(days: int, hour: int = 10) -> datetime:
    """A moment ``days`` from today at ``hour`` o'clock in Berlin."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


def plan(cooperation: Cooperation, user: User, days: int = 7, **fields: object) -> Meeting:
    values: dict[str, object] = {
        "title": "Jour fixe",
        "starts_at": in_days(days),
        "duration_minutes": 60,
        "place": "Büro Anna, Leipzig",
    }
    values.update(fields)
    return services.meeting_create(cooperation=cooperation, user=user, **values)  # type: ignore[arg-type]


def assign(
    cooperation: Cooperation, user: User, owner: User, due: date | None = None, **fields: object
) -> Action:
    return services.action_create(
        cooperation=cooperation,
        user=user,
        title=str(fields.pop("title", "Angebot schreiben")),
        owner=owner,
        due_on=due or timezone.localdate() + timedelta(days=7),
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def meeting(cooperation: Cooperation, anna: User) -> Meeting:
    return plan(cooperation, anna)
