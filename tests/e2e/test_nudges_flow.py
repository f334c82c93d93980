from collections.abc import Iterable

from playwright.sync_api import Page, expect

from apps.core.demo.personas import ANNA, DEMO_PASSWORD
from apps.driver.rules import DriverRun, NudgeSpec, registry
from apps.driver.services import driver_run
from tests.e2e.conftest import login

TASKS = ["Flyer drucken", "Raum buchen", "Angebot schreiben"]


def test_a_member_works_through_her_nudges_with_htmx(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna = personas["anna"]

    def overdue(run: DriverRun) -> Iterable[NudgeSpec]:
        for index, title in enumerate(TASKS):
            yield NudgeSpec(
                user_id=anna.pk,
                subject=f"task:{index}",
                params={"title": title},
                url="/impulse/",
                urgent=index == 0,
            )

    def describe(params: dict[str, str]) -> str:
        return f"Die Aufgabe „{params['title']}“ ist überfällig."

    with registry.registered("test_overdue", overdue, message=describe):
        driver_run(rules=["test_overdue"])
        login(page, live_server, ANNA.email, DEMO_PASSWORD)
        nav = page.get_by_role("link", name="Impulse (3 offene Impulse)")
        expect(nav).to_be_visible()
        expect(page.get_by_text("Die Aufgabe „Flyer drucken“ ist überfällig.")).to_be_visible()
        nav.click()

        expect(page.get_by_role("heading", name="Dringend")).to_be_visible()
        first = page.locator("article.nudge").filter(has_text="Flyer drucken")
        first.get_by_role("button", name="Erledigt").click()
        expect(first.get_by_role("status")).to_have_text("Als erledigt markiert.")
        expect(page.get_by_role("link", name="Impulse (2 offene Impulse)")).to_be_visible()

        second = page.locator("article.nudge").filter(has_text="Raum buchen")
        second.get_by_label("Erinnern am").fill("2099-01-01")
        second.get_by_role("button", name="Später erinnern").click()
        expect(second.get_by_role("alert")).to_contain_text("höchstens ein Jahr")
        second.get_by_role("button", name="Später erinnern").click()  # the default: 3 days
        expect(second.get_by_role("status")).to_contain_text("Zurückgestellt bis")
        expect(page.get_by_role("link", name="Impulse (1 offener Impuls)")).to_be_visible()
        page.screenshot(path="/tmp/driver-nudges.png", full_page=True)

        page.get_by_role("link", name="Zurückgestellt und erledigt").click()
        expect(page.locator("article.nudge")).to_have_count(2)
        page.screenshot(path="/tmp/driver-nudges-later.png", full_page=True)
