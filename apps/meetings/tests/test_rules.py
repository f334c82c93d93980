"""The driver's rules for actions and meetings, with frozen time."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, driver_settings
from apps.driver.services import driver_run
from apps.meetings import services
from apps.meetings.models import Action
from apps.meetings.rules import action_overdue, no_meeting_planned
from apps.meetings.tests.conftest import BERLIN, assign, plan
from tests.factories import agree, end, join, remove

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN)  # week 11
DUE = date(2026, 3, 11)  # a Wednesday


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


@pytest.fixture
def action(cooperation: Cooperation, anna: User, ben: User) -> Iterator[Action]:
    with time_machine.travel(MONDAY, tick=False):
        yield assign(cooperation, anna, ben, title="Angebot schreiben", due=DUE)


def run_overdue(day: date, hour: int = 9):  # type: ignore[no-untyped-def]
    with time_machine.travel(at(day, hour), tick=False):
        return driver_run(rules=["action_overdue"])


def open_nudges(rule: str = "action_overdue") -> set[tuple[str, str, bool]]:
    rows = Nudge.objects.open().filter(rule=rule).select_related("user")
    return {(n.user.name.split()[0], n.period, n.urgent) for n in rows}


# Overdue actions ---------------------------------------------------------------


def test_an_action_is_not_overdue_on_its_due_date(action: Action) -> None:
    result = run_overdue(DUE, hour=23)
    assert result.created == 0


def test_the_owner_is_nudged_urgently_from_the_day_after(
    action: Action, ben: User, anna: User
) -> None:
    run_overdue(DUE + timedelta(days=1))
    assert open_nudges() == {("Ben", "owner", True)}
    nudge = Nudge.objects.get()
    assert nudge.subject == f"action:{action.pk}"
    assert nudge.cooperation_id == action.cooperation_id
    assert nudge.url.endswith(f"/aufgaben/#aufgabe-{action.pk}")
    assert "Angebot schreiben" in nudge.message and "11. März 2026" in nudge.message


def test_running_twice_changes_nothing(action: Action) -> None:
    run_overdue(DUE + timedelta(days=1))
    before = list(Nudge.objects.values())
    again = run_overdue(DUE + timedelta(days=1))
    assert not again.changed
    assert list(Nudge.objects.values()) == before


def test_after_seven_days_everyone_else_is_nudged_too(
    cooperation: Cooperation, action: Action, anna: User, carla: User
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        join(cooperation, anna, carla)
    run_overdue(DUE + timedelta(days=7))
    assert open_nudges() == {("Ben", "owner", True)}
    result = run_overdue(DUE + timedelta(days=8))
    assert result.created == 2
    assert open_nudges() == {
        ("Ben", "owner", True),
        ("Anna", "everyone", False),
        ("Carla", "everyone", False),
    }
    escalated = Nudge.objects.get(user=anna)
    assert "von Ben" in escalated.message and "unterstützen" in escalated.message
    assert not run_overdue(DUE + timedelta(days=8)).changed


def test_marking_done_closes_every_nudge_and_the_next_run_keeps_them_closed(
    action: Action, ben: User
) -> None:
    run_overdue(DUE + timedelta(days=9))
    assert Nudge.objects.open().count() == 2
    with time_machine.travel(at(DUE + timedelta(days=9), 10), tick=False):
        services.action_complete(action=action, user=ben)
    assert not Nudge.objects.open().exists()
    assert set(Nudge.objects.values_list("status", flat=True)) == {NudgeStatus.RESOLVED}
    assert not run_overdue(DUE + timedelta(days=10)).changed


def test_an_owner_who_left_is_not_nudged_and_the_others_are_at_once(
    cooperation: Cooperation, action: Action, anna: User, ben: User
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        remove(cooperation, anna, ben)
    run_overdue(DUE + timedelta(days=1))
    assert open_nudges() == {("Anna", "everyone", False)}
    assert "niemand" in Nudge.objects.get().message


def test_ended_cooperations_and_closed_actions_are_quiet(
    cooperation: Cooperation, action: Action, anna: User, ben: User
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        other = assign(cooperation, anna, anna, title="Abgebrochen", due=DUE)
        services.action_cancel(action=other, user=anna)
        end(cooperation, anna)
    assert run_overdue(DUE + timedelta(days=20)).created == 0


def test_the_escalation_follows_a_per_cooperation_threshold(
    cooperation: Cooperation, action: Action
) -> None:
    overrides = {cooperation.pk: {"action_overdue_escalate_days": 2}}
    run = DriverRun(
        now=at(DUE + timedelta(days=3)), thresholds=driver_settings(), overrides=overrides
    )
    periods = sorted(spec.period for spec in action_overdue(run))
    assert periods == ["everyone", "owner"]


def test_the_overdue_rule_needs_the_same_queries_for_more_data(
    cooperation: Cooperation,
    anna: User,
    ben: User,
    add_people,  # type: ignore[no-untyped-def]
) -> None:
    def measure() -> tuple[int, int]:
        run = DriverRun(now=at(DUE + timedelta(days=9)), thresholds=driver_settings())
        with CaptureQueriesContext(connection) as queries:
            specs = list(action_overdue(run))
        return len(queries), len(specs)

    with time_machine.travel(MONDAY, tick=False):
        assign(cooperation, anna, ben, due=DUE)
    small = measure()
    add_people(4)
    others = list(User.objects.exclude(pk__in=[anna.pk, ben.pk]))
    with time_machine.travel(MONDAY, tick=False):
        for index in range(3):
            extra = services_cooperation(anna, f"Kooperation {index}")
            for person in others:
                join(extra, anna, person)
            for person in others:
                assign(extra, anna, person, due=DUE)
    large = measure()
    assert large[1] > small[1] * 10
    assert large[0] == small[0] == 2


def services_cooperation(founder: User, title: str) -> Cooperation:
    from apps.cooperations import services as cooperation_services

    return cooperation_services.cooperation_create(
        founder=founder, title=title, purpose="Zweck.", kind="other"
    )


# No meeting planned ------------------------------------------------------------


@pytest.fixture
def agreed(cooperation: Cooperation, anna: User, ben: User) -> Cooperation:
    with time_machine.travel(MONDAY, tick=False):
        agree(cooperation, anna, ben)
    cooperation.refresh_from_db()
    return cooperation


def run_meetings(moment: datetime):  # type: ignore[no-untyped-def]
    with time_machine.travel(moment, tick=False):
        return driver_run(rules=["no_meeting_planned"])


def test_an_agreed_cooperation_without_a_next_meeting_nudges_the_coordination(
    agreed: Cooperation,
) -> None:
    run_meetings(MONDAY)
    assert open_nudges("no_meeting_planned") == {("Anna", "2026-03", False)}
    nudge = Nudge.objects.get()
    assert nudge.url == f"/kooperationen/{agreed.pk}/besprechungen/"
    assert "30 Tagen" in nudge.message
    assert not run_meetings(MONDAY).changed


def test_cooperations_still_exploring_are_left_alone(cooperation: Cooperation) -> None:
    assert run_meetings(MONDAY).created == 0


def test_a_meeting_within_the_window_is_enough_and_closes_the_nudge_at_once(
    agreed: Cooperation, anna: User
) -> None:
    run_meetings(MONDAY)
    with time_machine.travel(MONDAY, tick=False):
        plan(agreed, anna, starts_at=MONDAY + timedelta(days=20))
    assert not Nudge.objects.open().exists()
    assert not run_meetings(MONDAY + timedelta(hours=1)).changed


def test_a_meeting_too_far_ahead_does_not_count_and_the_last_one_is_named(
    agreed: Cooperation, anna: User
) -> None:
    with time_machine.travel(MONDAY - timedelta(days=14), tick=False):
        plan(agreed, anna, starts_at=MONDAY - timedelta(days=10))
        plan(agreed, anna, starts_at=MONDAY + timedelta(days=40))
    run_meetings(MONDAY)
    nudge = Nudge.objects.open().get()
    assert "Die letzte Besprechung war am 27. Februar 2026." in nudge.message


def test_a_new_month_brings_a_new_reminder(agreed: Cooperation) -> None:
    run_meetings(MONDAY)
    result = run_meetings(datetime(2026, 4, 1, 9, 0, tzinfo=BERLIN))
    assert (result.created, result.resolved) == (1, 1)
    assert open_nudges("no_meeting_planned") == {("Anna", "2026-04", False)}


def test_the_meeting_window_follows_a_per_cooperation_threshold(
    agreed: Cooperation, anna: User
) -> None:
    with time_machine.travel(MONDAY, tick=False):
        plan(agreed, anna, starts_at=MONDAY + timedelta(days=20))
    overrides = {agreed.pk: {"no_meeting_days": 14}}
    run = DriverRun(now=MONDAY, thresholds=driver_settings(), overrides=overrides)
    assert [spec.params["days"] for spec in no_meeting_planned(run)] == [14]


def test_the_meeting_rule_needs_the_same_queries_for_more_cooperations(
    agreed: Cooperation, anna: User, ben: User
) -> None:
    def measure() -> tuple[int, int]:
        run = DriverRun(now=MONDAY, thresholds=driver_settings())
        with CaptureQueriesContext(connection) as queries:
            specs = list(no_meeting_planned(run))
        return len(queries), len(specs)

    small = measure()
    with time_machine.travel(MONDAY, tick=False):
        for index in range(4):
            extra = services_cooperation(anna, f"Kooperation {index}")
            join(extra, anna, ben)
            agree(extra, anna, ben)
            if index % 2:
                plan(extra, anna, starts_at=MONDAY + timedelta(days=3))
    large = measure()
    assert large[1] == small[1] + 2
    assert large[0] == small[0] == 2
