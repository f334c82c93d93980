import os

from playwright.sync_api import Page, expect

from apps.cooperations import services
from apps.core.demo.personas import ANNA, DEMO_PASSWORD
from apps.matching import index_store
from apps.organisations.models import CooperationOrganisation, OrganisationMember, Role
from tests.e2e.conftest import login
from tests.factories import join

SHOTS = os.environ.get("WIRWERK_SCREENSHOTS")  # a folder: keep screenshots for a look


def serious_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on the page (only within our main part:
    the shared header and footer are checked by their own tests)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context="main")
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_an_admin_creates_an_organisation_adds_a_colleague_and_brings_it_into_a_cooperation(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    anna, ben = personas["anna"], personas["ben"]
    cooperation = services.cooperation_create(
        founder=anna, title="Kursreihe Nordhessen", purpose="Gemeinsam anbieten.", kind="other"
    )
    join(cooperation, anna, ben)
    # The matching engine loads its vocabulary and gazetteer once per process, which takes
    # longer than a click may wait on a busy machine: load them before the browser starts.
    index_store.get_index()

    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    navigation.get_by_text("Mehr", exact=True).click()  # the area sits behind "Mehr"
    navigation.get_by_role("link", name="Organisationen").click()
    expect(page.get_by_text("Sie gehören noch zu keiner Organisation")).to_be_visible()
    page.get_by_role("button", name="Organisation anlegen").click()
    page.get_by_label("Name").fill("Volkshochschule Kassel")
    page.get_by_label("Art").select_option("vhs")
    page.get_by_label("Ort").fill("Kassel")
    page.get_by_label("Beschäftigte").fill("40")
    page.get_by_label("Programmlücken").fill("Konfliktmoderation und Mediation für Teams")
    page.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Sie verwalten sie")
    expect(page.get_by_role("heading", name="Volkshochschule Kassel")).to_be_visible()

    # An unknown address is named as such; a known one is added with its role.
    page.get_by_label("E-Mail-Adresse").fill("niemand@example.org")
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_role("alert")).to_contain_text("niemand bei WirWerk angemeldet")
    page.get_by_label("E-Mail-Adresse").fill(ben.email)
    page.locator("#id_role").select_option("planning")
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.get_by_role("status")).to_contain_text("Ben Brückner gehört jetzt dazu")
    assert OrganisationMember.objects.get(user=ben).role == Role.PLANNING
    assert serious_violations(page) == []
    shot(page, "organisation")

    # The organisation joins the cooperation; the terms are compared side by side.
    page.goto(f"{live_server.url}/kooperationen/{cooperation.pk}/")
    page.get_by_role("navigation", name="Bereiche der Kooperation").get_by_role(
        "link", name="Organisationen"
    ).click()
    page.get_by_role("button", name="Organisation beteiligen").click()
    expect(page.get_by_role("status")).to_contain_text("nimmt jetzt an der Kooperation teil")
    expect(page.get_by_text("vertreten durch Anna Albrecht")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("97,56 %")
    expect(table).to_contain_text("2,44 %")
    assert CooperationOrganisation.objects.filter(cooperation=cooperation).exists()
    assert serious_violations(page) == []
    shot(page, "cooperation")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "cooperation-mobile")
