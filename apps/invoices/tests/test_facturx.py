import io

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from apps.invoices import cii
from apps.invoices.models import Invoice
from apps.invoices.pdf import invoice_pdf

ALL = ["vat19", "vat7", "small_business", "reverse_charge", "export", "self_billing", "correction"]


@pytest.mark.parametrize("kind", ALL)
def test_every_kind_of_invoice_is_valid_against_the_en16931_schema(kinds: dict[str, Invoice], kind: str) -> None:
    xml = cii.invoice_xml(kinds[kind])
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
