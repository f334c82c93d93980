"""Acceptance 3: an organisation's administrator adds a room with an hourly cost, a
freelancer who cooperates with her books it for their cooperation, a clashing booking
is refused with the German sentence, and the cost shows in the cooperation's balance."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from apps.organisations.models import Organisation, OrganisationMember, Role
from apps.resources.models import Booking
from tests.e2e.conftest import login
from tests.factories import found


def test_an_admin_adds_a_room_a_partner_books_it_and_the_cost_reaches_the_balance(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    vhs = Organisation.objects.create(name="Volkshochschule Kassel", kind="vhs", city="Kassel")
    OrganisationMember.objects.create(organisation=vhs, user=anna, role=Role.ADMIN)
    cooperation = found(anna, ben, title="Sommerakademie")

    # Anna adds the room for her Volkshochschule and lets Ben book it.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ressourcen/neu/")
    page.get_by_label("Bezeichnung").fill("Seminarraum Nord")
    page.get_by_label("Gehört").select_option(label="Volkshochschule Kassel")
    page.get_by_label("Ort").fill("Kassel")
    page.get_by_label("Kosten (EUR)").fill("30,00")
    page.get_by_label("je").select_option(label="pro Stunde")
    page.get_by_label(ben.name).check()
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seminarraum Nord")
    page.context.clear_cookies()

    # Ben books two hours next Monday for the cooperation.
    today = timezone.localdate()
    monday = (today + timedelta(days=7 - today.weekday())).isoformat()
    login(page, live_server, BEN.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/ressourcen/")
    page.get_by_role("link", name="Seminarraum Nord").click()
    form = page.locator("form.booking-form")
    form.get_by_label("Tag", exact=True).fill(monday)
    form.get_by_label("von").fill("10:00")
    form.get_by_label("bis").fill("12:00")
    form.get_by_label("Zweck").fill("Planung Sommerakademie")
    form.get_by_label("Für die Kooperation").select_option(label="Sommerakademie")
    form.get_by_role("button", name="Buchen").click()
    expect(page.get_by_role("status")).to_contain_text("Gebucht.")
    calendar = page.get_by_role("table")
    expect(calendar).to_contain_text("Planung Sommerakademie")

    # A clashing booking is refused with the German sentence; nothing is booked.
    form = page.locator("form.booking-form")
    form.get_by_label("Tag", exact=True).fill(monday)
    form.get_by_label("von").fill("11:00")
    form.get_by_label("bis").fill("13:00")
    form.get_by_label("Zweck").fill("Noch ein Termin")
    form.get_by_role("button", name="Buchen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Uhr ist bereits gebucht. Bitte wählen Sie eine andere Zeit."
    )
    assert Booking.objects.count() == 1

    # The cost (2 hours × 30 €) is a shared cost: Ben paid 60 €, half is Anna's.
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/finanzen/")
    row = page.locator("table.finance-balances tr").filter(has_text=ben.name)
    expect(row).to_contain_text("60,00\xa0€")
    expect(row.locator("td").last).to_contain_text("30,00\xa0€")
