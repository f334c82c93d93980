"""The rules of issuing: business settings with clear German messages, who may
receive, what each VAT scheme needs, immutability and cancellation by correction."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.invoices import demo
from apps.invoices.models import Invoice, InvoiceLine
from apps.invoices.services import (
    Draft,
    Line,
    business_settings_save,
    invoice_correct,
    invoice_issue,
)

pytestmark = pytest.mark.django_db


def _draft(recipient: User, **more: object) -> Draft:
    values: dict[str, object] = {
        "recipient": recipient,
        "reference": "Teamtag",
        "period_start": date(2026, 2, 1),
        "period_end": date(2026, 2, 28),
        "lines": [Line("Teamtag", Decimal("1"), "DAY", Decimal("800.00"))],
    }
    values.update(more)
    return Draft(**values)  # type: ignore[arg-type]


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_an_iban_with_a_wrong_check_digit_is_refused_in_german(anna: User) -> None:
    values = {**demo.SETTINGS["anna"], "name": "Anna", "iban": "DE89370400440532013001"}
    with pytest.raises(ValidationError) as caught:
        business_settings_save(user=anna, values=values)
    assert "Prüfziffer der IBAN" in _messages(caught.value)


def test_iban_and_vat_id_are_stored_in_their_compact_form(anna: User) -> None:
    values = {
        **demo.SETTINGS["anna"],
        "name": "Anna",
        "iban": "de89 3704 0044 0532 0130 00",
        "vat_id": "de 812 345 678",
    }
    settings = business_settings_save(user=anna, values=values)
    assert (settings.iban, settings.vat_id) == ("DE89370400440532013000", "DE812345678")


def test_settings_need_a_tax_number_or_a_vat_id(anna: User) -> None:
    values = {**demo.SETTINGS["anna"], "name": "Anna", "tax_number": "", "vat_id": ""}
    with pytest.raises(ValidationError) as caught:
        business_settings_save(user=anna, values=values)
    assert "Steuernummer oder Ihre USt-IdNr." in _messages(caught.value)


def test_small_business_rule_is_german_only(anna: User) -> None:
    values = {**demo.SETTINGS["austria"], "name": "Lena", "small_business": True}
    with pytest.raises(ValidationError) as caught:
        business_settings_save(user=anna, values=values)
    assert "§ 19 UStG gilt nur in Deutschland" in _messages(caught.value)


def test_only_current_members_receive_invoices(
    cooperation: Cooperation, anna: User, carla: User, with_settings: None
) -> None:
    demo.settings_for(carla, "anna")
    with pytest.raises(ValidationError) as caught:
        invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(carla))
    assert "aktuelles Mitglied" in _messages(caught.value)


def test_outsiders_cannot_issue_in_a_cooperation(
    cooperation: Cooperation, anna: User, carla: User, with_settings: None
) -> None:
    demo.settings_for(carla, "anna")
    with pytest.raises(PermissionDenied):
        invoice_issue(cooperation=cooperation, issuer=carla, draft=_draft(anna))


def test_invoicing_needs_both_parties_business_settings(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    with pytest.raises(ValidationError) as caught:
        invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben))
    assert "Geschäftsangaben" in _messages(caught.value)
    demo.settings_for(anna, "anna")
    with pytest.raises(ValidationError) as caught:
        invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben))
    assert "hat noch keine Geschäftsangaben" in _messages(caught.value)


def test_reverse_charge_needs_the_buyers_vat_id(
    anna: User, with_settings: None, abroad: tuple[User, User]
) -> None:
    austria, switzerland = abroad
    cross = demo.cross_border(anna, austria, switzerland)
    business_settings_save(user=austria, values={"vat_id": "", "tax_number": "12 345/6789"})
    with pytest.raises(ValidationError) as caught:
        invoice_issue(cooperation=cross, issuer=anna, draft=_draft(austria))
    assert "USt-IdNr." in _messages(caught.value)
    assert not Invoice.objects.exists()


def test_a_gutschrift_needs_the_agreement(
    cooperation: Cooperation, anna: User, ben: User, with_settings: None
) -> None:
    with pytest.raises(ValidationError) as caught:
        invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben, self_billed=True))
    assert "Vereinbarung" in _messages(caught.value)


def test_a_small_business_never_charges_vat_whatever_the_line_says(
    cooperation: Cooperation, anna: User, ben: User, with_settings: None
) -> None:
    lines = [Line("Teamtag", Decimal("1"), "DAY", Decimal("800.00"), Decimal("19"))]
    invoice = invoice_issue(cooperation=cooperation, issuer=ben, draft=_draft(anna, lines=lines))
    assert (invoice.scheme, invoice.tax_total, invoice.gross_total) == (
        "small_business",
        Decimal("0.00"),
        Decimal("800.00"),
    )
    assert [(line.category, line.rate) for line in invoice.lines.all()] == [("E", Decimal("0.00"))]


def test_issued_invoices_cannot_be_changed_or_deleted(kinds: dict[str, Invoice]) -> None:
    invoice = Invoice.objects.get(pk=kinds["vat19"].pk)
    invoice.reference = "Anders"
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        invoice.delete()
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=invoice.pk).update(reference="Anders")
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=invoice.pk).delete()
    line = invoice.lines.first()
    assert line is not None
    line.quantity = Decimal("99")
    with pytest.raises(ValidationError):
        line.save()
    with pytest.raises(ValidationError):
        InvoiceLine.objects.filter(invoice=invoice).update(quantity=Decimal("99"))
    assert Invoice.objects.get(pk=invoice.pk).reference != "Anders"


def test_an_invoice_is_cancelled_once_by_its_issuer_only(
    kinds: dict[str, Invoice], anna: User, ben: User
) -> None:
    invoice = kinds["vat19"]
    with pytest.raises(PermissionDenied):
        invoice_correct(invoice=invoice, user=ben)
    correction = invoice_correct(invoice=invoice, user=anna)
    assert correction.corrects == invoice
    assert correction.number > invoice.number
    assert [line.quantity for line in correction.lines.all()] == [
        -line.quantity for line in invoice.lines.all()
    ]
    with pytest.raises(ValidationError):
        invoice_correct(invoice=invoice, user=anna)
    with pytest.raises(ValidationError):
        invoice_correct(invoice=correction, user=anna)


def test_a_deleted_account_leaves_the_invoice_to_the_other_party(
    kinds: dict[str, Invoice], anna: User, ben: User
) -> None:
    invoice = kinds["vat19"]
    ben.delete()
    kept = Invoice.objects.get(pk=invoice.pk)
    assert kept.recipient is None
    assert kept.recipient_name == kept.buyer["name"] == "Ben Brückner"
    assert Invoice.objects.of_party(anna).filter(pk=invoice.pk).exists()
    # the issuer can still cancel it
    assert invoice_correct(invoice=kept, user=anna).recipient is None
