"""Properties of the one money arithmetic (pure functions, no database)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirwerk.lib import money

cents = st.integers(min_value=-(10**9), max_value=10**9)
weights = st.lists(
    st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False), min_size=1, max_size=12
)


@given(cents, weights)
def test_a_split_adds_up_to_the_cent_and_keeps_the_sign(total_cents: int, parts_by: list) -> None:
    amount = money.from_cents(total_cents)
    parts = money.split_amount(amount, parts_by)
    assert all(part == part.quantize(money.CENT) for part in parts)
    if sum(parts_by) == 0:
        assert parts == [Decimal("0.00")] * len(parts_by)
        return
    assert sum(parts) == amount
    assert all(part * amount >= 0 for part in parts)


@given(cents, weights)
def test_every_part_is_within_one_cent_of_its_exact_quota(total_cents: int, parts_by: list) -> None:
    whole = sum(parts_by)
    if whole == 0:
        return
    for weight, part in zip(
        parts_by, money.split_amount(money.from_cents(total_cents), parts_by), strict=True
    ):
        exact = Fraction(total_cents, 100) * Fraction(weight) / Fraction(whole)
        assert abs(Fraction(part) - exact) < Fraction(1, 100)


@given(cents, weights)
def test_a_loss_is_split_exactly_like_the_gain_of_the_same_size(
    total_cents: int, parts_by: list
) -> None:
    gain = money.split_amount(money.from_cents(abs(total_cents)), parts_by)
    loss = money.split_amount(money.from_cents(-abs(total_cents)), parts_by)
    assert loss == [-part for part in gain]


@given(st.integers(min_value=1, max_value=200))
def test_equal_shares_of_one_hundred_percent_differ_by_at_most_a_cent(count: int) -> None:
    shares = money.equal_shares(count)
    assert sum(shares) == Decimal(100)
    assert max(shares) - min(shares) <= money.CENT
    # The tie rule: the extra cents go to the first positions.
    assert shares == sorted(shares, reverse=True)


def test_equal_thirds_give_the_extra_cent_to_the_first_named() -> None:
    assert money.equal_shares(3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_equal_remainders_go_to_the_larger_weight_first() -> None:
    # 1 cent by 1:2 — quotas 0.33 and 0.67 cents: the larger remainder wins.
    assert money.largest_remainder([1, 2], 1) == [0, 1]
    # 2 units by 1:3 — quotas 0.5 and 1.5, the same remainder: the larger weight wins.
    assert money.largest_remainder([1, 3], 2) == [0, 2]
    # Same weights and remainders: the earlier position wins.
    assert money.largest_remainder([1, 1, 1], 2) == [1, 1, 0]


def test_amounts_finer_than_a_cent_are_refused_not_rounded() -> None:
    with pytest.raises(ValueError):
        money.to_cents(Decimal("0.005"))
    assert money.round_cents(Decimal("0.005")) == Decimal("0.01")
    assert money.round_cents(Decimal("-0.005")) == Decimal("-0.01")


def test_negative_weights_have_no_shares() -> None:
    with pytest.raises(ValueError):
        money.largest_remainder([Decimal(1), Decimal(-1)], 100)
