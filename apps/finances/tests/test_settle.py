"""The promises of the pure core, for any amounts and keys (hypothesis)."""

import ast
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.finances.settle import Cash, Key, Payment, Split, balances, settle, split
from wirwerk.lib.money import split_amount

cents = st.integers(min_value=-10_000_000, max_value=10_000_000).map(lambda c: Decimal(c) / 100)
positive_cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: Decimal(c) / 100)
weights = st.decimals(min_value=0, max_value=1000, places=2)


@st.composite
def keys(draw: st.DrawFn, members: list[int] | None = None) -> Key:
    ids = members or draw(st.lists(st.integers(1, 50), min_size=1, max_size=8, unique=True))
    weight = {m: draw(weights) for m in ids}
    fixed = draw(st.one_of(st.just({}), st.fixed_dictionaries({m: positive_cents for m in ids})))
    return Key(weights=weight, fixed=fixed)


@given(amount=cents, key=keys())
def test_every_split_adds_up_to_the_amount_to_the_cent(amount: Decimal, key: Key) -> None:
    parts = split(amount, key)
    assert sum(parts.values(), Decimal(0)) == amount
    assert set(parts) == set(key.member_ids)
    assert all(part == part.quantize(Decimal("0.01")) for part in parts.values())


@given(amount=cents, key=keys())
def test_without_fixed_amounts_a_split_is_exactly_the_shared_split_amount(
    amount: Decimal, key: Key
) -> None:
    """The same tie rule as everywhere else in WirWerk (``wirwerk.lib.money``)."""
    plain = Key(weights=key.weights)
    if not any(plain.weights.values()):
        return
    expected = split_amount(amount, [plain.weights[m] for m in plain.member_ids])
    assert list(split(amount, plain).values()) == expected


def test_fixed_amounts_come_first_and_the_rest_goes_by_percentage() -> None:
    key = Key(weights={1: Decimal(50), 2: Decimal(50)}, fixed={1: Decimal("100.00")})
    assert split(Decimal("300.00"), key) == {1: Decimal("200.00"), 2: Decimal("100.00")}


def test_a_key_without_weights_shares_equally_so_no_money_disappears() -> None:
    assert split(Decimal("0.03"), Key(weights={1: Decimal(0), 2: Decimal(0)})) == {
        1: Decimal("0.02"),
        2: Decimal("0.01"),
    }


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[int], list[Split], list[Cash], list[Payment]]:
    members = draw(st.lists(st.integers(1, 40), min_size=2, max_size=10, unique=True))
    splits, cash = [], []
    for _ in range(draw(st.integers(0, 6))):
        revenue, costs = draw(positive_cents), draw(positive_cents)
        key = draw(keys(members))
        splits += [Split(revenue, key), Split(-costs, key)]
        cash += [
            Cash(draw(st.sampled_from(members)), received=revenue),
            Cash(draw(st.sampled_from(members)), paid=costs),
        ]
    payments = [
        Payment(a, b, draw(positive_cents))
        for a, b in draw(st.lists(st.tuples(st.sampled_from(members), st.sampled_from(members))))
        if a != b
    ]
    return members, splits, cash, payments


@settings(max_examples=200)
@given(ledger=ledgers())
def test_balances_of_a_cooperation_add_up_to_zero(ledger) -> None:  # type: ignore[no-untyped-def]
    members, splits, cash, payments = ledger
    figures = balances(members, splits=splits, cash=cash, payments=payments)
    assert sum((f.balance for f in figures.values()), Decimal(0)) == 0


@settings(max_examples=200)
@given(ledger=ledgers())
def test_the_settlement_clears_every_balance_with_at_most_n_minus_1_transfers(ledger) -> None:  # type: ignore[no-untyped-def]
    members, splits, cash, payments = ledger
    figures = balances(members, splits=splits, cash=cash, payments=payments)
    owed = {m: f.balance for m, f in figures.items()}
    transfers = settle(owed)
    assert len(transfers) <= max(len([v for v in owed.values() if v]) - 1, 0)
    for t in transfers:
        assert t.amount > 0 and t.payer_id != t.receiver_id
        owed[t.payer_id] += t.amount
        owed[t.receiver_id] -= t.amount
    assert all(value == 0 for value in owed.values())


def test_no_module_of_the_finances_uses_float() -> None:
    """Money is Decimal end to end: no float() call, no float literal, no float type."""
    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name) and node.id == "float":
                offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
