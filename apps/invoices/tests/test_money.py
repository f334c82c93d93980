"""Money invariants of the VAT arithmetic (property tests) and Decimal end to end:
no float anywhere in the invoices app."""

import ast
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from apps.invoices import tax

APP = Path(__file__).resolve().parents[1]

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1000"), places=3)
prices = st.decimals(min_value=Decimal("0"), max_value=Decimal("10000"), places=2)
rates = st.sampled_from(tax.STANDARD_RATES)
schemes = st.sampled_from([tax.STANDARD, tax.SMALL_BUSINESS, tax.REVERSE_CHARGE, tax.EXPORT])
line_inputs = st.lists(st.builds(tax.LineInput, quantities, prices, rates), min_size=1, max_size=12)


@given(schemes, line_inputs, st.booleans())
def test_breakdown_lines_and_totals_agree_to_the_cent(
    scheme: str, lines: list[tax.LineInput], negative: bool
) -> None:
    if negative:  # a correction: the same lines with negative quantities
        lines = [tax.LineInput(-line.quantity, line.unit_price, line.rate) for line in lines]
    taxed = tax.taxed_lines(scheme, lines)
    totals = tax.totals(scheme, taxed)
    cent = Decimal("0.01")
    assert all(line.net == line.net.quantize(cent) for line in taxed)
    assert totals.net == sum(line.net for line in taxed)
    assert sum(group.basis for group in totals.groups) == totals.net
    assert totals.tax == sum(group.tax for group in totals.groups)
    assert totals.gross == totals.net + totals.tax
    for group in totals.groups:
        assert abs(group.tax - group.basis * group.rate / 100) <= Decimal("0.005")
    if scheme != tax.STANDARD:
        assert totals.tax == 0


@given(schemes, line_inputs)
def test_a_correction_cancels_the_original_exactly(scheme: str, lines: list[tax.LineInput]) -> None:
    original = tax.totals(scheme, tax.taxed_lines(scheme, lines))
    negated = [tax.LineInput(-line.quantity, line.unit_price, line.rate) for line in lines]
    correction = tax.totals(scheme, tax.taxed_lines(scheme, negated))
    assert (correction.net, correction.tax, correction.gross) == (
        -original.net,
        -original.tax,
        -original.gross,
    )


def test_no_float_in_the_invoices_app() -> None:
    # Money is Decimal end to end: no float literal, no float(), no float annotation.
    found = []
    for path in APP.rglob("*.py"):
        if "migrations" in path.parts or path.name == "test_money.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                found.append(f"{path.name}:{node.lineno} literal {node.value}")
            elif isinstance(node, ast.Name) and node.id == "float":
                found.append(f"{path.name}:{node.lineno} float")
    assert found == []
