import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from apps.core.demo.personas import ANNA, DEMO_PASSWORD
from apps.invoices import demo
from apps.invoices.models import Invoice
from tests.e2e.conftest import login
from tests.factories import found


def test_anna_sets_her_business_data_invoices_ben_and_downloads_the_e_invoice(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    cooperation = found(anna, ben)
    demo.settings_for(ben, "ben")

    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/")
    tabs = page.get_by_role("navigation", name="Bereiche der Kooperation")
    tabs.get_by_role("link", name="Rechnungen", exact=True).click()
    expect(
        page.get_by_text("Für Rechnungen brauchen Sie zuerst Ihre Geschäftsangaben")
    ).to_be_visible()

    # Business settings: a typo in the IBAN is explained, then saved.
    page.get_by_role("link", name="Geschäftsangaben hinterlegen").click()
    page.get_by_label("Name oder Firma").fill("Anna Albrecht Kommunikationstraining")
    page.get_by_label("Straße und Hausnummer").fill("Ehrenstraße 12")
    page.get_by_label("Postleitzahl").fill("50672")
    page.get_by_label("Ort").fill("Köln")
    page.get_by_label("Steuernummer").fill("214/5123/4567")
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 01")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Prüfziffer der IBAN")).to_be_visible()
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Geschäftsangaben sind gespeichert")

    # An invoice with two lines to Ben in their cooperation.
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/rechnungen/")
    page.get_by_role("button", name="Rechnung stellen").click()
    page.get_by_label("Empfänger", exact=True).select_option(label=str(ben))
    page.get_by_label("Bezug", exact=True).fill("Co-Moderation Teamtag Stadtwerke")
    first = page.locator("fieldset.invoice-line").nth(0)
    first.get_by_label("Leistung", exact=True).fill("Co-Moderation")
    first.get_by_label("Menge").fill("6,5")
    first.get_by_label("Einzelpreis netto in Euro").fill("95")
    second = page.locator("fieldset.invoice-line").nth(1)
    second.get_by_label("Leistung", exact=True).fill("Arbeitshefte")
    second.get_by_label("Menge").fill("12")
    second.get_by_label("Einheit").select_option(label="Stück")
    second.get_by_label("Einzelpreis netto in Euro").fill("18,50")
    second.get_by_label("Umsatzsteuer").select_option("7")
    page.get_by_role("button", name="Rechnung ausstellen").click()

    invoice = Invoice.objects.get()
    expect(page.get_by_role("heading", name=f"Rechnung {invoice.number}")).to_be_visible()
    # 617,50 + 19 % (117,33) and 222,00 + 7 % (15,54)
    expect(page.locator("tfoot")).to_contain_text("972,37")

    with page.expect_download() as info:
        page.get_by_role("button", name="PDF herunterladen").click()
    pdf = open(info.value.path(), "rb").read()  # noqa: SIM115
    assert pdf.startswith(b"%PDF")
    assert "factur-x.xml" in PdfReader(io.BytesIO(pdf)).attachments
    assert invoice.number == f"{invoice.issue_date.year}-0001"
