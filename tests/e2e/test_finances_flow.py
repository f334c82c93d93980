import io
from decimal import Decimal

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from apps.cooperations import services
from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from apps.finances.models import Transfer
from apps.invoices import demo as invoice_demo
from apps.invoices.models import Invoice
from tests.e2e.conftest import login
from tests.factories import join


def test_an_engagement_is_split_settled_the_receiver_confirms_and_invoices(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    cooperation = services.cooperation_create(
        founder=anna, title="Führung im Mittelstand", purpose="Gemeinsam anbieten.", kind="other"
    )
    join(cooperation, anna, ben)

    # Anna leads an engagement: she collects the fee, Ben paid the room.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/")
    page.get_by_role("link", name="Finanzen", exact=True).click()
    expect(page.get_by_text("Noch keine Aufträge und keine laufenden Kosten")).to_be_visible()
    page.get_by_role("button", name="Auftrag anlegen").first.click()
    page.get_by_label("Titel").fill("Führungskräfte-Workshop")
    page.get_by_label("Kunde").fill("Müller Maschinenbau GmbH")
    page.get_by_label("Beginn").fill("2026-03-01")
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Der Auftrag ist angelegt")

    form = page.locator("details#posten form")
    form.get_by_label("Einnahme").check()
    form.get_by_label("Betrag in Euro").fill("2.400,00")
    form.get_by_label("Datum").fill("2026-03-02")
    form.get_by_label("Wofür").fill("Honorar")
    form.get_by_role("button", name="Posten eintragen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Posten ist eingetragen")

    page.locator("details#posten summary").click()
    form = page.locator("details#posten form")
    form.get_by_label("Kosten").check()
    form.get_by_label("Wer hat kassiert bzw. bezahlt?").select_option(str(ben.pk))
    form.get_by_label("Betrag in Euro").fill("300")
    form.get_by_label("Datum").fill("2026-03-03")
    form.get_by_label("Wofür").fill("Seminarraum")
    form.get_by_role("button", name="Posten eintragen").click()

    # Without an agreement both share equally: (2.400 − 300) / 2 each.
    split = page.locator(".split-table")
    expect(split).to_contain_text("1.050,00")
    expect(page.locator("tr.line-cost")).to_contain_text("Seminarraum")

    # The overview shows the balances and proposes one transfer: Anna pays Ben.
    page.get_by_role("link", name="Überblick").last.click()
    expect(page.locator(".finance-balances")).to_contain_text("1.350,00")
    expect(page.locator("svg[role='img'] title").first).to_contain_text("Salden je Mitglied")
    page.get_by_role("button", name="Ausgleich vorschlagen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Ausgleich ist vorgeschlagen")
    transfer = page.locator("li.transfer")
    expect(transfer).to_contain_text("überweist 1.350,00")
    expect(transfer.get_by_role("button", name="Eingang bestätigen")).to_have_count(0)

    # Ben, the receiver, confirms.
    page.context.clear_cookies()
    login(page, live_server, BEN.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/finanzen/ausgleich/")
    page.get_by_role("button", name="Eingang bestätigen").click()
    expect(page.get_by_role("status").first).to_contain_text("Der Zahlungseingang ist bestätigt")
    expect(page.locator("li.transfer")).to_contain_text("erhalten")
    expect(page.get_by_text("Alle Salden sind ausgeglichen.")).to_be_visible()
    assert Transfer.objects.get().receipt.confirmed_by == ben
    assert Transfer.objects.get().amount == Decimal("1350.00")

    # Ben invoices Anna for the room he provided, and downloads the e-invoice.
    invoice_demo.settings_for(ben, "ben")
    invoice_demo.settings_for(anna, "anna")
    tabs = page.get_by_role("navigation", name="Bereiche der Kooperation")
    tabs.get_by_role("link", name="Rechnungen", exact=True).click()
    page.get_by_role("button", name="Rechnung stellen").click()
    page.get_by_label("Empfänger", exact=True).select_option(label=str(anna))
    page.get_by_label("Bezug", exact=True).fill("Führungskräfte-Workshop, Seminarraum")
    line = page.locator("fieldset.invoice-line").nth(0)
    line.get_by_label("Leistung", exact=True).fill("Seminarraum, ein Tag")
    line.get_by_label("Menge").fill("1")
    line.get_by_label("Einzelpreis netto in Euro").fill("300")
    page.get_by_role("button", name="Rechnung ausstellen").click()
    invoice = Invoice.objects.get()
    expect(page.get_by_role("heading", name=f"Rechnung {invoice.number}")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF herunterladen").click()
    pdf = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert pdf.startswith(b"%PDF")
    assert "factur-x.xml" in PdfReader(io.BytesIO(pdf)).attachments
