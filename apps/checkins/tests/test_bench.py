"""The benchmark's data builder, and the number of queries of a full driver run: the
same for 5 and for 50 cooperations (the benchmark times it at 10,000)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.base.records import guards_lifted
from apps.checkins.models import CheckIn
from apps.checkins.services import health_snapshots_write
from apps.cooperations.models import Cooperation
from apps.driver.models import Nudge
from apps.driver.services import driver_run
from bench.driver import build

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)


def _full_run_queries(cooperations: int, seed: int) -> tuple[int, int, int]:
    """Queries of a full driver run and of storing the day's health; nudges created."""
    with guards_lifted():  # a wipe between two runs, past the record triggers
        Nudge.objects.all().delete()
        Cooperation.objects.all().delete()
    counts = build(cooperations, now=NOW, seed=seed)
    assert counts["cooperations"] == cooperations
    with CaptureQueriesContext(connection) as ctx:
        result = driver_run(now=NOW)
    assert not result.failed
    with CaptureQueriesContext(connection) as health:
        assert health_snapshots_write(now=NOW) == cooperations
    return len(ctx), len(health), result.created


def test_a_full_driver_run_needs_the_same_queries_for_5_and_50_cooperations() -> None:
    small, small_health, small_nudges = _full_run_queries(5, seed=1)
    large, large_health, large_nudges = _full_run_queries(50, seed=2)
    assert large == small
    assert large_health == small_health
    assert large_nudges > small_nudges > 0


def test_the_builder_gives_every_rule_something_to_find() -> None:
    build(200, now=NOW, seed=3)
    assert CheckIn.objects.filter(answers__choice="leave").exists()
    result = driver_run(now=NOW)
    rules = set(Nudge.objects.values_list("rule", flat=True))
    assert {"cooperation_silence", "agreement_pending", "checkin_due", "checkin_leave"} <= rules
    assert not driver_run(now=NOW).changed
    assert result.created == Nudge.objects.count()
