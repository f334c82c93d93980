"""Browser tests: Playwright drives Debian's Chromium against the live server."""

import os
import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that
# tests make between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WIRWERK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e" in str(item.path):
            item.add_marker(pytest.mark.browser)
            # Browser tests need Debian's Chromium. CI installs it; a laptop without
            # it skips them with a reason, but CI never does.
            if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ForeignRequestRecorder:
    """Collects every request a page makes to a host other than ours."""

    def __init__(self, own_host: str) -> None:
        self.own_host = own_host
        self.foreign: list[str] = []
        self.seen = 0

    def __call__(self, request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        self.seen += 1
        parsed = urlparse(url)
        if parsed.scheme in {"data", "blob", "about"}:
            return
        if parsed.netloc != self.own_host:
            self.foreign.append(url)


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(10_000)
    page = context.new_page()
    recorder = ForeignRequestRecorder(urlparse(live_server.url).netloc)
    page.on("request", recorder)
    page.foreign_requests = recorder  # type: ignore[attr-defined]
    yield page
    context.close()
    assert recorder.seen > 0
    assert recorder.foreign == [], f"pages requested other hosts: {recorder.foreign}"


def login(page, live_server, email: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


def logout(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Abmelden").click()
