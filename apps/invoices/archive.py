"""The invoices' part of a cooperation's archive: the member's own invoices (issued or
received) as metadata and as EN 16931 XML (``rechnungen/<Aussteller>_<Nummer>.xml``)."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.cooperations.archive import (
    ArchiveFile,
    ArchivePart,
    archive_section,
    iso,
    name_of,
)
from apps.cooperations.models import Cooperation
from apps.invoices import cii
from apps.invoices.models import Invoice
from apps.invoices.selectors import with_details


def invoice_data(invoice: Invoice) -> dict[str, Any]:
    return {
        "id": invoice.pk,
        "number": invoice.number,
        "type_code": invoice.type_code,
        "type": invoice.get_type_code_display(),
        "self_billed": invoice.self_billed,
        "agreement_reference": invoice.agreement_reference,
        "scheme": invoice.scheme,
        "issuer": name_of(invoice.issuer),
        "recipient": name_of(invoice.recipient),
        "seller": invoice.seller["name"],
        "buyer": invoice.buyer["name"],
        "issue_date": iso(invoice.issue_date),
        "due_date": iso(invoice.due_date),
        "period_start": iso(invoice.period_start),
        "period_end": iso(invoice.period_end),
        "reference": invoice.reference,
        "net_total": str(invoice.net_total),
        "tax_total": str(invoice.tax_total),
        "gross_total": str(invoice.gross_total),
        "corrects": invoice.corrects.number if invoice.corrects else None,
        "file": f"rechnungen/{invoice.file_stem}.xml",
    }


@archive_section(
    "invoices",
    description=_("Ihre gestellten und erhaltenen Rechnungen, jede auch als E-Rechnung (XML)"),
)
def invoices_section(cooperation: Cooperation) -> ArchivePart:
    """Invoices are private to their two parties: a member's archive holds the ones the
    member issued or received (all of them only where no member is loaded, e.g. for
    the operator's tooling)."""
    found = Invoice.objects.filter(cooperation=cooperation)
    membership = getattr(cooperation, "membership", None)
    if membership is not None:
        found = found.filter(Q(issuer_id=membership.user_id) | Q(recipient_id=membership.user_id))
    invoices = list(with_details(found).order_by("pk"))
    return ArchivePart(
        data=[invoice_data(invoice) for invoice in invoices],
        files=[
            ArchiveFile(f"rechnungen/{invoice.file_stem}.xml", cii.invoice_xml(invoice))
            for invoice in invoices
        ],
        files_note=str(
            _("rechnungen/: jede Rechnung als E-Rechnung nach EN 16931 (CII-XML, Factur-X).")
        ),
    )
