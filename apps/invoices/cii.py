"""The invoice as UN/CEFACT Cross Industry Invoice (CII D16B), profile EN 16931:
the XML that Factur-X/ZUGFeRD embeds in the PDF. Element order follows the XSD.

Reads the invoice's ``lines`` and ``corrects``; prefetch them for many invoices.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from lxml import etree

from apps.invoices import tax
from apps.invoices.models import Invoice, InvoiceLine

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}
GUIDELINE = "urn:cen.eu:en16931:2017"
CURRENCY = "EUR"
SEPA_CREDIT_TRANSFER = "58"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NSMAP[prefix]}}}{name}", attrib)
    if text is not None:
        element.text = text
    return element


def amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _date(parent: etree._Element, tag: str, day: date, *, qualified: bool = False) -> None:
    holder = _el(parent, tag)
    _el(
        holder,
        "qdt:DateTimeString" if qualified else "udt:DateTimeString",
        day.strftime("%Y%m%d"),
        format="102",
    )


def _party(parent: etree._Element, tag: str, party: dict[str, Any], *, seller: bool) -> None:
    element = _el(parent, tag)
    if seller:
        # BT-29: identifies the seller even when only a tax number is known (BR-CO-26).
        _el(element, "ram:ID", f"WirWerk-{party['user_id']}")
    _el(element, "ram:Name", party["name"])
    address = _el(element, "ram:PostalTradeAddress")
    _el(address, "ram:PostcodeCode", party["postcode"])
    _el(address, "ram:LineOne", party["street"])
    _el(address, "ram:CityName", party["city"])
    _el(address, "ram:CountryID", party["country"])
    if party.get("vat_id"):
        registration = _el(element, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", party["vat_id"], schemeID="VA")
    if seller and party.get("tax_number"):
        registration = _el(element, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", party["tax_number"], schemeID="FC")


def _line(parent: etree._Element, line: InvoiceLine) -> None:
    item = _el(parent, "ram:IncludedSupplyChainTradeLineItem")
    _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(line.position))
    _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.description)
    agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
    _el(
        _el(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", amount(line.unit_price)
    )
    delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
    _el(delivery, "ram:BilledQuantity", quantity(line.quantity), unitCode=line.unit)
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    trade_tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(trade_tax, "ram:TypeCode", "VAT")
    _el(trade_tax, "ram:CategoryCode", line.category)
    _el(trade_tax, "ram:RateApplicablePercent", amount(line.rate))
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", amount(line.net_amount))


def breakdown(invoice: Invoice, lines: Iterable[InvoiceLine]) -> tax.Totals:
    """The VAT breakdown of the stored lines (the same arithmetic as when issued)."""
    taxed = [tax.TaxedLine(line.net_amount, line.category, line.rate) for line in lines]
    return tax.totals(invoice.scheme, taxed)


def notes(invoice: Invoice) -> list[str]:
    """The notes printed on and embedded in the invoice (BT-22)."""
    found = [invoice.reference]
    legal = tax.note_for(invoice.scheme)
    if legal:
        found.append(legal)
    if invoice.self_billed:
        found.append(f"Gutschrift im Gutschriftsverfahren ({invoice.agreement_reference})")
    return found


def invoice_xml(invoice: Invoice) -> bytes:
    lines = list(invoice.lines.all())
    totals = breakdown(invoice, lines)
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", GUIDELINE)
    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", invoice.type_code)
    _date(document, "ram:IssueDateTime", invoice.issue_date)
    for note in notes(invoice):
        _el(_el(document, "ram:IncludedNote"), "ram:Content", note)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for line in lines:
        _line(transaction, line)
    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    _party(agreement, "ram:SellerTradeParty", invoice.seller, seller=True)
    _party(agreement, "ram:BuyerTradeParty", invoice.buyer, seller=False)
    _el(transaction, "ram:ApplicableHeaderTradeDelivery")

    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:PaymentReference", invoice.number)
    _el(settlement, "ram:InvoiceCurrencyCode", CURRENCY)
    means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    _el(means, "ram:TypeCode", SEPA_CREDIT_TRANSFER)
    _el(_el(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", invoice.seller["iban"])
    if invoice.seller.get("bic"):
        _el(
            _el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"),
            "ram:BICID",
            invoice.seller["bic"],
        )
    for group in totals.groups:
        trade_tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(trade_tax, "ram:CalculatedAmount", amount(group.tax))
        _el(trade_tax, "ram:TypeCode", "VAT")
        if group.exemption_reason:
            _el(trade_tax, "ram:ExemptionReason", group.exemption_reason)
        _el(trade_tax, "ram:BasisAmount", amount(group.basis))
        _el(trade_tax, "ram:CategoryCode", group.category)
        if group.exemption_code:
            _el(trade_tax, "ram:ExemptionReasonCode", group.exemption_code)
        _el(trade_tax, "ram:RateApplicablePercent", amount(group.rate))
    period = _el(settlement, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", invoice.period_start)
    _date(period, "ram:EndDateTime", invoice.period_end)
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    _el(terms, "ram:Description", f"Zahlbar bis {invoice.due_date:%d.%m.%Y} ohne Abzug.")
    _date(terms, "ram:DueDateDateTime", invoice.due_date)
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", amount(totals.net))
    _el(summation, "ram:TaxBasisTotalAmount", amount(totals.net))
    _el(summation, "ram:TaxTotalAmount", amount(totals.tax), currencyID=CURRENCY)
    _el(summation, "ram:GrandTotalAmount", amount(totals.gross))
    _el(summation, "ram:DuePayableAmount", amount(totals.gross))
    if invoice.corrects is not None:
        referenced = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(referenced, "ram:IssuerAssignedID", invoice.corrects.number)
        _date(referenced, "ram:FormattedIssueDateTime", invoice.corrects.issue_date, qualified=True)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
