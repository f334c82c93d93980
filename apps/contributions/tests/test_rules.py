"""The driver rule ``contribution_imbalance``: frozen time, idempotency, resolution,
per-cooperation thresholds and a constant number of queries."""

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.contributions.rules import contribution_imbalance
from apps.contributions.tests.conftest import log
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, driver_settings, registry
from apps.driver.services import driver_run
from tests.factories import commit, join

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
AGREED = datetime(2025, 12, 1, 10, 0, tzinfo=BERLIN)
WEDNESDAY = datetime(2026, 3, 11, 9, 0, tzinfo=BERLIN)  # ISO week 2026-W11
RULE = ["contribution_imbalance"]


@pytest.fixture(autouse=True)
def _clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(AGREED, tick=False) as traveller:
        yield traveller


def at(clock: time_machine.Traveller, moment: datetime = WEDNESDAY) -> None:
    clock.move_to(moment)  # type: ignore[attr-defined]


def nudges() -> list[Nudge]:
    return list(Nudge.objects.filter(rule="contribution_imbalance").order_by("user_id", "period"))


def test_the_rule_is_registered() -> None:
    assert "contribution_imbalance" in registry


def test_a_member_far_behind_the_commitment_nudges_the_whole_cooperation(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="20", on=date(2026, 2, 1))
    log(agreed, ben, hours="1", on=date(2026, 2, 2))
    result = driver_run(rules=RULE)
    assert result.created == 2
    found = nudges()
    assert {n.user_id for n in found} == {anna.pk, ben.pk}
    nudge = found[0]
    assert (nudge.subject, nudge.period) == (f"contribution-balance:{agreed.pk}", "2026-W11")
    assert not nudge.urgent and nudge.cooperation_id == agreed.pk
    assert nudge.url == f"/kooperationen/{agreed.pk}/beitraege/#bilanz"
    # 20 of 21 hours: Anna 95,2 %, Ben 4,8 % – committed are 66,7 % and 33,3 %.
    assert nudge.message == (
        f"Beiträge in „Führung im Mittelstand“ in den letzten 90 Tagen: {ben.name} hat "
        "4,8\xa0% der Stunden geleistet, zugesagt sind 33,3\xa0%. Zeit, gemeinsam über die "
        "Verteilung zu sprechen?"
    )


def test_running_twice_changes_nothing(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="20", on=date(2026, 2, 1))
    first = driver_run(rules=RULE)
    second = driver_run(rules=RULE)
    assert first.created == 2
    assert not second.changed
    assert len(nudges()) == 2


def test_a_gap_within_the_threshold_nudges_nobody(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="12", on=date(2026, 2, 1))
    log(agreed, ben, hours="4", on=date(2026, 2, 1))  # 25,0 % instead of 33,3 %
    driver_run(rules=RULE)
    assert nudges() == []


def test_nothing_logged_at_all_is_no_imbalance(
    agreed: Cooperation, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    driver_run(rules=RULE)
    assert nudges() == []


def test_a_member_who_delivered_nothing_while_others_did_is_named(
    agreed: Cooperation, anna: User, ben: User, carla: User, _clock: time_machine.Traveller
) -> None:
    at(_clock, datetime(2026, 1, 5, 10, 0, tzinfo=BERLIN))
    join(agreed, anna, carla)
    commit(agreed, {anna: 12, ben: 6, carla: 3})
    at(_clock)
    log(agreed, anna, hours="24", on=date(2026, 2, 1))
    log(agreed, ben, hours="12", on=date(2026, 2, 1))
    driver_run(rules=RULE)
    found = nudges()
    # Carla's committed share is small (under 25 points), but she delivered nothing.
    assert {n.user_id for n in found} == {anna.pk, ben.pk, carla.pk}
    assert "Carla" in found[0].message and "keine Stunden eingetragen" in found[0].message
    assert "Ben" not in found[0].message.split(":", 1)[1]


def test_a_new_member_gets_two_weeks_before_being_judged(
    agreed: Cooperation, anna: User, ben: User, carla: User, _clock: time_machine.Traveller
) -> None:
    at(_clock, datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN))
    join(agreed, anna, carla)
    commit(agreed, {anna: 12, ben: 6, carla: 10})
    at(_clock)
    log(agreed, anna, hours="24", on=date(2026, 2, 1))
    log(agreed, ben, hours="12", on=date(2026, 2, 1))
    driver_run(rules=RULE)
    assert nudges() == []


