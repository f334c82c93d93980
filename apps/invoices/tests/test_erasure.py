"""Deleting an account erases the business settings; issued invoices stay as issued."""

from apps.accounts.models import User
from apps.accounts.services import account_delete
from apps.core.demo.personas import DEMO_PASSWORD
from apps.invoices.models import BusinessSettings, Invoice


def test_deleting_an_account_erases_business_settings_and_keeps_the_invoices(
    kinds: dict[str, Invoice], anna: User
) -> None:
    issued = Invoice.objects.filter(issuer=anna).count()
    seller = kinds["vat19"].seller["name"]

    account_delete(user=anna, password=DEMO_PASSWORD)

    assert not BusinessSettings.objects.filter(user=anna).exists()
    assert Invoice.objects.filter(issuer=anna).count() == issued > 0
    kinds["vat19"].refresh_from_db()
    assert kinds["vat19"].seller["name"] == seller
