"""The invoices' part of a person's data export: business settings and every invoice
the person issued or received (see ``apps.base.data_export``)."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section
from apps.invoices.archive import invoice_data
from apps.invoices.models import BusinessSettings, Invoice
from apps.invoices.selectors import with_details


@data_export_section("invoices")
def invoices(user: User) -> dict[str, Any]:
    settings = BusinessSettings.objects.filter(user=user).first()
    found = with_details(Invoice.objects.of_party(user)).order_by("pk")
    return {
        "business_settings": settings.party() if settings else None,
        "small_business": settings.small_business if settings else None,
        "invoices": [
            {
                **invoice_data(invoice),
                "cooperation": invoice.cooperation.title,
                "lines": [
                    {
                        "position": line.position,
                        "description": line.description,
                        "quantity": str(line.quantity),
                        "unit": line.unit,
                        "unit_price": str(line.unit_price),
                        "category": line.category,
                        "rate": str(line.rate),
                        "net_amount": str(line.net_amount),
                    }
                    for line in invoice.lines.all()
                ],
            }
            for invoice in found
        ],
    }
