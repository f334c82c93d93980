"""Every write of the invoices app: business settings, issuing and correcting.

An invoice is issued complete in one transaction (number, lines, totals, the
parties' data as they stand today) and never changed afterwards.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, Membership
from apps.invoices import tax
from apps.invoices.models import BusinessSettings, Invoice, InvoiceLine, TypeCode
from apps.invoices.numbering import next_number, retrying

SETTINGS_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "country",
    "tax_number",
    "vat_id",
    "iban",
    "bic",
    "small_business",
)


def business_settings_save(*, user: User, values: dict[str, object]) -> BusinessSettings:
    """Create or change the user's seller data; issued invoices keep their own copy."""
    settings = BusinessSettings.objects.filter(user=user).first() or BusinessSettings(user=user)
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(settings, name, values[name])
    settings.full_clean()
    settings.save()
    return settings


@dataclass(frozen=True)
class Line:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    rate: Decimal = Decimal("19")


@dataclass(frozen=True)
class Draft:
    recipient: User
    reference: str
    period_start: date
    period_end: date
    lines: list[Line] = field(default_factory=list)
    payment_days: int = 14
    self_billed: bool = False
    agreement_reference: str = ""
    issue_date: date | None = None


def _settings_of(user: User, *, own: bool) -> BusinessSettings:
    settings = BusinessSettings.objects.filter(user=user).first()
    if settings is None:
        if own:
            raise ValidationError(
                _(
                    "Bitte hinterlegen Sie zuerst Ihre Geschäftsangaben "
                    "(Adresse, Steuernummer, IBAN)."
                )
            )
        raise ValidationError(
            {
                "recipient": _("%(name)s hat noch keine Geschäftsangaben hinterlegt.")
                % {"name": user}
            }
        )
    return settings


def _check_draft(
    draft: Draft, scheme: str, seller: BusinessSettings, buyer: BusinessSettings
) -> None:
    if not draft.lines:
        raise ValidationError(_("Eine Rechnung braucht mindestens eine Position."))
    if draft.period_end < draft.period_start:
        raise ValidationError(
            {"period_end": _("Das Ende des Leistungszeitraums liegt vor seinem Beginn.")}
        )
    if draft.self_billed and not draft.agreement_reference.strip():
        raise ValidationError(
            {
                "agreement_reference": _(
                    "Eine Gutschrift setzt eine Vereinbarung voraus; bitte nennen Sie sie."
                )
            }
        )
    if scheme in (tax.REVERSE_CHARGE, tax.EXPORT) and not seller.vat_id:
        raise ValidationError(
            _("Für Leistungen ins Ausland braucht der Leistende (%(name)s) eine USt-IdNr.")
            % {"name": seller.name}
        )
    if scheme == tax.REVERSE_CHARGE and not buyer.vat_id:
        raise ValidationError(
            _(
                "Bei Umkehr der Steuerschuld muss der Leistungsempfänger (%(name)s) "
                "eine USt-IdNr. hinterlegt haben."
            )
            % {"name": buyer.name}
        )
    for line in draft.lines:
        if line.quantity <= 0 or line.unit_price < 0:
            raise ValidationError(
                _(
                    "Menge und Preis jeder Position müssen positiv sein; "
                    "stornieren Sie mit einer Korrekturrechnung."
                )
            )
        if scheme == tax.STANDARD and line.rate not in tax.STANDARD_RATES:
            raise ValidationError(_("Erlaubt sind 19 %, 7 % oder 0 % Umsatzsteuer."))


def _write(
    *,
    cooperation: Cooperation,
    issuer: User,
    recipient: User | None,
    type_code: str,
    self_billed: bool,
    scheme: str,
    fields: dict[str, object],
    lines: list[tuple[Line, tax.TaxedLine]],
) -> Invoice:
    totals = tax.totals(scheme, [taxed for _line, taxed in lines])
    issue_date = fields.pop("issue_date")
    assert isinstance(issue_date, date)
    with transaction.atomic():
        _sequence, number = next_number(issuer=issuer, year=issue_date.year)
        invoice = Invoice.objects.create(
            cooperation=cooperation,
            issuer=issuer,
            recipient=recipient,
            number=number,
            type_code=type_code,
            self_billed=self_billed,
            scheme=scheme,
            issue_date=issue_date,
            net_total=totals.net,
            tax_total=totals.tax,
            gross_total=totals.gross,
            **fields,
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=invoice,
                position=position,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                category=taxed.category,
                rate=taxed.rate,
                net_amount=taxed.net,
            )
            for position, (line, taxed) in enumerate(lines, start=1)
        )
    return invoice


