"""The balance per member: exact figures, joining and leaving, and the ledger's sums."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.contributions.selectors import MemberBalance, balance_for, window
from apps.contributions.services import Entry, contribution_correct, contribution_remove
from apps.contributions.tests.conftest import log
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from tests.factories import commit, join

pytestmark = pytest.mark.django_db

AGREED_ON = "2025-12-01 10:00 +01:00"
TODAY = date(2026, 3, 11)
SINCE, UNTIL = window(90, today=TODAY)  # 12 December 2025 to 11 March 2026


@pytest.fixture(autouse=True)
def _clock() -> object:
    """The cooperation and its agreement start on 1 December 2025."""
    with time_machine.travel(AGREED_ON, tick=False) as traveller:
        yield traveller


def today(clock: time_machine.Traveller, day: date = TODAY) -> None:
    clock.move_to(f"{day.isoformat()} 10:00 +01:00")  # type: ignore[attr-defined]


def by_name(balances: list[MemberBalance]) -> dict[str, MemberBalance]:
    return {b.name.split()[0]: b for b in balances}


def test_the_window_has_ninety_days_up_to_today() -> None:
    assert (date(2025, 12, 12), TODAY) == (SINCE, UNTIL)


def test_balance_figures_are_exact(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    today(_clock)
    log(agreed, anna, hours="4", on=date(2025, 12, 5))  # before the window
    log(agreed, anna, hours="10", on=SINCE)
    log(agreed, anna, hours="5.5", on=TODAY)
    wrong = log(agreed, ben, hours="3", on=date(2026, 2, 1))
    contribution_correct(
        contribution=wrong,
        user=ben,
        entry=Entry(kind="hours", done_on=date(2026, 2, 1), hours=Decimal("2.5")),
        reason="Eine halbe Stunde zu viel",
    )
    twice = log(agreed, ben, hours="7", on=date(2026, 2, 2))
    contribution_remove(contribution=twice, user=ben, reason="Doppelt eingetragen")
    log(agreed, anna, "money", amount="100", on=date(2026, 1, 10))
    log(agreed, ben, "resource", description="Seminarraum", amount="300", on=date(2026, 1, 12))
    log(agreed, ben, "resource", description="Moderationskoffer", on=date(2026, 1, 12))
    log(agreed, anna, "referral", count=2, on=date(2026, 3, 1))

    figures = by_name(balance_for(agreed.pk, since=SINCE, until=UNTIL))
    a, b = figures["Anna"], figures["Ben"]
    assert (a.hours_per_month, a.bound_days, a.committed_hours) == (12, 90, Decimal("36.00"))
    assert (b.hours_per_month, b.bound_days, b.committed_hours) == (6, 90, Decimal("18.00"))
    assert (a.delivered_hours, b.delivered_hours) == (Decimal("15.5"), Decimal("2.5"))
    assert (a.hours_difference, b.hours_difference) == (Decimal("-20.5"), Decimal("-15.5"))
    assert (a.committed_share, b.committed_share) == (Decimal("66.7"), Decimal("33.3"))
    # 15,5 of 18 hours = 86,11 %, 2,5 of 18 = 13,89 %: the missing tenth goes to Ben.
    assert (a.delivered_share, b.delivered_share) == (Decimal("86.1"), Decimal("13.9"))
    assert (a.share_gap, b.share_gap) == (Decimal("19.4"), Decimal("-19.4"))
    assert (a.money, a.resource_value, b.money, b.resource_value) == (100, 0, 0, 300)
    assert (a.resources, b.resources, a.referrals, b.referrals) == (0, 2, 2, 0)
    assert (a.money_share, b.money_share) == (Decimal("25.0"), Decimal("75.0"))
    assert (a.money_expected, b.money_expected) == (Decimal("200.00"), Decimal("200.00"))
    assert (a.money_difference, b.money_difference) == (Decimal("-100"), Decimal("100"))
    assert a.is_current and b.is_current


def test_a_member_who_joined_late_is_committed_from_joining(
    agreed: Cooperation, anna: User, ben: User, carla: User, _clock: time_machine.Traveller
) -> None:
    today(_clock, date(2026, 2, 9))
    join(agreed, anna, carla)
    commit(agreed, {anna: 12, ben: 6, carla: 9}, {anna: 40, ben: 40, carla: 20})
    today(_clock)
    figures = by_name(balance_for(agreed.pk, since=SINCE, until=UNTIL))
    carla_figures = figures["Carla"]
    # 9 February to 11 March: 31 days; 9 hours a month → 9,30 hours.
    assert (carla_figures.bound_days, carla_figures.committed_hours) == (31, Decimal("9.30"))
    assert figures["Anna"].committed_hours == Decimal("36.00")
    shares = [figures[n].committed_share for n in ("Anna", "Ben", "Carla")]
    assert shares == [Decimal("56.9"), Decimal("28.4"), Decimal("14.7")]
    assert sum(shares) == 100
    # Nothing delivered yet: no delivered shares at all rather than made-up ones.
    assert [figures[n].delivered_share for n in ("Anna", "Ben", "Carla")] == [0, 0, 0]


def test_a_former_member_counts_until_leaving(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    today(_clock, date(2026, 1, 20))
    log(agreed, ben, hours="2", on=date(2026, 1, 19))
    today(_clock, date(2026, 2, 9))
    cooperation_services.member_remove(
        cooperation=agreed, by=anna, member=ben, reason="Hat keine Zeit mehr."
    )
    today(_clock)
    figures = by_name(balance_for(agreed.pk, since=SINCE, until=UNTIL))
    ben_figures = figures["Ben"]
    # 12 December to 9 February: 60 days of 6 hours a month.
    assert (ben_figures.bound_days, ben_figures.committed_hours) == (60, Decimal("12.00"))
    assert not ben_figures.is_current
    assert list(figures) == ["Anna", "Ben"]
    assert figures["Ben"].delivered_share == 100


def test_without_an_agreement_nothing_is_committed(
    cooperation: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller
) -> None:
    today(_clock)
    log(cooperation, anna, hours="3", on=TODAY)
    figures = by_name(balance_for(cooperation.pk, since=SINCE, until=UNTIL))
    assert [figures[n].committed_hours for n in ("Anna", "Ben")] == [0, 0]
    assert [figures[n].committed_share for n in ("Anna", "Ben")] == [0, 0]
    assert [figures[n].delivered_share for n in ("Anna", "Ben")] == [100, 0]


def test_the_balance_reads_a_constant_number_of_queries(
    agreed: Cooperation, anna: User, ben: User, django_assert_num_queries
) -> None:
    log(agreed, anna, hours="3")
    with django_assert_num_queries(4):
        balance_for(agreed.pk, since=SINCE, until=UNTIL)


# The ledger's latest rows, through the services ----------------------------------

operations = st.lists(
    st.tuples(
        st.sampled_from(["log", "correct", "remove"]),
        st.booleans(),  # anna or ben
        st.integers(0, 60),  # days before today
        st.decimals(min_value=Decimal("0.25"), max_value=40, places=2),
        st.integers(0, 100),  # which of the person's entries
    ),
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations)
def test_delivered_hours_equal_the_sum_of_the_ledgers_latest_rows(
    agreed: Cooperation, anna: User, ben: User, _clock: time_machine.Traveller, ops: list
) -> None:
    today(_clock)
    with transaction.atomic():
        for action, is_anna, days_back, hours, pick in ops:
            person = anna if is_anna else ben
            on = TODAY - timedelta(days=days_back)
            own = list(Contribution.objects.filter(member=person).current().order_by("pk"))
            target = own[pick % len(own)] if own else None
            if action == "log" or target is None:
                log(agreed, person, hours=hours, on=on)
            elif action == "correct":
                entry = Entry(kind="hours", done_on=on, hours=hours)
                if target.removed or target.hours != hours or target.done_on != on:
                    contribution_correct(
                        contribution=target, user=person, entry=entry, reason="Korrektur"
                    )
            elif not target.removed:
                contribution_remove(contribution=target, user=person, reason="Entfernt")
        latest = Contribution.objects.filter(cooperation=agreed).current()
        expected = {anna.pk: Decimal(0), ben.pk: Decimal(0)}
        for row in latest:
            if not row.removed and row.hours is not None:
                expected[row.member_id] += row.hours
        figures = balance_for(agreed.pk, since=SINCE, until=UNTIL)
        assert {f.user_id: f.delivered_hours for f in figures} == expected
        # Each chain has exactly one latest row.
        chains = {row.chain_id for row in Contribution.objects.filter(cooperation=agreed)}
        assert latest.count() == len(chains)
        transaction.set_rollback(True)
