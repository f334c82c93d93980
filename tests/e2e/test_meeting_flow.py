"""Issue 5, acceptance 5: a meeting with a decision and an action; the action goes
overdue (time moved), the nudge appears for the owner, who marks the action done,
and the nudge disappears."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.cooperations import services as cooperation_services
from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from apps.driver.services import driver_run
from apps.meetings.models import Action, Decision
from tests.e2e.conftest import login, logout
from tests.factories import join

BERLIN = ZoneInfo("Europe/Berlin")
TITLE = "Führung im Mittelstand"


def test_an_overdue_action_from_a_meeting_nudges_its_owner_until_it_is_done(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    cooperation = cooperation_services.cooperation_create(
        founder=anna, title=TITLE, purpose="Ein Führungsprogramm.", kind="joint_offer"
    )
    join(cooperation, anna, ben)
    today = timezone.localdate()
    due = today + timedelta(days=2)

    # Anna plans a meeting, records a decision and gives Ben an action.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Kooperationen", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Besprechungen", exact=True).first.click()
    expect(page.get_by_text("Keine Besprechung geplant")).to_be_visible()
    page.get_by_role("button", name="Besprechung planen").click()
    page.get_by_label("Titel").fill("Auftakt")
    page.get_by_label("Beginn").fill(f"{today.isoformat()}T08:00")
    page.get_by_label("Dauer").select_option("90")
    page.get_by_label("Ort").fill("Büro Anna, Leipzig")
    page.get_by_role("button", name="Besprechung planen").click()
    expect(page.get_by_role("status").first).to_have_text("Die Besprechung ist geplant.")
    expect(page.get_by_role("heading", name="Auftakt")).to_be_visible()
    expect(page.get_by_text("08:00–09:30 Uhr")).to_be_visible()

    page.get_by_text("Beschluss festhalten").click()
    page.get_by_label("Beschluss (kurz)").fill("Tagessatz 1.200 €")
    page.get_by_role("button", name="Als Entwurf festhalten").click()
    page.get_by_role("button", name="Beschließen").click()
    page.get_by_role("button", name="Jetzt beschließen").click()
    expect(page.get_by_role("status").first).to_contain_text("Beschlossen.")
    expect(page.locator("#beschluesse")).to_contain_text("Nr. 1")
    assert Decision.objects.get().is_final

    page.get_by_text("Aufgabe vergeben").click()
    page.get_by_label("Aufgabe", exact=True).fill("Angebot schreiben")
    page.get_by_label("Zuständig").select_option(label=BEN.name)
    page.get_by_label("fällig am").fill(due.isoformat())
    page.get_by_role("button", name="Aufgabe anlegen").click()
    expect(page.locator("#aufgaben")).to_contain_text("Angebot schreiben")
    action = Action.objects.get()
    assert (action.owner_id, action.due_on) == (ben.pk, due)
    page.screenshot(path="/tmp/meeting-detail.png", full_page=True)
    logout(page)

    # Three days after the due date: the driver nudges Ben, urgently.
    later = datetime.combine(due + timedelta(days=3), datetime.min.time(), BERLIN)
    with time_machine.travel(later.replace(hour=9)):
        result = driver_run()
        assert result.created >= 1
        login(page, live_server, BEN.email, DEMO_PASSWORD)
        counter = page.get_by_role("link", name="Impulse (1 offener Impuls)")
        expect(counter).to_be_visible()
        counter.click()
        nudge = page.locator("article.nudge").filter(has_text="Angebot schreiben")
        expect(nudge).to_contain_text("Ihre Aufgabe „Angebot schreiben“")
        expect(nudge).to_contain_text("Dringend")

        # Ben follows the nudge to the action and marks it done (htmx).
        nudge.get_by_role("button", name="Ansehen").click()
        row = page.locator(f"#aufgabe-{action.pk}")
        expect(row).to_contain_text("überfällig")
        row.get_by_role("button", name="Erledigt").click()
        expect(row.get_by_role("status")).to_have_text("Erledigt – danke!")
        expect(page.get_by_role("link", name="Impulse", exact=True)).to_be_visible()
        page.screenshot(path="/tmp/meeting-action-done.png", full_page=True)

        page.get_by_role("link", name="Impulse", exact=True).click()
        expect(page.locator("article.nudge").filter(has_text="Angebot schreiben")).to_have_count(0)
        # The next run does not bring it back.
        assert not driver_run(rules=["action_overdue"]).changed
