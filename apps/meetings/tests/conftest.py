"""Meeting fixtures: anna coordinates "Führung im Mittelstand", ben is a member,
carla is outside. Times are in Europe/Berlin."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation, CooperationKind
from apps.cooperations.tests.conftest import agree, connect, join  # noqa: F401
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
def cooperation(anna: User, ben: User) -> Cooperation:
    """anna coordinates, ben is a member (as in the cooperations' tests)."""
    cooperation = cooperation_services.cooperation_create(
        founder=anna,
        title="Führung im Mittelstand",
        purpose="Ein gemeinsames Programm für Führungskräfte in Familienunternehmen.",
        kind=CooperationKind.JOINT_OFFER,
    )
    join(cooperation, anna, ben)
    return cooperation


@pytest.fixture
def meeting(cooperation: Cooperation, anna: User) -> Meeting:
    return plan(cooperation, anna)


ALL_DONE = {
    "settlement": "done",
    "settlement_note": "",
    "resources": "n_a",
    "resources_note": "",
    "clients": "n_a",
    "clients_note": "",
    "data_decision": "keep_all",
    "data_note": "",
}


def end(cooperation: Cooperation, user: User) -> None:
    """End the cooperation the orderly way: it becomes read-only."""
    process = cooperation_services.exit_propose(
        cooperation=cooperation, user=user, kind="end", reason="Unsere Wege gehen auseinander."
    )
    cooperation_services.exit_checklist_update(exit_process=process, user=user, data=ALL_DONE)
    cooperation_services.exit_complete(exit_process=process, user=user)
    cooperation.refresh_from_db()


def remove(cooperation: Cooperation, coordinator: User, member: User) -> None:
    cooperation_services.member_remove(
        cooperation=cooperation, by=coordinator, member=member, reason="Hat keine Zeit mehr."
    )
