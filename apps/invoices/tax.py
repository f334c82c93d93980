"""VAT of an invoice between partners: which category applies, line amounts and the
breakdown per category and rate. Pure (no Django state), ``Decimal`` only.

Lines are rounded to the cent first; each category/rate group is taxed on the sum
of its rounded lines and rounded once (EN 16931 BR-CO-17), so the breakdown, the
totals and the lines agree to the cent.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from wirwerk.lib.money import HUNDRED, round_cents

ZERO = Decimal("0.00")

# The schemes an invoice falls under, decided by seller and buyer (see ``scheme_for``).
STANDARD = "standard"
SMALL_BUSINESS = "small_business"
REVERSE_CHARGE = "reverse_charge"
EXPORT = "export"

EU_COUNTRIES = frozenset({"DE", "AT"})  # the EU countries WirWerk serves

SMALL_BUSINESS_NOTE = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
REVERSE_CHARGE_NOTE = "Steuerschuldnerschaft des Leistungsempfängers"
EXPORT_NOTE = "Nicht im Inland steuerbare Leistung (Ausfuhr außerhalb der EU)."

# The VAT exemption reason codes of the VATEX list for the breakdown (BT-121).
EXEMPTION_CODES = {REVERSE_CHARGE: "VATEX-EU-AE", EXPORT: "VATEX-EU-G"}

STANDARD_RATES = (Decimal("19"), Decimal("7"), Decimal("0"))


@dataclass(frozen=True)
class LineInput:
    quantity: Decimal
    unit_price: Decimal
    rate: Decimal  # percent; only read under the standard scheme


@dataclass(frozen=True)
class TaxedLine:
    net: Decimal
    category: str
    rate: Decimal


@dataclass(frozen=True)
class TaxGroup:
    category: str
    rate: Decimal
    basis: Decimal
    tax: Decimal
    exemption_reason: str
    exemption_code: str


@dataclass(frozen=True)
class Totals:
    net: Decimal
    tax: Decimal
    gross: Decimal
    groups: tuple[TaxGroup, ...]


def scheme_for(*, seller_country: str, buyer_country: str, small_business: bool) -> str:
    """The VAT scheme: §19 for a small business, reverse charge between EU countries,
    export when one side is outside the EU (Switzerland), otherwise German VAT."""
    if small_business:
        return SMALL_BUSINESS
    if seller_country == buyer_country:
        return STANDARD
    if seller_country in EU_COUNTRIES and buyer_country in EU_COUNTRIES:
        return REVERSE_CHARGE
    return EXPORT


def category_of(scheme: str, rate: Decimal) -> tuple[str, Decimal]:
    """The EN 16931 VAT category code (UNCL5305) and rate of a line under ``scheme``."""
    if scheme == SMALL_BUSINESS:
        return "E", ZERO
    if scheme == REVERSE_CHARGE:
        return "AE", ZERO
    if scheme == EXPORT:
        return "G", ZERO
    if rate == 0:
        return "Z", ZERO
    return "S", rate.quantize(Decimal("0.01"))


def note_for(scheme: str) -> str:
    """The legal note the invoice must carry under ``scheme`` ("" for German VAT)."""
    return {
        SMALL_BUSINESS: SMALL_BUSINESS_NOTE,
        REVERSE_CHARGE: REVERSE_CHARGE_NOTE,
        EXPORT: EXPORT_NOTE,
    }.get(scheme, "")


def line_net(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return round_cents(quantity * unit_price)


def taxed_lines(scheme: str, lines: Iterable[LineInput]) -> list[TaxedLine]:
    result = []
    for line in lines:
        category, rate = category_of(scheme, line.rate)
        result.append(TaxedLine(line_net(line.quantity, line.unit_price), category, rate))
    return result


def totals(scheme: str, lines: Sequence[TaxedLine]) -> Totals:
    """Sums and the VAT breakdown of already rounded lines."""
    bases: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        key = (line.category, line.rate)
        bases[key] = bases.get(key, ZERO) + line.net
    reason = note_for(scheme) if scheme != STANDARD else ""
    groups = tuple(
        TaxGroup(
            category=category,
            rate=rate,
            basis=basis,
            tax=round_cents(basis * rate / HUNDRED),
            exemption_reason=reason if category in ("E", "AE", "G") else "",
            exemption_code=EXEMPTION_CODES.get(scheme, "") if category in ("AE", "G") else "",
        )
        for (category, rate), basis in sorted(bases.items(), key=lambda kv: (-kv[0][1], kv[0][0]))
    )
    net = sum((line.net for line in lines), ZERO)
    tax = sum((group.tax for group in groups), ZERO)
    return Totals(net=net, tax=tax, gross=net + tax, groups=groups)
