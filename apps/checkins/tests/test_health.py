"""Health: signals with reasons, the score, daily snapshots, the trend page and the
dashboard ordering – with frozen time and constant queries."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.checkins.health import Health, health_for, health_of
from apps.checkins.models import HealthSnapshot
from apps.checkins.services import health_snapshots_write
from apps.checkins.tests.conftest import FIRST_CHECKIN, START, answer, make_running, open_round
from apps.checkins.tests.test_cooperation_rules import propose_amendment
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from apps.core.selectors import cooperations_needing
from apps.driver.dispatch import driver_dispatch
from apps.driver.health import HealthReason, signals
from apps.driver.rules import DriverRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_meeting_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every agreed cooperation here has no meeting planned, which costs 10 points; these
    # tests look at the other signals (test_health_running.py covers that one).
    monkeypatch.delitem(signals._signals, "no_meeting_planned")


def reasons_at(cooperation: Cooperation, moment: Any) -> list[tuple[int, str]]:
    health = health_for(cooperation, run=DriverRun.start(moment))
    assert health is not None
    return [(reason.points, reason.text) for reason in health.reasons]


# Signals ---------------------------------------------------------------------------------


def test_a_fresh_cooperation_is_fully_healthy(running: Cooperation) -> None:
    health = health_for(running, run=DriverRun.start(START + timedelta(days=1)))
    assert health is not None
    assert (health.score, health.reasons, health.level) == (100, [], "good")


@pytest.mark.parametrize(
    ("days", "points"), [(9, None), (10, 10), (21, 20), (25, 20), (42, 30), (100, 30)]
)
def test_silence_costs_more_the_longer_it_lasts(
    running: Cooperation, days: int, points: int | None
) -> None:
    found = reasons_at(running, START + timedelta(days=days, hours=1))
    if points is None:
        assert found == []
    else:
        assert found == [(points, f"seit {days} Tagen keine Aktivität")]


def test_a_version_waiting_for_acceptance_costs_points_then_more(
    running: Cooperation, anna: User
) -> None:
    with time_machine.travel(START + timedelta(days=1), tick=False):
        propose_amendment(running, anna)
    assert reasons_at(running, START + timedelta(days=3)) == []
    assert reasons_at(running, START + timedelta(days=4, hours=1)) == [
        (10, "Fassung 2 wartet seit 3 Tagen auf Annahme")
    ]
    assert reasons_at(running, START + timedelta(days=7, hours=1)) == [
        (15, "Fassung 2 wartet seit 6 Tagen auf Annahme")
    ]


def test_the_latest_check_in_counts_with_its_choices_ratings_and_missing_answers(
    anna: User, ben: User, carla: User
) -> None:
    running = make_running(anna, ben, carla)
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN, choice="leave", comment="Es passt nicht.", culture=1)
    answer(check_in, ben, FIRST_CHECKIN, choice="change", comment="Mehr Absprache.", culture=1)
    # Open: nothing counts yet (the answers are hidden).
    assert reasons_at(running, FIRST_CHECKIN + timedelta(days=1)) == []
    after = FIRST_CHECKIN + timedelta(days=14)
    assert reasons_at(running, after) == [
        (25, "Check-in vom 31. Mai 2026: 1 Mitglied möchte aussteigen („Leave it“)"),
        (10, "seit 14 Tagen keine Aktivität"),
        (5, "Check-in vom 31. Mai 2026: 1 Mitglied möchte etwas ändern („Change it“)"),
        (5, "Check-in vom 31. Mai 2026: 1 Antwort fehlt"),
    ]


def test_low_ratings_in_the_check_in_cost_points(
    running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    low = {"personality": 2, "behaviour": 2, "culture": 1, "organisation": 1}
    answer(check_in, anna, FIRST_CHECKIN, **low)
    answer(check_in, ben, FIRST_CHECKIN, **low)
    assert reasons_at(running, FIRST_CHECKIN + timedelta(hours=1)) == [
        (15, "Check-in vom 31. Mai 2026: Bewertung im Mittel 1,5 von 5")
    ]


def test_an_open_exit_costs_the_most(running: Cooperation, anna: User, ben: User) -> None:
    moment = START + timedelta(days=2)
    with time_machine.travel(moment, tick=False):
        exit_process = cooperation_services.exit_propose(
            cooperation=running, user=ben, kind="leave", reason="Mir fehlt die Zeit dafür."
        )
    assert reasons_at(running, moment) == [
        (25, "Seit 4. März 2026 läuft ein Ausstieg: Ben Brückner verlässt die Kooperation")
    ]
    with time_machine.travel(moment, tick=False):
        cooperation_services.exit_cancel(exit_process=exit_process, user=ben)
        cooperation_services.exit_propose(
            cooperation=running, user=anna, kind="end", reason="Unser Ziel ist erreicht."
        )
    assert reasons_at(running, moment) == [
        (40, "Seit 4. März 2026 ist vorgeschlagen, die Kooperation zu beenden")
    ]


def test_the_score_adds_up_the_reasons_and_never_drops_below_zero() -> None:
    health = Health(1, [HealthReason(30, "a"), HealthReason(20, "b")])
    assert (health.score, health.level) == (50, "watch")
    assert health.level_label == "braucht Aufmerksamkeit"
    health.reasons.append(HealthReason(80, "c"))
    assert (health.score, health.level) == (0, "critical")


def test_another_apps_signal_plugs_in_and_a_failing_one_is_left_out(
    running: Cooperation, caplog: pytest.LogCaptureFixture
) -> None:
    def overdue(ids: Any, run: DriverRun) -> dict[int, list[HealthReason]]:
        return {pk: [HealthReason(15, "2 Aufgaben überfällig")] for pk in ids}

    def broken(ids: Any, run: DriverRun) -> dict[int, list[HealthReason]]:
        raise RuntimeError("kaputt")

    with signals.registered("test_overdue", overdue), signals.registered("test_broken", broken):
        health = health_for(running, run=DriverRun.start(START))
    assert health is not None
    assert (health.score, [r.text for r in health.reasons]) == (85, ["2 Aufgaben überfällig"])
    assert "test_broken failed" in caplog.text
    assert "test_overdue" not in signals.names()


def test_health_of_many_cooperations_needs_the_same_queries_as_of_few(
    anna: User, ben: User, add_people: Callable[..., None]
) -> None:
    add_people(20)
    people = list(User.objects.exclude(email__endswith="@wirwerk.example").order_by("pk"))
    make_running(anna, ben)
    run = DriverRun.start(FIRST_CHECKIN + timedelta(days=20))

    def queries() -> int:
        ids = Cooperation.objects.values_list("pk", flat=True)
        with CaptureQueriesContext(connection) as ctx:
            health_of(ids, run=run)
        return len(ctx)

    small = queries()
    for founder, partner in zip(people[::2], people[1::2], strict=True):
        cooperation = make_running(founder, partner, title=f"K {founder.pk}")
        with time_machine.travel(START + timedelta(days=3), tick=False):
            propose_amendment(cooperation, founder)
    open_round()
    leaver = people[-1]
    check_in = leaver.cooperation_memberships.get().cooperation.check_ins.get()
    answer(check_in, leaver, FIRST_CHECKIN, choice="leave", comment="Genug.")
    assert queries() == small


# Snapshots -----------------------------------------------------------------------------


def test_one_snapshot_per_cooperation_and_day_rewritten_only_when_it_changed(
    running: Cooperation, anna: User
) -> None:
    day_one = START + timedelta(days=10, hours=1)
    assert health_snapshots_write(now=day_one) == 1
    assert health_snapshots_write(now=day_one + timedelta(hours=2)) == 0  # idempotent
    snapshot = HealthSnapshot.objects.get()
    assert (snapshot.day, snapshot.score) == (date(2026, 3, 12), 90)
    assert snapshot.reasons == [[10, "seit 10 Tagen keine Aktivität"]]

    # Later the same day something changes: the day's row follows, no second row.
    with time_machine.travel(day_one + timedelta(hours=3), tick=False):
        cooperation_services.activity_record(cooperation=running)
    assert health_snapshots_write(now=day_one + timedelta(hours=4)) == 1
    snapshot = HealthSnapshot.objects.get()
    assert (snapshot.score, snapshot.reasons) == (100, [])

    # A new day, a new row.
    assert health_snapshots_write(now=day_one + timedelta(days=1)) == 1
    assert HealthSnapshot.objects.count() == 2


def test_ended_cooperations_get_no_more_snapshots(running: Cooperation) -> None:
    running.status = "ended"
    running.save(update_fields=["status"])
    assert health_snapshots_write(now=START + timedelta(days=1)) == 0
    assert health_for(running) is None


def test_the_dispatcher_opens_check_ins_and_stores_the_health(running: Cooperation) -> None:
    result = driver_dispatch(now=FIRST_CHECKIN, send_mail=False)
    assert (result.steps["checkins_opened"], result.steps["health"]) == (1, 1)
    assert "checkins_opened=1" in result.line() and "health=1" in result.line()
    again = driver_dispatch(now=FIRST_CHECKIN, send_mail=False)
    assert (again.steps["checkins_opened"], again.steps["health"], again.run.changed) == (
        0,
        0,
        False,
    )
    revealed = driver_dispatch(now=FIRST_CHECKIN + timedelta(days=14), send_mail=False)
    assert revealed.steps["checkins_revealed"] == 1


# The health page -----------------------------------------------------------------------


def test_the_health_page_shows_the_reasons_and_an_accessible_trend(
    client: Client, running: Cooperation, anna: User
) -> None:
    for day in range(8, 30, 3):
        health_snapshots_write(now=START + timedelta(days=day, hours=1))
    client.force_login(anna)
    with time_machine.travel(START + timedelta(days=29, hours=2), tick=False):
        page = client.get(reverse("checkins:health", args=[running.pk])).content.decode()
    assert '<svg class="health-chart chart-wide"' in page and 'role="img"' in page
    assert '<svg class="health-chart chart-narrow"' in page  # the phone layout
    # The chart spans the stored days: from the first value to today.
    title = '<title id="health-chart-title-wide">Gesundheit vom 10. März 2026 bis 31. März 2026'
    assert title in page
    assert (
        '<desc id="health-chart-desc-wide">Am 10. März 2026 100 von 100, zuletzt am 31. März 2026 '
        "80 von 100; der niedrigste Wert war 80 am 25. März 2026.</desc>"
    ) in page
    assert page.count('class="health-point"') == 2 * 8  # eight days, in both layouts
    assert '<th scope="row">22. März 2026</th><td>90</td>' in page  # the table alternative
    assert "seit 29 Tagen keine Aktivität" in page and "−20" in page
    assert "<strong>80</strong>" in page


def test_the_health_page_needs_the_same_queries_for_a_short_and_a_long_trend(
    client: Client, running: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    url = reverse("checkins:health", args=[running.pk])

    def queries() -> int:
        with (
            time_machine.travel(START + timedelta(days=80), tick=False),
            CaptureQueriesContext(connection) as ctx,
        ):
            assert client.get(url).status_code == 200
        return len(ctx)

    health_snapshots_write(now=START + timedelta(days=1))
    small = queries()
    for day in range(2, 80):
        health_snapshots_write(now=START + timedelta(days=day))
    assert queries() == small


def test_the_check_in_page_shows_the_health_with_its_reasons(
    client: Client, running: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    with time_machine.travel(START + timedelta(days=25, hours=1), tick=False):
        page = client.get(reverse("checkins:overview", args=[running.pk])).content.decode()
    assert "Gesundheit der Kooperation" in page
    assert "seit 25 Tagen keine Aktivität" in page and "−20" in page
    assert f'href="{reverse("checkins:health", args=[running.pk])}"' in page


# The dashboard -------------------------------------------------------------------------


def test_the_dashboard_lists_what_waits_for_the_user_first_then_the_least_healthy(
    client: Client, anna: User, ben: User, carla: User
) -> None:
    healthy = make_running(anna, ben, title="Läuft rund")
    sick = make_running(anna, carla, title="Im Ausstieg")
    waiting = make_running(anna, ben, title="Wartet auf Anna")
    with time_machine.travel(START + timedelta(days=1), tick=False):
        propose_amendment(waiting, ben)
        cooperation_services.exit_propose(
            cooperation=sick, user=carla, kind="leave", reason="Mir fehlt die Zeit dafür."
        )
        cooperation_services.activity_record(cooperation=healthy)
    health_snapshots_write(now=START + timedelta(days=1))
    assert [c.title for c in cooperations_needing(user=anna)] == [
        "Wartet auf Anna",
        "Im Ausstieg",
        "Läuft rund",
    ]
    client.force_login(anna)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert page.index("Wartet auf Anna") < page.index("Im Ausstieg") < page.index("Läuft rund")
    assert "Gesundheit 75 von 100" in page
    assert "2 Mitglieder" in page  # every current member counts, not only the viewer


def test_the_dashboard_needs_the_same_queries_with_more_scored_cooperations(
    client: Client, anna: User, ben: User, carla: User
) -> None:
    make_running(anna, ben, title="Erste")
    health_snapshots_write(now=START + timedelta(days=1))
    client.force_login(anna)
    client.get(reverse("core:dashboard"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("core:dashboard"))
        return len(ctx)

    small = queries()
    for index in range(6):
        make_running(anna, carla if index % 2 else ben, title=f"Weitere {index}")
    for day in range(2, 6):
        health_snapshots_write(now=START + timedelta(days=day))
    assert queries() == small
