from playwright.sync_api import Page, expect

from apps.cooperations import services
from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from tests.e2e.conftest import login, logout
from tests.factories import agree, join


def test_the_coordination_deletes_a_cooperation_and_everyone_finds_it_archived(
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
    agree(cooperation, anna, ben)

    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/")
    page.get_by_role("link", name="Kooperation löschen").click()
    # Without the confirmation nothing happens.
    page.get_by_role("button", name="Kooperation löschen und archivieren").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte bestätigen Sie")
    page.screenshot(path="/tmp/wt-trust-delete.png", full_page=True)
    page.get_by_label("Ich verstehe").check()
    page.get_by_role("button", name="Kooperation löschen und archivieren").click()
    expect(page.get_by_role("status").first).to_contain_text("ist archiviert")
    archived = page.locator("section[aria-labelledby='archived-title']")
    expect(archived).to_contain_text("Führung im Mittelstand")
    page.screenshot(path="/tmp/wt-trust-list.png", full_page=True)

    logout(page)
    login(page, live_server, BEN.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kooperationen/")
    page.locator("section[aria-labelledby='archived-title']").get_by_role(
        "link", name="Führung im Mittelstand"
    ).click()
    expect(page.get_by_role("status").first).to_contain_text("gelöscht und archiviert")
    expect(page.get_by_role("link", name="Kooperation löschen")).to_have_count(0)
