from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from apps.accounts.models import User
from apps.core.demo.personas import ANNA, DEMO_PASSWORD
from tests.e2e.conftest import login, logout


def test_new_user_fills_profile_sees_reasoned_suggestions_and_gets_connected(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    user = User.objects.create_user("otto@example.org", "Outdoor-2026!", name="Otto Ostermann")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    login(page, live_server, "otto@example.org", "Outdoor-2026!")

    page.get_by_role("link", name="Ich", exact=True).click()
    page.get_by_label("Kurzprofil").fill("Outdoor-Teamtrainings im Rheinland")
    page.get_by_label("Kompetenzen").fill("Outdoor-Training\nErlebnispädagogik")
    page.get_by_label("Zielgruppen").fill("Teams\nFührungskräfte")
    page.get_by_label("Ort").fill("Köln")
    page.get_by_label("PLZ").fill("50823")
    page.get_by_label("Präsenz").check()
    page.get_by_label("Ergänzung").check()
    page.get_by_label("Ich suche").fill(
        "Ich suche eine Kommunikationstrainerin, mit der ich Teamtage gemeinsam gestalte."
    )
    page.get_by_label("Stunden pro Monat für Kooperationen").fill("12")
    page.get_by_role("button", name="Profil speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Profil ist gespeichert")

    page.get_by_role("link", name="Partner finden").click()
    card = page.locator("article.match").filter(has_text=ANNA.name)
    expect(card).to_be_visible()
    expect(card.locator(".match-reason")).not_to_be_empty()

    card.get_by_role("button", name="Kontakt anfragen").click()
    page.get_by_label("Worum geht es konkret?").fill(
        "Ich plane im Frühjahr Teamtage für eine Klinik in Köln und suche eine "
        "Kommunikationstrainerin für den zweiten Tag. Hätten Sie Lust auf ein Telefonat?"
    )
    page.get_by_role("button", name=f"Anfrage an {ANNA.name} senden").click()
    expect(page.get_by_role("status")).to_contain_text("ist unterwegs")
    logout(page)

    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Netzwerk").click()
    page.get_by_role("button", name="Annehmen: Anfrage von Otto Ostermann").click()
    expect(page.get_by_text("Sie sind jetzt mit Otto Ostermann verbunden")).to_be_visible()
