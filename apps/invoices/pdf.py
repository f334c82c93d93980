"""The invoice as Factur-X PDF: WeasyPrint renders the readable invoice as PDF/A-3b,
``facturx`` embeds the CII XML as ``factur-x.xml`` (profile EN 16931)."""

import logging

from django.template.loader import render_to_string
from django.utils.translation import get_language

from apps.invoices import cii
from apps.invoices.models import Invoice

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("factur-x").setLevel(logging.WARNING)

FLAVOR = "factur-x"
LEVEL = "en16931"


def invoice_html(invoice: Invoice) -> str:
    lines = list(invoice.lines.all())
    return render_to_string(
        "invoices/pdf/invoice.html",
        {
            "language": get_language() or "de",
            "invoice": invoice,
            "lines": lines,
            "totals": cii.breakdown(invoice, lines),
            "notes": cii.notes(invoice)[1:],
        },
    )


def invoice_pdf(invoice: Invoice, xml: bytes | None = None) -> bytes:
    """The Factur-X PDF of ``invoice`` (reads its lines and the corrected invoice)."""
    import facturx  # heavy; most requests need no PDF
    import weasyprint

    xml = xml if xml is not None else cii.invoice_xml(invoice)
    fetcher = weasyprint.URLFetcher(allowed_protocols=())  # nothing loaded from anywhere
    document = weasyprint.HTML(string=invoice_html(invoice), base_url=None, url_fetcher=fetcher)
    visual: bytes = document.write_pdf(pdf_variant="pdf/a-3b")
    pdf: bytes = facturx.generate_from_binary(
        visual,
        xml,
        flavor=FLAVOR,
        level=LEVEL,
        check_xsd=True,
        pdf_metadata={
            "author": invoice.seller["name"],
            "keywords": "Factur-X, ZUGFeRD, EN 16931",
            "title": f"{invoice.get_type_code_display()} {invoice.number}",
            "subject": f"{invoice.get_type_code_display()} {invoice.number} – {invoice.reference}",
        },
        lang="de-DE",
    )
    return pdf
