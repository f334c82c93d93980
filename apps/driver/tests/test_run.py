"""The driver run: rules in, nudges out — idempotent, resolving, constant queries."""

from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, registry
from apps.driver.services import driver_run, nudges_resolve

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN)

# The test rule nudges whoever is listed here: the tests switch conditions on and off.
conditions: dict[tuple[int, str], dict[str, object]] = {}


def _describe(params: dict[str, object]) -> str:
    return f"Bitte kümmern Sie sich um {params['title']}."


def _listed(run: DriverRun) -> Iterable[NudgeSpec]:
    for (user_id, subject), params in conditions.items():
        yield NudgeSpec(
            user_id=user_id,
            subject=subject,
            period=run.week,
            params=dict(params),
            url="/impulse/",
            urgent=bool(params.get("urgent")),
        )


@pytest.fixture
def listed_rule() -> Iterator[str]:
    conditions.clear()
    with registry.registered("test_listed", _listed, message=_describe):
        yield "test_listed"
    conditions.clear()


def test_rule_creates_one_nudge_per_user_subject_and_period(anna, ben, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    conditions[(ben.pk, "thing:1")] = {"title": "Ding 1"}
    with time_machine.travel(MONDAY, tick=False):
        result = driver_run(rules=[listed_rule])
    assert result.created == 2
    nudge = Nudge.objects.get(user=anna)
    assert (nudge.rule, nudge.subject, nudge.period) == ("test_listed", "thing:1", "2026-W11")
    assert nudge.status == NudgeStatus.OPEN
    assert nudge.message == "Bitte kümmern Sie sich um Ding 1."
    assert nudge.created_at == MONDAY


def test_running_twice_changes_nothing(anna, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    with time_machine.travel(MONDAY, tick=False):
        driver_run(rules=[listed_rule])
        before = list(Nudge.objects.values())
        again = driver_run(rules=[listed_rule])
    assert not again.changed
    assert list(Nudge.objects.values()) == before


def test_a_new_period_brings_a_new_nudge(anna, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    with time_machine.travel(MONDAY, tick=False):
        driver_run(rules=[listed_rule])
    with time_machine.travel(datetime(2026, 3, 16, 9, 0, tzinfo=BERLIN), tick=False):
        result = driver_run(rules=[listed_rule])
    # Last week's nudge is resolved: the rule now asks for this week's.
    assert (result.created, result.resolved) == (1, 1)
    assert list(Nudge.objects.open().values_list("period", flat=True)) == ["2026-W12"]


def test_a_nudge_whose_condition_went_away_is_resolved(anna, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    conditions[(anna.pk, "thing:2")] = {"title": "Ding 2"}
    with time_machine.travel(MONDAY, tick=False):
        driver_run(rules=[listed_rule])
    del conditions[(anna.pk, "thing:1")]
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN), tick=False):
        result = driver_run(rules=[listed_rule])
    assert result.resolved == 1
    resolved = Nudge.objects.get(subject="thing:1")
    assert resolved.status == NudgeStatus.RESOLVED
    assert resolved.closed_at == datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN)
    assert Nudge.objects.get(subject="thing:2").status == NudgeStatus.OPEN


def test_a_resolved_nudge_opens_again_when_its_condition_comes_back(anna, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    with time_machine.travel(MONDAY, tick=False):
        driver_run(rules=[listed_rule])
        nudges_resolve(subject="thing:1")
        result = driver_run(rules=[listed_rule])
    assert result.reopened == 1
    nudge = Nudge.objects.get()
    assert nudge.status == NudgeStatus.OPEN
    assert nudge.closed_at is None


def test_a_nudge_the_person_closed_stays_closed_while_the_condition_holds(
    anna, listed_rule
) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    with time_machine.travel(MONDAY, tick=False):
        driver_run(rules=[listed_rule])
        Nudge.objects.update(status=NudgeStatus.DISMISSED)
        result = driver_run(rules=[listed_rule])
    assert not result.changed
    assert Nudge.objects.get().status == NudgeStatus.DISMISSED


def test_changed_params_update_the_open_nudge(anna, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    with time_machine.travel(MONDAY, tick=False):
        driver_run(rules=[listed_rule])
        conditions[(anna.pk, "thing:1")] = {"title": "Ding eins", "urgent": True}
        result = driver_run(rules=[listed_rule])
    assert (result.created, result.updated) == (0, 1)
    nudge = Nudge.objects.get()
    assert nudge.params == {"title": "Ding eins", "urgent": True}
    assert nudge.urgent


def test_nudges_resolve_closes_the_subject_at_once(anna, ben, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    conditions[(ben.pk, "thing:1")] = {"title": "Ding 1"}
    conditions[(ben.pk, "thing:2")] = {"title": "Ding 2"}
    driver_run(rules=[listed_rule])
    assert nudges_resolve(subject="thing:1") == 2
    assert set(Nudge.objects.open().values_list("subject", flat=True)) == {"thing:2"}


def test_a_failing_rule_does_not_stop_the_others_and_keeps_its_nudges(
    anna, listed_rule, caplog
) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    driver_run(rules=[listed_rule])

    def broken(run: DriverRun) -> Iterable[NudgeSpec]:
        raise RuntimeError("kaputt")

    conditions.clear()
    with registry.registered("test_broken", broken, message=_describe):
        Nudge.objects.update(rule="test_broken")
        result = driver_run()
    assert "test_broken" in result.failed
    assert Nudge.objects.get().status == NudgeStatus.OPEN
    assert "kaputt" in caplog.text


def test_a_rule_returning_an_invalid_spec_counts_as_failed(anna) -> None:
    def offsite(run: DriverRun) -> Iterable[NudgeSpec]:
        yield NudgeSpec(user_id=anna.pk, subject="x:1", url="https://example.org/")

    with registry.registered("test_offsite", offsite, message=_describe):
        result = driver_run(rules=["test_offsite"])
    assert result.failed == ["test_offsite"]
    assert not Nudge.objects.exists()


def test_a_full_run_resolves_nudges_of_rules_that_no_longer_exist(anna, listed_rule) -> None:
    conditions[(anna.pk, "thing:1")] = {"title": "Ding 1"}
    driver_run(rules=[listed_rule])
    conditions.clear()
    Nudge.objects.update(rule="removed_rule")
    result = driver_run()
    assert result.resolved == 1
    # Its text falls back to a neutral sentence instead of failing.
    assert Nudge.objects.get().message == "Ein Impuls wartet auf Sie."


def test_the_test_rule_is_gone_after_the_test() -> None:
    assert "test_listed" not in registry


def test_rule_names_must_be_simple_and_unique() -> None:
    with pytest.raises(ImproperlyConfigured):
        driver_rule("Bad Name", message=_describe)(_listed)
    with registry.registered("test_once", _listed, message=_describe):

        def other(run: DriverRun) -> Iterable[NudgeSpec]:
            return []

        with pytest.raises(ImproperlyConfigured):
            driver_rule("test_once", message=_describe)(other)


def test_thresholds_come_from_settings_and_cooperation_overrides_win(db, settings) -> None:
    settings.DRIVER = {**settings.DRIVER, "silence_days": 10}
    run = DriverRun.start(MONDAY)
    run = DriverRun(now=run.now, thresholds=run.thresholds, overrides={7: {"silence_days": 5}})
    assert run.threshold("silence_days") == 10
    assert run.threshold("silence_days", cooperation_id=7) == 5
    assert run.threshold("silence_days", cooperation_id=8) == 10
    with pytest.raises(ImproperlyConfigured):
        run.threshold("no_such_threshold")


def _active_users_named_a(run: DriverRun) -> Iterable[NudgeSpec]:
    # A well-behaved rule: one query for all of them.
    users = User.objects.filter(email__startswith="a", is_active=True).values_list("pk", flat=True)
    for user_id in users:
        yield NudgeSpec(user_id=user_id, subject=f"user:{user_id}", period=run.week)


def _queries_of_runs(size: int) -> tuple[int, int, int]:
    """Queries of a run that creates ``size`` nudges, one that changes nothing and one
    that resolves half of them."""
    Nudge.objects.all().delete()
    User.objects.filter(email__startswith="a").delete()
    User.objects.bulk_create(User(email=f"a{index}@example.org") for index in range(size))
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            driver_run(rules=["test_active_named_a"])
        counts.append(len(ctx))
    User.objects.filter(email__in=[f"a{index}@example.org" for index in range(size // 2)]).update(
        is_active=False
    )
    with CaptureQueriesContext(connection) as ctx:
        result = driver_run(rules=["test_active_named_a"])
    counts.append(len(ctx))
    assert result.resolved == size // 2
    assert Nudge.objects.count() == size
    return counts[0], counts[1], counts[2]


@pytest.mark.django_db
def test_the_number_of_queries_of_a_run_does_not_grow_with_the_data() -> None:
    with registry.registered("test_active_named_a", _active_users_named_a, message=_describe):
        small = _queries_of_runs(4)
        large = _queries_of_runs(3000)
    assert small == large


def test_threshold_override_loaders_are_asked_once_per_run(monkeypatch) -> None:
    from apps.driver import rules

    calls = []

    def loader() -> dict[int, dict[str, int]]:
        calls.append(1)
        return {3: {"silence_days": 7}}

    monkeypatch.setattr(rules, "_override_loaders", [])
    rules.driver_threshold_overrides(loader)
    run = DriverRun.start(MONDAY)
    assert run.threshold("silence_days", cooperation_id=3) == 7
    assert run.threshold("silence_days", cooperation_id=4) == 21
    assert calls == [1]


def test_a_spec_must_have_dict_params_and_a_local_url() -> None:
    assert NudgeSpec(user_id=1, subject="x:1", url="/kooperationen/1/").problems() == []
    assert NudgeSpec(user_id=1, subject="x:1", params=["a"]).problems()  # type: ignore[arg-type]
    assert NudgeSpec(user_id=1, subject="x:1", url="//evil.example/").problems()
    assert NudgeSpec(user_id=1, subject="", url="").problems()
    assert NudgeSpec(user_id=1, subject="x:1", params={"when": MONDAY}).problems()
