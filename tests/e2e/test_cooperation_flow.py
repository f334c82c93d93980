import io
import json
import zipfile

from playwright.sync_api import Page, expect

from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD
from apps.network.models import Connection
from tests.e2e.conftest import login, logout


def answer_fit_check(page: Page, *, hours: str, goals: str) -> None:
    page.get_by_label("Ihre Ziele für diese Kooperation").fill(goals)
    page.get_by_label("Welches Ergebnis erwarten Sie in 12 Monaten?").fill(
        "Drei Durchführungen mit zufriedenen Kunden."
    )
    page.get_by_label("Stunden pro Monat, die Sie wirklich investieren").fill(hours)
    page.get_by_label("Was erwarten Sie finanziell?").select_option("side")
    page.get_by_label("Wie sollen wir entscheiden?").select_option("consensus")
    page.get_by_role("group", name="Risikobereitschaft (1 = vorsichtig, 5 = mutig)").get_by_label(
        "3"
    ).check()
    page.get_by_label("Wie oft wollen wir uns abstimmen?").select_option("biweekly")
    page.get_by_label("Welche Werte sind Ihnen in der Zusammenarbeit wichtig?").fill(
        "Verlässlichkeit und Offenheit"
    )
    for dimension in ("Persönlichkeit", "Verhalten", "Kultur", "Organisation"):
        page.get_by_role("group", name=dimension).get_by_label("4").check()
    page.get_by_role("button", name="Antworten abgeben").click()
    expect(page.get_by_role("status").first).to_contain_text("gespeichert")


def open_cooperation(page: Page, title: str) -> None:
    page.get_by_role("link", name="Kooperationen", exact=True).click()
    page.get_by_role("link", name=title).click()


def test_two_partners_go_from_connection_to_agreement_and_end_openly(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    low, high = Connection.ordered_ids(personas["anna"].pk, personas["ben"].pk)
    Connection.objects.create(user_low_id=low, user_high_id=high)
    title = "Führung im Mittelstand"

    # Anna starts a cooperation from her connection with Ben.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Netzwerk", exact=True).click()
    page.get_by_role("link", name=f"Kooperation mit {BEN.name} starten").click()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Zweck").fill("Ein Programm für Führungskräfte in Familienunternehmen.")
    page.get_by_label("Art").select_option("joint_offer")
    page.get_by_role("button", name="Kooperation anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    logout(page)

    # Ben accepts the invitation.
    login(page, live_server, BEN.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Kooperationen", exact=True).click()
    page.get_by_role("button", name=f"„{title}“ beitreten").click()
    expect(page.get_by_role("status").first).to_contain_text("Willkommen")
    logout(page)

    # Anna starts the fit check and answers; Ben cannot see her answers yet.
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    open_cooperation(page, title)
    page.get_by_role("button", name="Passungscheck starten").click()
    answer_fit_check(page, hours="12", goals="Ein Führungsprogramm gemeinsam entwickeln")
    expect(page.get_by_text(f"Es fehlen: {BEN.name}")).to_be_visible()
    logout(page)

    login(page, live_server, BEN.email, DEMO_PASSWORD)
    open_cooperation(page, title)
    page.get_by_role("link", name="Passungscheck", exact=True).click()
    expect(page.get_by_text("Ein Führungsprogramm gemeinsam entwickeln")).to_have_count(0)
    answer_fit_check(page, hours="4", goals="Führungskräfte im Mittelstand begleiten")
    # Side by side, with the hours gap as a talking point.
    table = page.get_by_role("table")
    expect(table).to_contain_text("Ein Führungsprogramm gemeinsam entwickeln")
    expect(table).to_contain_text("Führungskräfte im Mittelstand begleiten")
    expect(page.locator(".talking-points")).to_contain_text("Stunden pro Monat")

    # Ben drafts version 1 and proposes it; both accept.
    page.get_by_role("button", name="Vereinbarung entwerfen").click()
    page.get_by_role("button", name="Entwurf beginnen").click()
    page.get_by_label("Ziele").first.fill(
        "Wir entwickeln ein Führungsprogramm für Familienbetriebe."
    )
    page.get_by_role("button", name="Speichern und allen zur Annahme vorlegen").click()
    expect(page.get_by_role("status").first).to_contain_text("vorgelegt")
    page.get_by_role("button", name="Lesen und annehmen").click()
    page.get_by_role("button", name="Fassung 1 annehmen").click()
    logout(page)

    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    open_cooperation(page, title)
    page.get_by_role("button", name="Fassung lesen und annehmen").click()
    page.get_by_role("button", name="Fassung 1 annehmen").click()
    page.get_by_role("link", name="Vereinbarung", exact=True).click()
    expect(page.get_by_text("In Kraft: Fassung 1")).to_be_visible()

    # Anna amends it to version 2 and accepts; Ben accepts too.
    page.get_by_role("button", name="Änderung entwerfen").click()
    page.get_by_role("button", name="Entwurf beginnen").click()
    page.get_by_label("Ziele").first.fill(
        "Wir entwickeln ein Führungsprogramm für Familienbetriebe und ein Webinar dazu."
    )
    page.get_by_role("button", name="Speichern und allen zur Annahme vorlegen").click()
    page.get_by_role("button", name="Lesen und annehmen").click()
    page.get_by_role("button", name="Fassung 2 annehmen").click()
    logout(page)

    login(page, live_server, BEN.email, DEMO_PASSWORD)
    open_cooperation(page, title)
    page.get_by_role("button", name="Fassung lesen und annehmen").click()
    page.get_by_role("button", name="Fassung 2 annehmen").click()
    page.get_by_role("link", name="Vereinbarung", exact=True).click()
    expect(page.get_by_text("In Kraft: Fassung 2")).to_be_visible()
    page.get_by_role("link", name="Fassungen vergleichen").click()
    expect(page.locator("ins.diff-added")).to_contain_text("ein Webinar dazu")

    # Ben proposes to end it, works through the checklist and ends it.
    page.get_by_role("link", name="Ausstieg", exact=True).click()
    page.get_by_label("Kooperation beenden").check()
    page.get_by_label("Warum? Ein offenes Wort hilft allen.").fill(
        "Wir haben unser Ziel erreicht und gehen getrennte Wege."
    )
    page.get_by_role("button", name="Ausstieg eröffnen").click()
    page.get_by_label("Abschließender Ausgleich").select_option("done")
    page.get_by_label("Rückgabe gemeinsamer Ressourcen").select_option("n_a")
    page.get_by_label("Übergabe der Kundschaft").select_option("done")
    page.get_by_label("Was mit gemeinsamen Daten geschieht").select_option("keep_all")
    page.get_by_role("button", name="Checkliste speichern").click()
    page.get_by_role("button", name="Kooperation jetzt beenden").click()
    expect(page.get_by_text("Diese Kooperation wurde am")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Archiv herunterladen (ZIP)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    with open(download.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert any(name.endswith("fassung-1.pdf") for name in names)
    assert any(name.endswith("fassung-2.pdf") for name in names)
    record = json.loads(archive.read(next(n for n in names if n.endswith(".json"))))
    assert record["cooperation"]["status"] == "ended"
