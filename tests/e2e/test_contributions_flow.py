from decimal import Decimal

from playwright.sync_api import Page, expect

from apps.contributions.models import Contribution
from apps.cooperations import services
from apps.core.demo.personas import BEN, DEMO_PASSWORD
from tests.e2e.conftest import login
from tests.factories import commit, join


def test_a_member_logs_hours_corrects_them_and_everyone_sees_the_history(
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
    commit(cooperation, {anna: 12, ben: 6})

    login(page, live_server, BEN.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/")
    page.get_by_role("link", name="Beiträge", exact=True).click()
    expect(page.get_by_text("Noch keine Beiträge eingetragen")).to_be_visible()

    # The form shows only the fields of the chosen kind.
    form = page.locator("details#neu form")
    form.get_by_label("Geld").check()
    expect(form.get_by_label("Betrag in Euro")).to_be_visible()
    expect(form.get_by_label("Dauer in Stunden")).to_be_hidden()
    form.get_by_role("radio", name="Stunden").check()
    expect(form.get_by_label("Dauer in Stunden")).to_be_visible()
    expect(form.get_by_label("Betrag in Euro")).to_be_hidden()
    form.get_by_label("Dauer in Stunden").fill("2,5")
    form.get_by_label("Wofür / was").fill("Konzept Modul 2")
    form.get_by_role("button", name="Eintragen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Beitrag ist eingetragen")
    row = page.locator("#eintraege tr").filter(has_text="Konzept Modul 2")
    expect(row).to_contain_text("2,5 Std.")

    # Ben corrects his entry; the old version stays visible with the reason.
    row.get_by_role("link", name="Korrigieren").click()
    page.get_by_label("Grund").fill("Eine halbe Stunde war Pause")
    page.get_by_label("Dauer in Stunden").fill("2")
    page.get_by_role("button", name="Korrektur speichern").click()
    history = page.locator(".entry-history")
    expect(history).to_contain_text("Eine halbe Stunde war Pause")
    expect(history.locator("li")).to_have_count(2)
    assert Contribution.objects.current().get().hours == Decimal("2.00")

    # The balance counts the corrected hours only; the agreement is one day old, so
    # 6 hours a month commit Ben to 0,2 hours so far.
    page.get_by_role("link", name="← Alle Beiträge").click()
    expect(page.locator(".balance-summary")).to_contain_text("2 Std. von 0,2 Std. geleistet")
    expect(page.locator("svg[role='img'] title").first).to_contain_text("Zugesagte")
