"""Acceptance 4: an admin starts an overlap count with a CSV in the browser, the
other organisation's admin answers with theirs, both see the count — and no request
the browsers made carries an address from either CSV."""

from playwright.sync_api import Page, expect

from apps.core.demo.personas import BEN, DEMO_PASSWORD
from apps.datapool.models import OverlapRun, RunStatus
from apps.datapool.services import pool_accept, pool_create
from apps.organisations.models import Organisation, OrganisationMember, Role
from tests.e2e.conftest import login

SHARED = [f"teilnehmerin{i}@beispiel.de" for i in range(17)]
KASSEL = SHARED + [f"kassel{i}@example.org" for i in range(45)]
GOETTINGEN = [f" {x.upper()}" for x in SHARED] + [f"goe{i}@example.net" for i in range(50)]


def csv_file(name: str, addresses: list[str]) -> dict[str, object]:
    body = "name;email\n" + "\n".join(f"Kundin {i};{a}" for i, a in enumerate(addresses))
    return {"name": name, "mimeType": "text/csv", "buffer": body.encode()}


def record(page: Page, log: list[str]) -> None:
    def keep(request) -> None:  # type: ignore[no-untyped-def]
        body = request.post_data_buffer or b""
        log.append(request.url + "\n" + body.decode("latin-1"))

    page.on("request", keep)


def test_two_admins_count_their_shared_customers_without_sending_an_address(
    transactional_db, personas, page: Page, browser, live_server
) -> None:  # type: ignore[no-untyped-def]
    anna, ben = personas["anna"], personas["ben"]
    kassel = Organisation.objects.create(name="Volkshochschule Kassel", kind="vhs")
    goettingen = Organisation.objects.create(name="Volkshochschule Göttingen", kind="vhs")
    OrganisationMember.objects.create(organisation=kassel, user=anna, role=Role.ADMIN)
    OrganisationMember.objects.create(organisation=goettingen, user=ben, role=Role.ADMIN)
    pool = pool_create(
        user=anna, organisation=kassel, name="Nordhessen", purpose="Planung", partners=[goettingen]
    )
    pool_accept(user=ben, pool=pool, organisation=goettingen)
    requests: list[str] = []

    # Anna asks, with her CSV read and blinded in her browser.
    record(page, requests)
    login(page, live_server, anna.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/datenpool/{pool.pk}/abgleich/")
    page.get_by_label("Abgleich mit").select_option(label="Volkshochschule Göttingen")
    page.get_by_label("Ihre Kundenliste (CSV)").set_input_files(csv_file("kassel.csv", KASSEL))
    page.get_by_role("button", name="Verschlüsseln und Abgleich anfragen").click()
    expect(page.get_by_text("Wartet auf die Antwort von Volkshochschule Göttingen")).to_be_visible()
    run = OverlapRun.objects.get()
    assert run.initiator_size == len(KASSEL)

    # Ben answers in his own browser.
    ben_context = browser.new_context(locale="de-DE")
    ben_page = ben_context.new_page()
    record(ben_page, requests)
    login(ben_page, live_server, BEN.email, DEMO_PASSWORD)
    ben_page.goto(f"{live_server.url}/datenpool/{pool.pk}/abgleich/{run.pk}/")
    ben_page.get_by_label("Ihre Kundenliste (CSV)").set_input_files(
        csv_file("goettingen.csv", GOETTINGEN)
    )
    ben_page.get_by_role("button", name="Verschlüsseln und antworten").click()
    expect(ben_page.get_by_text("Beantwortet; Volkshochschule Kassel schließt")).to_be_visible()

    # Anna's browser still holds her key: opening the run finishes it.
    page.reload()
    expect(page.get_by_text("17 gemeinsame Adressen")).to_be_visible()
    ben_page.reload()
    expect(ben_page.get_by_text("17 gemeinsame Adressen")).to_be_visible()
    run.refresh_from_db()
    assert (run.status, run.overlap) == (RunStatus.FINISHED, len(SHARED))
    ben_context.close()

    sent = "\n".join(requests).lower()
    posts = [r for r in requests if "/abgleich/" in r.split("\n", 1)[0] and r.split("\n", 1)[1]]
    assert len(posts) >= 3  # start, answer, finish
    # What was sent is exactly the blinded values: 32 bytes per address, nothing else.
    sizes = sorted(len(r.split("\n", 1)[1]) for r in posts)
    a, b = len(KASSEL), len(GOETTINGEN)
    assert sizes == sorted([32 * a, 32 * (a + b), 32 * b])
    for address in KASSEL + GOETTINGEN:
        assert address.strip().lower() not in sent
    assert "kundin" not in sent  # not even the CSV's other column


def test_the_pool_pages_pass_an_accessibility_check(
    transactional_db, personas, page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    from apps.datapool.demand import DemandRow, demand_record

    anna = personas["anna"]
    kassel = Organisation.objects.create(name="Volkshochschule Kassel", kind="vhs")
    OrganisationMember.objects.create(organisation=kassel, user=anna, role=Role.ADMIN)
    pool = pool_create(user=anna, organisation=kassel, name="Nordhessen", purpose="Planung")
    demand_record(
        user=anna,
        pool=pool,
        organisation=kassel,
        rows=[
            DemandRow(2026, 1, "languages", "Stadt Kassel", "30-49", 40, 20),
            DemandRow(2026, 1, "health", "Stadt Kassel", "30-49", 4, 20),
            DemandRow(2026, 1, "languages", "Landkreis Kassel", "30-49", 25, 30),
        ],
    )
    login(page, live_server, anna.email, DEMO_PASSWORD)
    for path in ("", "planung/", "abgleich/", "vereinbarung/", "protokoll/"):
        page.goto(f"{live_server.url}/datenpool/{pool.pk}/{path}")
        violations = Axe().run(page).response["violations"]
        assert violations == [], (path, [v["id"] for v in violations])
