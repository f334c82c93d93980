"""Reciprocity figures: exact over random referral sets, per pair and per person."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.accounts.models import User
from apps.referrals.models import Referral, ReferralStatus
from apps.referrals.selectors import (
    months_before,
    one_sided_balances,
    pair_balance,
    reciprocity_for,
    referrals_awaiting_update,
)
from apps.referrals.tests.conftest import referral_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 31, 10, 30, tzinfo=UTC)
SINCE = datetime(2025, 3, 31, 10, 30, tzinfo=UTC)
S = ReferralStatus


@dataclass(frozen=True)
class Spec:
    giver: int
    receiver: int
    status: str
    won_value: Decimal | None
    shared: bool
    created_at: datetime


ages = st.one_of(
    st.integers(min_value=0, max_value=800 * 24 * 60).map(lambda m: NOW - timedelta(minutes=m)),
    # the window's edge, exactly and one second either side
    st.sampled_from([SINCE, SINCE - timedelta(seconds=1), SINCE + timedelta(seconds=1)]),
)
values = st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2)


@st.composite
def specs(draw: st.DrawFn) -> Spec:
    giver = draw(st.integers(0, 3))
    receiver = draw(st.integers(0, 3).filter(lambda r: r != giver))
    status = draw(st.sampled_from(S.values))
    won = status == S.WON
    return Spec(
        giver=giver,
        receiver=receiver,
        status=status,
        won_value=draw(values) if won else None,
        shared=draw(st.booleans()) if won else False,
        created_at=draw(ages),
    )


def _naive(specs: list[Spec], me: int, other: int | None) -> tuple[tuple, tuple]:
    """Given and received as (count, won, value), recomputed the slow obvious way."""

    def flow(direction: list[Spec]) -> tuple[int, int, Decimal]:
        counted = [
            s
            for s in direction
            if s.created_at >= SINCE and s.status not in ("declined", "withdrawn")
        ]
        won = [s for s in counted if s.status == "won"]
        value = sum((s.won_value for s in won if s.shared and s.won_value), Decimal("0"))
        return len(counted), len(won), value

    given = [s for s in specs if s.giver == me and other in (None, s.receiver)]
    received = [s for s in specs if s.receiver == me and other in (None, s.giver)]
    return flow(given), flow(received)


def _figures(balance) -> tuple[tuple, tuple]:  # type: ignore[no-untyped-def]
    g, r = balance.given, balance.received
    return (g.count, g.won, g.value), (r.count, r.won, r.value)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(generated=st.lists(specs(), max_size=25))
def test_reciprocity_figures_are_exact_over_random_referral_sets(
    anna: User, ben: User, carla: User, add_people, generated: list[Spec]
) -> None:  # type: ignore[no-untyped-def]
    if User.objects.count() < 4:
        add_people(1)
    people = list(User.objects.order_by("pk")[:4])
    Referral.objects.all().delete()
    rows = Referral.objects.bulk_create(
        Referral(
            giver=people[s.giver],
            receiver=people[s.receiver],
            client_label="Kunde",
            need="Bedarf",
            status=s.status,
            status_changed_at=NOW,
            won_value=s.won_value,
            value_shared=s.shared,
        )
        for s in generated
    )
    for row, s in zip(rows, generated, strict=True):
        row.created_at = s.created_at  # auto_now_add set "now" on insert
    Referral.objects.bulk_update(rows, ["created_at"])

    with time_machine.travel(NOW, tick=False):
        for me, user in enumerate(people):
            figures = reciprocity_for(user=user)
            assert figures.since == SINCE
            assert _figures(figures.total) == _naive(generated, me, None)
            pairs = {pair.other.pk: pair for pair in figures.pairs}
            for other, person in enumerate(people):
                if other == me:
                    continue
                expected = _naive(generated, me, other)
                if expected == ((0, 0, 0), (0, 0, 0)):
                    assert person.pk not in pairs  # no empty rows
                    continue
                assert _figures(pairs[person.pk]) == expected
                assert _figures(pair_balance(user=user, other=person)) == expected
            # the pairs add up to the person's total
            assert sum(p.given.value for p in figures.pairs) == figures.total.given.value
            assert sum(p.received.count for p in figures.pairs) == figures.total.received.count


def test_a_pair_looks_the_same_from_both_sides_mirrored(anna: User, ben: User) -> None:
    referral_in(anna, ben, S.WON, won_value=Decimal("1200.10"), value_shared=True)
    referral_in(anna, ben, S.OFFERED)
    referral_in(ben, anna, S.LOST)
    from_anna = pair_balance(user=anna, other=ben)
    from_ben = pair_balance(user=ben, other=anna)
    assert from_anna.given == from_ben.received
    assert from_anna.received == from_ben.given
    assert (from_anna.given.count, from_anna.given.won, from_anna.given.value) == (
        2,
        1,
        Decimal("1200.10"),
    )


def test_an_unshared_value_counts_as_won_but_not_as_value(anna: User, ben: User) -> None:
    referral_in(anna, ben, S.WON, won_value=Decimal("5000"), value_shared=False)
    figures = reciprocity_for(user=anna).total.given
    assert (figures.count, figures.won, figures.value) == (1, 1, Decimal("0.00"))


@pytest.mark.parametrize(
    "moment,months,expected",
    [
        (datetime(2026, 3, 31, 12, tzinfo=UTC), 1, datetime(2026, 2, 28, 12, tzinfo=UTC)),
        (datetime(2024, 3, 31, 12, tzinfo=UTC), 1, datetime(2024, 2, 29, 12, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 6, datetime(2025, 7, 15, tzinfo=UTC)),
        (datetime(2026, 3, 31, tzinfo=UTC), 12, datetime(2025, 3, 31, tzinfo=UTC)),
    ],
)
def test_months_are_calendar_months(moment: datetime, months: int, expected: datetime) -> None:
    assert months_before(moment, months) == expected


# The two driver rules, as plain selectors ---------------------------------------------


def test_open_referrals_without_update_for_14_days_name_the_receiver_to_act(
    anna: User, ben: User
) -> None:
    with time_machine.travel(NOW - timedelta(days=15), tick=False):
        stale_offered = referral_in(anna, ben, S.OFFERED)
        stale_contacted = referral_in(ben, anna, S.CONTACTED)
        referral_in(anna, ben, S.WON)  # closed: nothing to do
        referral_in(anna, ben, S.DECLINED)
    with time_machine.travel(NOW - timedelta(days=13), tick=False):
        referral_in(anna, ben, S.ACCEPTED)  # moved recently
    with time_machine.travel(NOW, tick=False):
        found = referrals_awaiting_update()
    assert {(r.pk, who.pk) for r, who in found} == {
        (stale_offered.pk, ben.pk),
        (stale_contacted.pk, anna.pk),
    }


def test_a_strongly_one_sided_pair_names_the_taker(anna: User, ben: User, carla: User) -> None:
    for _ in range(4):
        referral_in(anna, ben, S.ACCEPTED)
    referral_in(ben, anna, S.OFFERED)  # 4 against 1: one-sided
    for _ in range(3):
        referral_in(anna, carla, S.OFFERED)
    for _ in range(2):
        referral_in(carla, anna, S.OFFERED)  # 3 against 2: balanced enough
    referral_in(ben, carla, S.DECLINED)  # declined ones do not count
    found = one_sided_balances()
    assert [(i.taker, i.giver, i.received, i.given) for i in found] == [(ben, anna, 4, 1)]


def test_old_referrals_do_not_make_a_pair_one_sided(anna: User, ben: User) -> None:
    with time_machine.travel(NOW - timedelta(days=400), tick=False):
        for _ in range(5):
            referral_in(anna, ben, S.WON)
    with time_machine.travel(NOW, tick=False):
        assert one_sided_balances() == []