def invoice_issue(*, cooperation: Cooperation, issuer: User, draft: Draft) -> Invoice:
    """Issue an invoice (or, self-billed, a Gutschrift) from ``issuer`` to a member.

    Both need business settings; the VAT scheme follows from seller and buyer
    (§ 19, reverse charge within the EU, export to Switzerland, else German VAT).
    """
    write_gate(cooperation=cooperation, user=issuer)
    recipient = draft.recipient
    if recipient.pk == issuer.pk or not (
        Membership.objects.current().filter(cooperation=cooperation, user=recipient).exists()
    ):
        raise ValidationError(
            {"recipient": _("Empfangen kann nur ein anderes aktuelles Mitglied der Kooperation.")}
        )
    own = _settings_of(issuer, own=True)
    other = _settings_of(recipient, own=False)
    seller, buyer = (other, own) if draft.self_billed else (own, other)
    scheme = tax.scheme_for(
        seller_country=seller.country,
        buyer_country=buyer.country,
        small_business=seller.small_business,
    )
    _check_draft(draft, scheme, seller, buyer)
    taxed = tax.taxed_lines(
        scheme, [tax.LineInput(line.quantity, line.unit_price, line.rate) for line in draft.lines]
    )
    issue_date = draft.issue_date or timezone.localdate()
    return retrying(
        lambda: _write(
            cooperation=cooperation,
            issuer=issuer,
            recipient=recipient,
            type_code=TypeCode.SELF_BILLING if draft.self_billed else TypeCode.INVOICE,
            self_billed=draft.self_billed,
            scheme=scheme,
            fields={
                "issue_date": issue_date,
                "due_date": issue_date + timedelta(days=draft.payment_days),
                "period_start": draft.period_start,
                "period_end": draft.period_end,
                "reference": draft.reference,
                "agreement_reference": draft.agreement_reference.strip(),
                "seller": seller.party(),
                "buyer": buyer.party(),
            },
            lines=list(zip(draft.lines, taxed, strict=True)),
        )
    )


def invoice_correct(*, invoice: Invoice, user: User) -> Invoice:
    """Cancel ``invoice`` with a correction invoice (384): the same lines with negative
    quantities, referencing the original. Only its issuer may, and only once."""
    if user.pk != invoice.issuer_id:
        raise PermissionDenied(_("Korrigieren kann nur, wer die Rechnung ausgestellt hat."))
    write_gate(cooperation=invoice.cooperation, user=user)
    if invoice.type_code == TypeCode.CORRECTION:
        raise ValidationError(_("Eine Korrekturrechnung wird nicht erneut korrigiert."))
    if Invoice.objects.filter(corrects=invoice).exists():
        raise ValidationError(_("Diese Rechnung ist bereits storniert."))
    lines = [
        Line(
            description=line.description,
            quantity=-line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            rate=line.rate,
        )
        for line in invoice.lines.all()
    ]
    taxed = [
        tax.TaxedLine(
            tax.line_net(line.quantity, line.unit_price), original.category, original.rate
        )
        for line, original in zip(lines, invoice.lines.all(), strict=True)
    ]
    issue_date = timezone.localdate()
    return retrying(
        lambda: _write(
            cooperation=invoice.cooperation,
            issuer=user,
            recipient=invoice.recipient,
            type_code=TypeCode.CORRECTION,
            self_billed=invoice.self_billed,
            scheme=invoice.scheme,
            fields={
                "issue_date": issue_date,
                "due_date": issue_date,
                "period_start": invoice.period_start,
                "period_end": invoice.period_end,
                "reference": _("Storno der Rechnung %(number)s") % {"number": invoice.number},
                "agreement_reference": invoice.agreement_reference,
                "seller": invoice.seller,
                "buyer": invoice.buyer,
                "corrects": invoice,
            },
            lines=list(zip(lines, taxed, strict=True)),
        )
    )
