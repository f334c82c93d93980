"""Exports for the tax advisor: a CSV of one period and a DATEV "Buchungsstapel"
(EXTF, format version 13, SKR03 accounts).

Both look from the user's side: an invoice in which the user is the seller is
revenue (Ausgangsrechnung), otherwise an expense (Eingangsrechnung) – a
Gutschrift the user wrote is an expense, one they received is revenue.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from apps.accounts.models import User
from apps.invoices import cii
from apps.invoices.models import Invoice

REVENUE = "Ausgang"
EXPENSE = "Eingang"


def direction(invoice: Invoice, user: User) -> str:
    return REVENUE if invoice.seller_user_id == user.pk else EXPENSE


def _decimal(value: Decimal, comma: bool) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if comma else text


CSV_HEADER = [
    "Richtung",
    "Art",
    "Nummer",
    "Rechnungsdatum",
    "Leistung von",
    "Leistung bis",
    "Verkäufer",
    "Käufer",
    "Kooperation",
    "Bezug",
    "USt-Kategorien",
    "Netto",
    "USt",
    "Brutto",
    "Korrigiert Rechnung",
]


def invoices_csv(invoices: Iterable[Invoice], *, user: User, german: bool = False) -> str:
    """One row per invoice; ``german``: ``;`` between fields and a decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    day = "%d.%m.%Y" if german else "%Y-%m-%d"
    for invoice in invoices:
        totals = cii.breakdown(invoice, invoice.lines.all())
        writer.writerow(
            [
                direction(invoice, user),
                invoice.get_type_code_display(),
                invoice.number,
                invoice.issue_date.strftime(day),
                invoice.period_start.strftime(day),
                invoice.period_end.strftime(day),
                invoice.seller["name"],
                invoice.buyer["name"],
                invoice.cooperation.title,
                invoice.reference,
                " ".join(f"{g.category} {g.rate.normalize():f}%" for g in totals.groups),
                _decimal(invoice.net_total, german),
                _decimal(invoice.tax_total, german),
                _decimal(invoice.gross_total, german),
                invoice.corrects.number if invoice.corrects else "",
            ]
        )
    return out.getvalue()


# DATEV ---------------------------------------------------------------------------

DEBTORS = "10000"  # collective debtor and creditor (personal accounts, 5 digits)
CREDITORS = "70000"

# SKR03 revenue accounts per VAT category and rate; the 19 % and 7 % accounts are
# automatic accounts (the VAT follows from the account, no BU-Schlüssel).
REVENUE_ACCOUNTS: dict[tuple[str, Decimal], tuple[str, str]] = {
    ("S", Decimal("19.00")): ("8400", ""),
    ("S", Decimal("7.00")): ("8300", ""),
    ("Z", Decimal("0.00")): ("8200", ""),
    ("E", Decimal("0.00")): ("8195", ""),
    ("AE", Decimal("0.00")): ("8336", ""),
    ("G", Decimal("0.00")): ("8338", ""),
}
# Expenses: Fremdleistungen with the input tax key (9 = 19 %, 8 = 7 % Vorsteuer);
# received reverse-charge services on the automatic § 13b account.
EXPENSE_ACCOUNTS: dict[tuple[str, Decimal], tuple[str, str]] = {
    ("S", Decimal("19.00")): ("3100", "9"),
    ("S", Decimal("7.00")): ("3100", "8"),
    ("Z", Decimal("0.00")): ("3100", ""),
    ("E", Decimal("0.00")): ("3100", ""),
    ("AE", Decimal("0.00")): ("3123", ""),
    ("G", Decimal("0.00")): ("3100", ""),
}

DATEV_COLUMNS = [
    "Umsatz (ohne Soll/Haben-Kz)",
    "Soll/Haben-Kennzeichen",
    "WKZ Umsatz",
    "Kurs",
    "Basis-Umsatz",
    "WKZ Basis-Umsatz",
    "Konto",
    "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel",
    "Belegdatum",
    "Belegfeld 1",
    "Belegfeld 2",
    "Skonto",
    "Buchungstext",
]


@dataclass(frozen=True)
class Booking:
    amount: Decimal  # signed: positive debits the personal account
    account: str
    contra: str
    tax_key: str
    day: date
    number: str
    text: str


def bookings(invoice: Invoice, *, user: User) -> list[Booking]:
    """One booking per VAT group: the personal account against revenue or expense."""
    revenue = direction(invoice, user) == REVENUE
    totals = cii.breakdown(invoice, invoice.lines.all())
    other = invoice.buyer["name"] if revenue else invoice.seller["name"]
    found = []
    for group in totals.groups:
        accounts = REVENUE_ACCOUNTS if revenue else EXPENSE_ACCOUNTS
        contra, tax_key = accounts.get(
            (group.category, group.rate), ("8400" if revenue else "3100", "")
        )
        gross = group.basis + group.tax
        found.append(
            Booking(
                amount=gross if revenue else -gross,
                account=DEBTORS if revenue else CREDITORS,
                contra=contra,
                tax_key=tax_key,
                day=invoice.issue_date,
                number=invoice.number,
                text=f"{invoice.reference} {other}"[:60],
            )
        )
    return found


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def datev_header(*, since: date, until: date, adviser: int, client: int, now: datetime) -> str:
    fields = [
        _quoted("EXTF"), "700", "21", _quoted("Buchungsstapel"), "13",
        now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}",
        "", _quoted("WW"), _quoted("WirWerk"), "",
        str(adviser), str(client), since.replace(month=1, day=1).strftime("%Y%m%d"), "4",
        since.strftime("%Y%m%d"), until.strftime("%Y%m%d"),
        _quoted("Rechnungen WirWerk"), "", "1", "0", "0", _quoted("EUR"),
        "", "", "", "", _quoted("03"), "", "", "", "",
    ]  # fmt: skip
    return ";".join(fields)


def datev_csv(
    invoices: Iterable[Invoice],
    *,
    user: User,
    since: date,
    until: date,
    adviser: int = 1001,
    client: int = 1,
    now: datetime,
) -> bytes:
    """The Buchungsstapel as DATEV reads it: Windows-1252, ``;``, CRLF, decimal comma."""
    rows = [
        datev_header(since=since, until=until, adviser=adviser, client=client, now=now),
        ";".join(DATEV_COLUMNS),
    ]
    for invoice in invoices:
        for booking in bookings(invoice, user=user):
            rows.append(
                ";".join(
                    [
                        _decimal(abs(booking.amount), True),
                        _quoted("S" if booking.amount >= 0 else "H"),
                        _quoted("EUR"), "", "", "",
                        booking.account,
                        booking.contra,
                        _quoted(booking.tax_key),
                        booking.day.strftime("%d%m"),
                        _quoted(booking.number[:36]),
                        "", "",
                        _quoted(booking.text),
                    ]
                )
            )  # fmt: skip
    return ("\r\n".join(rows) + "\r\n").encode("cp1252", errors="replace")
