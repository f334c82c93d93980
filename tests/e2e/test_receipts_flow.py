import os

from playwright.sync_api import Page, expect

from apps.cooperations import receipts
from apps.cooperations.models import AgreementVersion
from apps.core.demo.personas import BEN, DEMO_PASSWORD
from tests.e2e.conftest import login
from tests.factories import agree, found


def test_a_member_opens_the_receipt_and_checks_it_on_the_verify_page(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    cooperation = found(anna, ben)
    agree(cooperation, anna, ben)
    version = AgreementVersion.objects.get(cooperation=cooperation, number=1)

    login(page, live_server, BEN.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/vereinbarung/fassung-1/")
    page.get_by_role("link", name="Quittung ansehen").click()
    expect(page.get_by_role("heading", name="Quittung zu Fassung 1")).to_be_visible()
    expect(page.get_by_label("Quittungscode (zum Prüfen einfügen)")).to_have_value(
        receipts.receipt_code(version)
    )

    page.get_by_role("link", name="Quittung prüfen").first.click()
    page.get_by_label("Quittungscode", exact=True).fill(receipts.receipt_code(version))
    page.get_by_role("button", name="Prüfen").click()
    expect(page.get_by_role("status").filter(has_text="Quittung")).to_contain_text(
        "Die Quittung stimmt mit den Aufzeichnungen überein"
    )
    if path := os.environ.get("WIRWERK_SCREENSHOT"):
        page.set_viewport_size({"width": 390, "height": 900})
        page.screenshot(path=path, full_page=True)
