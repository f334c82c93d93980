"""Every kind of invoice is a valid Factur-X EN 16931 invoice: the XML passes the
schema (and, when the CEN artefacts are at hand, the official business rules), the
PDF is PDF/A-3 with ``factur-x.xml`` attached, and the amounts add up to the cent."""

import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from apps.invoices import cii, tax
from apps.invoices.en16931 import Validator, fatal
from apps.invoices.models import Invoice
from apps.invoices.pdf import invoice_pdf

KINDS = [
    "vat19",
    "vat7",
    "small_business",
    "reverse_charge",
    "export",
    "self_billing",
    "correction",
]
NS = cii.NSMAP
RULES = Path(__file__).resolve().parents[4] / "shared" / "einvoice"


def _xpath(xml: bytes, path: str) -> list[str]:
    return [str(value) for value in etree.fromstring(xml).xpath(path, namespaces=NS)]


def _amount(xml: bytes, name: str) -> Decimal:
    return Decimal(
        _xpath(xml, f"//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:{name}/text()")[0]
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_invoice_is_valid_against_the_en16931_schema(
    kinds: dict[str, Invoice], kind: str
) -> None:
    xml = cii.invoice_xml(kinds[kind])
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert facturx.get_level(etree.fromstring(xml)) == "en16931"


@pytest.mark.parametrize("kind", KINDS)
def test_amounts_and_vat_breakdown_agree_to_the_cent(kinds: dict[str, Invoice], kind: str) -> None:
    invoice = kinds[kind]
    xml = cii.invoice_xml(invoice)
    lines = [
        Decimal(v)
        for v in _xpath(
            xml, "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount/text()"
        )
    ]
    bases = [
        Decimal(v)
        for v in _xpath(
            xml,
            "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:BasisAmount/text()",
        )
    ]
    taxes = [
        Decimal(v)
        for v in _xpath(
            xml,
            "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount/text()",
        )
    ]
    rates = [
        Decimal(v)
        for v in _xpath(
            xml,
            "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent/text()",
        )
    ]
    assert sum(lines) == sum(bases) == _amount(xml, "LineTotalAmount") == invoice.net_total
    for basis, rate, vat in zip(bases, rates, taxes, strict=True):
        assert vat == (basis * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert sum(taxes) == _amount(xml, "TaxTotalAmount") == invoice.tax_total
    assert (
        _amount(xml, "GrandTotalAmount")
        == invoice.net_total + invoice.tax_total
        == invoice.gross_total
    )


def test_nineteen_and_seven_percent_are_standard_rated_and_zero_is_zero_rated(
    kinds: dict[str, Invoice],
) -> None:
    xml = cii.invoice_xml(kinds["vat7"])
    groups = set(
        zip(
            _xpath(
                xml,
                "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode/text()",
            ),
            _xpath(
                xml,
                "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent/text()",
            ),
            strict=True,
        )
    )
    assert groups == {("S", "19.00"), ("S", "7.00"), ("Z", "0.00")}
    # 12 × 18,50 = 222,00 at 7 % = 15,54; 6,90 at 19 % = 1,31 (rounded per group)
    assert kinds["vat7"].tax_total == Decimal("16.85")


@pytest.mark.parametrize(
    ("kind", "category", "note"),
    [
        ("small_business", "E", tax.SMALL_BUSINESS_NOTE),
        ("reverse_charge", "AE", tax.REVERSE_CHARGE_NOTE),
        ("export", "G", tax.EXPORT_NOTE),
    ],
)
def test_no_vat_invoices_carry_their_category_and_legal_note(
    kinds: dict[str, Invoice], kind: str, category: str, note: str
) -> None:
    xml = cii.invoice_xml(kinds[kind])
    assert set(_xpath(xml, "//ram:CategoryCode/text()")) == {category}
    assert note in _xpath(xml, "//rsm:ExchangedDocument/ram:IncludedNote/ram:Content/text()")
    assert _xpath(
        xml,
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:ExemptionReason/text()",
    ) == [note]
    assert kinds[kind].tax_total == 0


def test_reverse_charge_names_both_vat_ids(kinds: dict[str, Invoice]) -> None:
    xml = cii.invoice_xml(kinds["reverse_charge"])
    assert _xpath(
        xml, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']/text()"
    ) == ["DE812345678"]
    assert _xpath(
        xml, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']/text()"
    ) == ["ATU12345678"]


def test_gutschrift_has_type_389_and_the_partner_as_seller(kinds: dict[str, Invoice]) -> None:
    gutschrift = kinds["self_billing"]
    xml = cii.invoice_xml(gutschrift)
    assert _xpath(xml, "//rsm:ExchangedDocument/ram:TypeCode/text()") == ["389"]
    # anna wrote it, but ben (§ 19) delivered: he is the seller, so no VAT.
    assert gutschrift.issuer.email.startswith("anna")
    assert _xpath(xml, "//ram:SellerTradeParty/ram:Name/text()") == [
        gutschrift.recipient.get_full_name()
    ]
    assert set(_xpath(xml, "//ram:CategoryCode/text()")) == {"E"}


def test_correction_has_type_384_negative_amounts_and_references_the_original(
    kinds: dict[str, Invoice],
) -> None:
    original, correction = kinds["wrong"], kinds["correction"]
    xml = cii.invoice_xml(correction)
    assert _xpath(xml, "//rsm:ExchangedDocument/ram:TypeCode/text()") == ["384"]
    assert _xpath(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID/text()") == [
        original.number
    ]
    assert correction.gross_total == -original.gross_total < 0
    assert correction.tax_total == -original.tax_total


@pytest.mark.parametrize("kind", ["vat19", "small_business", "correction"])
def test_pdf_is_pdf_a_3_with_the_xml_attached(kinds: dict[str, Invoice], kind: str) -> None:
    invoice = kinds[kind]
    pdf = invoice_pdf(invoice)
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.xmp_metadata
    assert xmp is not None
    part = xmp.rdf_root.getElementsByTagNameNS("http://www.aiim.org/pdfa/ns/id/", "part")
    assert part and part[0].firstChild.data == "3"
    assert reader.attachments["factur-x.xml"][0] == cii.invoice_xml(invoice)
    _name, embedded = facturx.get_xml_from_pdf(pdf, check_xsd=True)
    assert embedded == cii.invoice_xml(invoice)
    text = "".join(page.extract_text() for page in reader.pages)
    assert invoice.number in text


@pytest.mark.skipif(
    not RULES.is_dir(), reason="the CEN EN 16931 artefacts (../shared/einvoice) are not here"
)
def test_every_kind_passes_the_official_en16931_rules_without_a_fatal_finding(
    kinds: dict[str, Invoice],
) -> None:
    validator = Validator(RULES)
    findings = []
    for name, invoice in kinds.items():
        findings += validator.check(cii.invoice_xml(invoice), file=name)
    assert fatal(findings) == []
    # and the rules do find what is wrong: a total that does not add up
    broken = cii.invoice_xml(kinds["vat19"]).replace(
        b"</ram:GrandTotalAmount>", b"9</ram:GrandTotalAmount>"
    )
    assert {f.rule for f in fatal(validator.check(broken))} >= {"BR-CO-15"}
