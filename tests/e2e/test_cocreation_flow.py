"""Two people in one live session, each in their own browser: ideas appear for the
other within three seconds without reloading, both vote, and the facilitator turns
the winner into an action of their cooperation."""

from playwright.sync_api import Page, expect

from apps.cocreation import services
from apps.cocreation.models import Session
from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from apps.meetings.models import Action
from tests.e2e.conftest import login
from tests.factories import found


def test_two_people_co_create_live_and_the_winner_becomes_an_action(
    transactional_db,
    personas,
    browser,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    cooperation = found(anna, ben)
    session = services.session_create(
        user=anna, question="Wie gewinnen wir neue Kunden?", cooperation=cooperation
    )
    url = f"{live_server.url}/sessions/{session.pk}/"

    contexts = [browser.new_context(locale="de-DE") for _ in range(2)]
    anna_page, ben_page = (context.new_page() for context in contexts)
    for context in contexts:
        context.set_default_timeout(10_000)
    try:
        login(anna_page, live_server, ANNA.email, DEMO_PASSWORD)
        login(ben_page, live_server, BEN.email, DEMO_PASSWORD)
        anna_page.goto(url)
        ben_page.goto(url)

        anna_page.get_by_label("Ihre Idee").fill("Webinar mit der IHK")
        anna_page.get_by_role("button", name="Hinzufügen").click()
        ben_page.get_by_label("Ihre Idee").fill("Fallstudie Pilotkunde")
        ben_page.get_by_role("button", name="Hinzufügen").click()
        # Each sees the other's idea by polling alone, within three seconds.
        expect(ben_page.locator("#live")).to_contain_text("Webinar mit der IHK", timeout=3_000)
        expect(anna_page.locator("#live")).to_contain_text("Fallstudie Pilotkunde", timeout=3_000)

        # Anna moves on twice (cluster, vote); Ben's page follows by itself.
        anna_page.get_by_role("button", name="Nächste Phase").click()
        expect(anna_page.locator("#live .stepper .current")).to_have_text("Gruppieren")
        anna_page.get_by_role("button", name="Nächste Phase").click()
        expect(ben_page.locator("#live .stepper .current")).to_have_text(
            "Punkte vergeben", timeout=3_000
        )
        expect(ben_page.get_by_role("button", name="Nächste Phase")).to_have_count(0)

        webinar = "Punkt auf „Webinar mit der IHK“"
        ben_page.get_by_role("button", name=webinar).click()
        expect(ben_page.locator(".dots-left")).to_contain_text("noch 2 Punkte")
        ben_page.get_by_role("button", name=webinar).click()
        anna_page.get_by_role("button", name=webinar).click()
        expect(anna_page.locator("#live")).to_contain_text("3 Punkte", timeout=3_000)

        anna_page.get_by_role("button", name="Nächste Phase").click()
        anna_page.locator("#live li.idea").filter(has_text="Webinar mit der IHK").get_by_role(
            "button", name="Diese Idee umsetzen"
        ).click()
        expect(ben_page.locator(".winner")).to_have_text("Webinar mit der IHK", timeout=3_000)

        anna_page.get_by_label("Aufgaben (eine je Zeile)").fill("IHK wegen Webinar anfragen")
        anna_page.get_by_role("button", name="Aufgaben anlegen").click()
        expect(anna_page.get_by_role("status").first).to_contain_text("Aufgaben sind")
        action = Action.objects.get(cooperation=cooperation)
        assert action.title == "IHK wegen Webinar anfragen"
        assert Session.objects.get(pk=session.pk).result_cooperation == cooperation
        anna_page.screenshot(path="/tmp/cocreation-session.png", full_page=True)
    finally:
        for context in contexts:
            context.close()
    page.goto(live_server.url)  # the fixture's own page checks no foreign requests
