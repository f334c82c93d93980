"""Health signals from running the cooperation: overdue actions, no meeting ahead and
contributions lagging behind the commitments (data of apps.meetings and
apps.contributions)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apps.accounts.models import User
from apps.checkins.health import health_for
from apps.contributions.tests.conftest import log
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation, CooperationKind
from apps.driver.rules import DriverRun
from apps.meetings.services import action_create, meeting_create
from tests.factories import commit, join

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
DAY = datetime(2026, 4, 1, 9, 0, tzinfo=BERLIN)


def reasons(cooperation: Cooperation, moment: datetime) -> dict[str, int]:
    health = health_for(cooperation, run=DriverRun.start(moment))
    assert health is not None
    return {reason.text: reason.points for reason in health.reasons}


@pytest.fixture
def agreed(anna: User, ben: User) -> Cooperation:
    """anna commits 12 hours a month, ben 6; agreed on DAY, both logged an hour then."""
    with time_machine.travel(DAY, tick=False):
        cooperation = cooperation_services.cooperation_create(
            founder=anna,
            title="Führung im Mittelstand",
            purpose="Ein gemeinsames Programm für Führungskräfte in Familienunternehmen.",
            kind=CooperationKind.JOINT_OFFER,
        )
        join(cooperation, anna, ben)
        commit(cooperation, {anna: 12, ben: 6})
    return cooperation


def plan(cooperation: Cooperation, user: User, starts_at: datetime) -> None:
    with time_machine.travel(DAY, tick=False):
        meeting_create(
            cooperation=cooperation,
            user=user,
            title="Abstimmung",
            starts_at=starts_at,
            duration_minutes=60,
            place="online",
        )


def test_no_meeting_in_the_next_30_days_costs_10_points(agreed: Cooperation, anna: User) -> None:
    text = "keine Besprechung in den nächsten 30 Tagen geplant"
    assert reasons(agreed, DAY)[text] == 10
    plan(agreed, anna, DAY + timedelta(days=31))
    assert reasons(agreed, DAY)[text] == 10  # too far ahead
    plan(agreed, anna, DAY + timedelta(days=20))
    assert text not in reasons(agreed, DAY)


def test_overdue_actions_cost_5_points_each_at_most_20(
    agreed: Cooperation, anna: User, ben: User
) -> None:
    with time_machine.travel(DAY, tick=False):
        for index in range(5):
            action_create(
                cooperation=agreed,
                user=anna,
                title=f"Angebot {index} schreiben",
                owner=ben,
                due_on=date(2026, 4, 3),
            )
    assert "5 Aufgaben überfällig" not in reasons(agreed, DAY + timedelta(days=2))
    assert reasons(agreed, DAY + timedelta(days=3))["5 Aufgaben überfällig"] == 20


def test_a_member_behind_the_committed_hours_costs_10_points(
    agreed: Cooperation, anna: User, ben: User
) -> None:
    later = DAY + timedelta(days=40)
    with time_machine.travel(later, tick=False):
        log(agreed, anna, hours="30", on=date(2026, 5, 5))
        log(agreed, ben, hours="1", on=date(2026, 5, 5))
    found = reasons(agreed, later)
    assert found["Ben Brückner hat 3,2\xa0% der Stunden geleistet, zugesagt sind 33,3\xa0%"] == 10
    assert not any(text.startswith("Anna") for text in found)
