from playwright.sync_api import Page, expect

from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from apps.network.models import Connection
from apps.referrals.models import Referral
from tests.e2e.conftest import login, logout


def test_a_referral_with_consent_is_accepted_won_and_shows_up_in_the_givers_balance(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    low, high = Connection.ordered_ids(anna.pk, ben.pk)
    Connection.objects.create(user_low_id=low, user_high_id=high)

    # Anna asks her network who can help her client, and refers the client to Ben.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    open_referrals(page)
    page.get_by_role("button", name="Wer kann helfen?").click()
    page.get_by_label("Was braucht Ihre Kundin oder Ihr Kunde?").fill(
        "Outdoor-Teamtag mit Erlebnispädagogik für die Stationsleitungen einer Klinik"
    )
    page.get_by_role("button", name="Passende Personen zeigen").click()
    card = page.locator("article.match").filter(has_text=BEN.name)
    # The first ranking in a process loads the concept vocabulary: allow it a moment.
    expect(card.locator(".match-reason")).not_to_be_empty(timeout=20_000)
    card.get_by_role("button", name=f"Empfehlung an {BEN.name} geben").click()

    expect(page.get_by_role("heading", name=f"Empfehlung an {BEN.name}")).to_be_visible()
    expect(page.get_by_label("Was braucht die Kundin oder der Kunde?")).to_contain_text(
        "Outdoor-Teamtag"
    )
    page.get_by_label("Wer ist die Kundin oder der Kunde? (anonym)").fill(
        "Klinikverbund im Rheinland"
    )
    page.get_by_label("Erwarteter Auftragswert in Euro").fill("3.000")
    page.get_by_label("Name (optional)", exact=True).fill("Doris Demir")
    page.get_by_label("E-Mail-Adresse").fill("doris@example.org")
    # Without the consent the form refuses the contact data.
    page.get_by_role("button", name="Empfehlung geben").click()
    expect(page.get_by_role("alert").first).to_contain_text("nur mit Einwilligung")
    page.get_by_label("Die Kundin oder der Kunde hat der Weitergabe").check()
    page.get_by_label("Wer hat eingewilligt?").fill("Doris Demir")
    page.get_by_role("button", name="Empfehlung geben").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Ihre Empfehlung an {BEN.name} ist unterwegs"
    )
    referral = Referral.objects.get()
    assert referral.consent_given_by == "Doris Demir"
    assert ANNA.name in referral.consent_text
    logout(page)

    # Ben accepts, sees the client's contact data and records the business won.
    login(page, live_server, BEN.email, DEMO_PASSWORD)
    open_referrals(page)
    page.get_by_role("link", name="Klinikverbund im Rheinland").click()
    expect(page.get_by_text("doris@example.org")).to_have_count(0)
    page.get_by_role("button", name="Annehmen").click()
    expect(page.get_by_role("status")).to_contain_text("angenommen")
    expect(page.get_by_role("link", name="doris@example.org")).to_be_visible()
    page.get_by_role("button", name="Auftrag gewonnen").click()
    page.get_by_label("Auftragswert in Euro").fill("2.750,50")
    page.get_by_label(f"Auftragswert mit {ANNA.name} teilen").check()
    page.get_by_role("button", name="Auftrag eintragen").click()
    expect(page.get_by_role("status")).to_contain_text("Glückwunsch zum Auftrag")
    logout(page)

    # Anna sees the value on the referral and in her give-and-take chart.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    open_referrals(page)
    page.get_by_role("link", name="Gegeben", exact=True).click()
    row = page.locator("tbody tr").filter(has_text=BEN.name)
    expect(row).to_contain_text("gewonnen")
    expect(row).to_contain_text("2.750,50 €")
    row.get_by_role("link", name="Klinikverbund im Rheinland").click()
    expect(page.locator(".won-value")).to_have_text("2.750,50 €")

    page.get_by_role("link", name="Zur Bilanz").click()
    value_chart = page.get_by_role("img", name="Empfehlungen der letzten 12 Monate: geteilter")
    expect(value_chart).to_be_visible()
    ben_row = value_chart.locator("g.chart-row").filter(has_text=BEN.name)
    expect(ben_row.locator("text.chart-value").last).to_have_text("2.750,50 €")
    expect(ben_row.locator("rect.bar-given")).not_to_have_attribute("width", "0.0")
    count_chart = page.get_by_role("img", name="Empfehlungen der letzten 12 Monate: Anzahl")
    expect(count_chart.locator("g.chart-total text.chart-value").last).to_have_text("1")


def open_referrals(page: Page) -> None:
    """Through the menu, as a person would: "Empfehlungen" sits behind "Mehr"."""
    page.locator("header").get_by_text("Mehr", exact=True).click()
    page.get_by_role("link", name="Empfehlungen", exact=True).click()
