"""Properties of the balance arithmetic (pure functions, no database)."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from apps.contributions import balance
from apps.contributions.balance import Row

amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)


@given(st.lists(amounts, min_size=1, max_size=12))
def test_shares_add_up_to_exactly_one_hundred_percent(values: list[Decimal]) -> None:
    shares = balance.percent_shares(values)
    if sum(values) == 0:
        assert shares == [Decimal(0)] * len(values)
        return
    assert sum(shares) == Decimal(100)
    assert all(share == share.quantize(Decimal("0.1")) for share in shares)


@given(st.lists(amounts, min_size=1, max_size=12))
def test_each_share_is_within_a_tenth_of_a_percent_of_its_exact_value(
    values: list[Decimal],
) -> None:
    total = sum(values)
    if total == 0:
        return
    for value, share in zip(values, balance.percent_shares(values), strict=True):
        exact = Fraction(value) * 100 / Fraction(total)
        assert abs(Fraction(share) - exact) < Fraction(1, 10)


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1), st.integers(0, 10**7))
def test_largest_remainder_splits_any_whole_total_exactly(weights: list[int], total: int) -> None:
    parts = balance.largest_remainder(weights, total=total)
    assert sum(parts) == (total if sum(weights) else 0)
    assert all(part >= 0 for part in parts)


def test_equal_thirds_give_the_extra_tenth_to_the_first() -> None:
    assert balance.percent_shares([Decimal(1)] * 3) == [
        Decimal("33.4"),
        Decimal("33.3"),
        Decimal("33.3"),
    ]


def test_committed_hours_are_the_monthly_hours_times_the_days_over_thirty() -> None:
    assert balance.committed_hours(Decimal(12), 90) == Decimal("36.00")
    assert balance.committed_hours(Decimal("7.5"), 10) == Decimal("2.50")
    assert balance.committed_hours(Decimal(10), 1) == Decimal("0.33")
    assert balance.committed_hours(Decimal(10), 0) == Decimal("0.00")


def test_bound_days_start_late_and_end_with_leaving() -> None:
    since, until = date(2026, 1, 1), date(2026, 3, 31)
    assert balance.bound_days(since, until, starts=date(2025, 6, 1)) == 90
    assert balance.bound_days(since, until, starts=date(2026, 3, 22)) == 10
    assert balance.bound_days(since, until, starts=date(2026, 1, 1), ends=date(2026, 1, 5)) == 5
    assert balance.bound_days(since, until, starts=None) == 0
    assert balance.bound_days(since, until, starts=date(2026, 4, 2)) == 0


# Ledgers with correction chains --------------------------------------------------

START = date(2026, 1, 1)


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[Row], dict[int, Decimal]]:
    """Random entries, each corrected or removed a few times, in shuffled order.

    Returns the rows and, as the model to compare with, the final value per member.
    """
    rows: list[Row] = []
    expected: dict[int, Decimal] = {}
    pk = 0
    for _entry in range(draw(st.integers(0, 8))):
        member = draw(st.sampled_from([1, 2, 3]))
        day = START + timedelta(days=draw(st.integers(0, 30)))
        pk += 1
        value = draw(amounts)
        rows.append(Row(pk, member, "hours", day, value))
        removed = False
        for _correction in range(draw(st.integers(0, 3))):
            removed = draw(st.booleans())
            value = Decimal(0) if removed else draw(amounts)
            pk += 1
            rows.append(Row(pk, member, "hours", day, value, supersedes=pk - 1, removed=removed))
        if not removed:
            expected[member] = expected.get(member, Decimal(0)) + value
    order = draw(st.permutations(rows))
    return list(order), expected


@given(ledgers())
def test_corrections_never_double_count(ledger: tuple[list[Row], dict[int, Decimal]]) -> None:
    rows, expected = ledger
    sums = balance.delivered(rows, kind="hours", since=START, until=START + timedelta(days=30))
    assert {k: v for k, v in sums.items() if v} == {k: v for k, v in expected.items() if v}


@given(ledgers())
def test_every_entry_has_exactly_one_latest_row(
    ledger: tuple[list[Row], dict[int, Decimal]],
) -> None:
    rows, _expected = ledger
    originals = [row for row in rows if row.supersedes is None]
    assert len(balance.latest_rows(rows)) == len(originals)


def test_cumulative_hours_run_over_every_day_of_the_window() -> None:
    per_day = {date(2026, 1, 2): Decimal(2), date(2026, 1, 4): Decimal("1.5")}
    assert balance.cumulative(per_day, date(2026, 1, 1), date(2026, 1, 4)) == [
        Decimal(0),
        Decimal(2),
        Decimal(2),
        Decimal("3.5"),
    ]


def _reference(values: list[Decimal], total: int) -> list[int]:
    """Largest remainder with exact fractions, written the slow and obvious way."""
    whole = sum((Fraction(v) for v in values), Fraction(0))
    if whole == 0:
        return [0] * len(values)
    quotas = [Fraction(v) * total / whole for v in values]
    parts = [int(q) for q in quotas]
    order = sorted(
        range(len(values)), key=lambda i: (-(quotas[i] - parts[i]), -Fraction(values[i]), i)
    )
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


@given(
    st.lists(st.decimals(min_value=0, max_value=10_000, places=3), min_size=1, max_size=10),
    st.integers(0, 100_000),
)
def test_the_fast_split_equals_the_exact_one(values: list[Decimal], total: int) -> None:
    assert balance.largest_remainder(values, total=total) == _reference(values, total)