def test_the_nudge_resolves_when_the_balance_is_restored(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="20", on=date(2026, 2, 1))
    driver_run(rules=RULE)
    log(agreed, ben, hours="9", on=date(2026, 3, 10))
    result = driver_run(rules=RULE)
    assert result.resolved == 2
    assert {n.status for n in nudges()} == {NudgeStatus.RESOLVED}


def test_a_lasting_imbalance_nudges_again_the_next_week(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="20", on=date(2026, 2, 1))
    driver_run(rules=RULE)
    at(_clock, datetime(2026, 3, 16, 9, 0, tzinfo=BERLIN))
    driver_run(rules=RULE)
    periods = [(n.period, n.status) for n in nudges() if n.user_id == anna.pk]
    assert periods == [("2026-W11", NudgeStatus.RESOLVED), ("2026-W12", NudgeStatus.OPEN)]


def test_ended_cooperations_and_former_members_are_left_alone(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="20", on=date(2026, 2, 1))
    Cooperation.objects.filter(pk=agreed.pk).update(status="ended")
    driver_run(rules=RULE)
    assert nudges() == []


def test_thresholds_can_be_overridden_per_cooperation(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    at(_clock)
    log(agreed, anna, hours="12", on=date(2026, 2, 1))
    log(agreed, ben, hours="4", on=date(2026, 2, 1))  # 8,3 points behind
    strict = DriverRun(
        now=WEDNESDAY, thresholds=driver_settings(), overrides={agreed.pk: {"imbalance_percent": 5}}
    )
    assert len(list(contribution_imbalance(strict))) == 2
    # A 30-day window sees only what happened since 10 February: nothing from Ben.
    log(agreed, anna, hours="1", on=date(2026, 3, 1))
    short = DriverRun(
        now=WEDNESDAY,
        thresholds=driver_settings(),
        overrides={agreed.pk: {"imbalance_window_days": 30}},
    )
    specs = list(contribution_imbalance(short))
    assert len(specs) == 2 and specs[0].params["days"] == 30


def _queries(run: DriverRun) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        specs = list(contribution_imbalance(run))
    return len(context), len(specs)


def test_the_rule_reads_a_constant_number_of_queries_for_any_number_of_cooperations(
    agreed: Cooperation,
    anna: User,
    ben: User,
    add_people,  # type: ignore[no-untyped-def]
    _clock: time_machine.Traveller,
) -> None:
    at(_clock, datetime(2025, 12, 21, 10, 0, tzinfo=BERLIN))
    log(agreed, anna, hours="20", on=date(2025, 12, 20))
    run = DriverRun(now=WEDNESDAY, thresholds=driver_settings())
    small, nudged_small = _queries(run)
    before = set(User.objects.values_list("pk", flat=True))
    add_people(8, seed=21)
    people = list(User.objects.exclude(pk__in=before).order_by("pk"))
    for founder, partner in zip(people[::2], people[1::2], strict=True):
        cooperation = cooperation_services.cooperation_create(
            founder=founder, title=f"Kooperation {founder.pk}", purpose="Gemeinsam.", kind="other"
        )
        join(cooperation, founder, partner)
        commit(cooperation, {founder: 10, partner: 10})
        log(cooperation, founder, hours="8", on=date(2025, 12, 20))
    large, nudged_large = _queries(run)
    assert (nudged_small, nudged_large) == (2, 10)
    assert small == large
