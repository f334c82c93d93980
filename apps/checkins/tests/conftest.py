"""Fixtures of the check-in and health tests: agreed cooperations and their rounds."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.accounts.models import User
from apps.checkins.models import CheckIn
from apps.checkins.services import checkin_answer, checkins_open_due
from apps.cooperations.models import Cooperation
from apps.driver.tests.conftest import make_nudge, note_rule  # noqa: F401  (fixtures)
from tests.factories import agree, found

# Cooperations for the check-in, health and cooperation-rule tests -------------------------

BERLIN = ZoneInfo("Europe/Berlin")
# Everything in ``running`` happens on this Monday; its first check-in is due 90 days on.
START = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
FIRST_CHECKIN = START + timedelta(days=90)


def make_running(
    founder: User, *others: User, title: str = "Führung im Mittelstand"
) -> Cooperation:
    """An agreed cooperation of ``founder`` and ``others``, all set up at START."""
    with time_machine.travel(START, tick=False):
        cooperation = found(founder, *others, title=title)
        agree(cooperation, founder, *others)
    cooperation.refresh_from_db()
    return cooperation


@pytest.fixture
def running(anna: User, ben: User) -> Cooperation:
    """anna and ben, agreed at START (review every 90 days)."""
    return make_running(anna, ben)


def open_round(at: datetime = FIRST_CHECKIN) -> CheckIn:
    """Open the due check-in rounds at ``at``; the newest round."""
    with time_machine.travel(at, tick=False):
        checkins_open_due()
    found = CheckIn.objects.order_by("-created_at", "-pk").first()
    assert found is not None
    return found


def answer_data(choice: str = "love", comment: str = "", **ratings: int) -> dict[str, Any]:
    data: dict[str, Any] = {"personality": 4, "behaviour": 4, "culture": 4, "organisation": 4}
    data.update(ratings)
    data.update(choice=choice, comment=comment)
    return data


def answer(check_in: CheckIn, user: User, at: datetime, **data: Any) -> Any:
    with time_machine.travel(at, tick=False):
        return checkin_answer(check_in=check_in, user=user, data=answer_data(**data))
