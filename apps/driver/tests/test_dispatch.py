"""The one periodic dispatcher: every job in settings.PERIODIC_JOBS, the driver among them."""

from collections.abc import Iterable

from django.conf import settings
from django.core.management import call_command
from django.utils.module_loading import import_string

from apps.core.management.commands.periodic import Job
from apps.driver.models import Nudge
from apps.driver.rules import DriverRun, NudgeSpec, registry


def test_every_periodic_job_names_a_task_and_an_interval() -> None:
    assert "driver" in settings.PERIODIC_JOBS
    for spec in settings.PERIODIC_JOBS.values():
        assert hasattr(import_string(spec["task"]), "enqueue")
        assert spec["minutes"] > 0


def test_a_job_is_due_at_start_and_then_after_its_interval() -> None:
    job = Job(name="probe", task=None, seconds=900)
    assert job.due(100.0)
    job.last = 100.0
    assert not job.due(999.0)
    assert job.due(1000.0)


def test_the_dispatcher_runs_the_driver_through_its_task(anna, settings) -> None:
    settings.PERIODIC_JOBS = {"driver": settings.PERIODIC_JOBS["driver"]}

    def everyone(run: DriverRun) -> Iterable[NudgeSpec]:
        yield NudgeSpec(user_id=anna.pk, subject="probe:1")

    with registry.registered("test_everyone", everyone, message=lambda params: "Probe"):
        # Tasks run at once under pytest (ImmediateBackend), as the worker would.
        call_command("periodic", "--once")
    assert Nudge.objects.filter(user=anna, subject="probe:1").exists()


def test_steps_run_around_the_rules_and_a_failing_one_does_not_stop_the_job(
    db, monkeypatch, caplog
) -> None:
    from apps.driver import dispatch

    order: list[str] = []

    def before(now) -> int:  # type: ignore[no-untyped-def]
        order.append("before")
        return 2

    def broken(now) -> int:  # type: ignore[no-untyped-def]
        raise RuntimeError("kaputt")

    def after(now) -> int:  # type: ignore[no-untyped-def]
        order.append("after")
        return 1

    monkeypatch.setattr(dispatch, "_steps", {})
    dispatch.dispatch_step("probe_before", before_run=True)(before)
    dispatch.dispatch_step("probe_broken")(broken)
    dispatch.dispatch_step("probe_after")(after)
    result = dispatch.driver_dispatch(send_mail=False)
    assert order == ["before", "after"]
    assert result.steps == {"probe_before": 2, "probe_broken": 0, "probe_after": 1}
    assert result.line().endswith("probe_before=2 probe_broken=0 probe_after=1")
    assert "Driver step probe_broken failed" in caplog.text


def test_the_check_ins_register_their_steps() -> None:
    from apps.driver.dispatch import step_names

    assert step_names() == ["checkins_opened", "checkins_revealed", "checkin_topics", "health"]
