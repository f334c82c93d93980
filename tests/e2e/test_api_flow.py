"""A person creates an API token on the settings page, a program uses it, the docs
page renders from our own static files (no CDN, nothing refused by the CSP), and
revoking the token ends the program's access."""

from pathlib import Path

from playwright.sync_api import Page, expect

from apps.api.models import AccessToken
from apps.core.demo.personas import ANNA, DEMO_PASSWORD
from tests.e2e.conftest import login

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_a_token_is_created_used_documented_and_revoked(
    transactional_db,
    personas,
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
) -> None:
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    login(page, live_server, ANNA.email, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/konto/api-schluessel/")
    expect(page.get_by_role("heading", name="API-Zugangsschlüssel")).to_be_visible()
    expect(page.get_by_text("Sie haben noch keinen Schlüssel angelegt.")).to_be_visible()

    page.get_by_label("Bezeichnung").fill("Kalender-Abgleich")
    page.get_by_label("Lesen und schreiben").check()
    page.get_by_role("button", name="Schlüssel anlegen").click()
    expect(page.get_by_text("nur dieses eine Mal angezeigt")).to_be_visible()
    secret = page.get_by_label("Zugangsschlüssel").input_value()
    assert secret.startswith("ww_")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-tokens.png"), full_page=True)

    # A program uses the token.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "de"}
    me = page.request.get(f"{live_server.url}/api/v1/me", headers=headers)
    assert me.status == 200 and me.json()["email"] == ANNA.email

    # The docs page: Swagger UI from our static files, the operations listed.
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("WirWerk API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() >= 40
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
    assert not [m for m in console if "Content Security Policy" in m], console

    # Revoking asks first; afterwards the program is refused.
    page.goto(f"{live_server.url}/konto/api-schluessel/")
    page.get_by_role("link", name="Schlüssel „Kalender-Abgleich“ widerrufen").click()
    expect(page.get_by_role("heading", name="Schlüssel widerrufen?")).to_be_visible()
    page.get_by_role("button", name="Ja, widerrufen").click()
    expect(page.get_by_text("ist widerrufen")).to_be_visible()
    assert AccessToken.objects.get().revoked_at is not None
    refused = page.request.get(f"{live_server.url}/api/v1/me", headers=headers)
    assert refused.status == 401
    assert refused.headers["content-type"] == "application/problem+json"
