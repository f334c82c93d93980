"""Accessibility: axe-core over every main page, German and English, desktop and phone.

One demo-like network (``seed_demo``), one browser, one context per language and
viewport (anonymous pages first, then Anna logged in). Every page must have zero
serious or critical axe violations; on the phone the labels of the inline SVG charts
must be at least 11 px high as rendered. The per-page results are printed (``-s``).

Pages added later go into ``PAGES``: a name, the address (``{placeholders}`` are
filled from ``demo_ids``) and whether the page is for anonymous visitors.
"""

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.db import connection
from django.test import Client
from playwright.async_api import Browser, Page, async_playwright

from apps.accounts.models import User
from apps.core.demo.personas import ANNA, BEN
from apps.core.demo.seed import seed_demo
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

ANONYMOUS = True

# name, address, anonymous --------------------------------------------------------------
PAGES: list[tuple[str, str, bool]] = [
    ("login", "/konto/login/", ANONYMOUS),
    ("signup", "/konto/signup/", ANONYMOUS),
    ("dashboard", "/", False),
    ("profile edit", "/ich/", False),
    ("profile view", "/profil/{ben}/", False),
    ("suggestions complement", "/partner/?anliegen=complement", False),
    ("suggestions capacity", "/partner/?anliegen=capacity", False),
    ("suggestions peer", "/partner/?anliegen=peer", False),
    ("suggestions space", "/partner/?anliegen=space", False),
    ("suggestions founding", "/partner/?anliegen=founding", False),
    ("partner search", "/partner/suche/", False),
    ("network", "/netzwerk/", False),
    ("asks board", "/netzwerk/gesuche/", False),
    ("ask detail", "/netzwerk/gesuche/{ask}/", False),
    ("ask new", "/netzwerk/gesuche/neu/", False),
    ("cooperation list", "/kooperationen/", False),
    ("cooperation new", "/kooperationen/neu/", False),
    ("coop overview", "/kooperationen/{coop}/", False),
    ("coop fit check", "/kooperationen/{coop}/passungscheck/", False),
    ("coop agreement", "/kooperationen/{coop}/vereinbarung/", False),
    ("coop agreement version", "/kooperationen/{coop}/vereinbarung/fassung-1/", False),
    ("coop meetings", "/kooperationen/{coop}/besprechungen/", False),
    ("coop meeting page", "/kooperationen/{coop}/besprechungen/{meeting}/", False),
    ("coop decisions", "/kooperationen/{coop}/besprechungen/beschluesse/", False),
    ("coop actions", "/kooperationen/{coop}/besprechungen/aufgaben/", False),
    ("coop date poll", "/kooperationen/{coop}/besprechungen/terminumfragen/{poll}/", False),
    ("coop contributions", "/kooperationen/{coop}/beitraege/", False),
    ("coop contribution entry", "/kooperationen/{coop}/beitraege/{contribution}/", False),
    ("coop finances", "/kooperationen/{coop}/finanzen/", False),
    ("coop engagements", "/kooperationen/{coop}/finanzen/auftraege/", False),
    ("coop engagement", "/kooperationen/{coop}/finanzen/auftraege/{engagement}/", False),
    ("coop shared costs", "/kooperationen/{coop}/finanzen/laufende-kosten/", False),
    ("coop settlements", "/kooperationen/{coop}/finanzen/ausgleich/", False),
    ("coop invoices", "/kooperationen/{coop}/rechnungen/", False),
    ("coop invoice", "/kooperationen/{coop}/rechnungen/{invoice}/", False),
    ("coop check-in", "/kooperationen/{coop}/check-in/", False),
    ("coop check-in health", "/kooperationen/{coop}/check-in/gesundheit/", False),
    ("coop sessions", "/kooperationen/{coop}/sessions/", False),
    ("coop timeline", "/kooperationen/{coop}/verlauf/", False),
    ("coop exit", "/kooperationen/{coop}/ausstieg/", False),
    ("my actions", "/aufgaben/", False),
    ("my invoices", "/rechnungen/", False),
    ("business settings", "/rechnungen/geschaeftsangaben/", False),
    ("referrals", "/empfehlungen/", False),
    ("referral detail", "/empfehlungen/{referral}/", False),
    ("referral given, won", "/empfehlungen/{referral_won}/", False),
    ("referral new", "/empfehlungen/neu/", False),
    ("referral balance", "/empfehlungen/bilanz/", False),
    ("circles", "/kreise/", False),
    ("circle", "/kreise/{circle}/", False),
    ("circle sessions", "/kreise/{circle}/sessions/", False),
    ("session ideas", "/sessions/{idea_session}/", False),
    ("session Beratung", "/sessions/{beratung}/", False),
    ("nudges", "/impulse/", False),
    ("settings", "/impulse/einstellungen/", False),
    ("calendar", "/kalender/", False),
    ("data page", "/meine-daten/", False),
    ("organisations", "/organisationen/", False),
    ("organisation new", "/organisationen/neu/", False),
    ("organisation", "/organisationen/{organisation}/", False),
    ("organisation edit", "/organisationen/{organisation}/bearbeiten/", False),
    ("trainings", "/organisationen/fortbildungen/", False),
    ("training", "/organisationen/fortbildungen/{training}/", False),
    ("coop organisations", "/kooperationen/{coop}/organisationen/", False),
    ("resources", "/ressourcen/", False),
    ("resource new", "/ressourcen/neu/", False),
    ("my bookings", "/ressourcen/meine-buchungen/", False),
    ("resource calendar", "/ressourcen/{resource}/", False),
    ("resource manage", "/ressourcen/{resource}/verwalten/", False),
    ("coop resources", "/kooperationen/{coop}/ressourcen/", False),
    ("API keys", "/konto/api-schluessel/", False),
]

LANGUAGES = ("de", "en")
VIEWPORTS = {"desktop": 1280, "phone": 390}
BLOCKING = {"serious", "critical"}
MIN_CHART_LABEL_PX = 11.0


def demo_ids() -> dict[str, int]:
    """The ids of the demo records the pages show: Anna's view of the network."""
    from apps.cocreation.models import Session
    from apps.contributions.models import Contribution
    from apps.finances.models import Engagement
    from apps.invoices.models import Invoice
    from apps.meetings.models import DatePoll, Meeting
    from apps.network.models import Ask
    from apps.organisations.models import Organisation, Training
    from apps.referrals.models import Referral
    from apps.resources.models import Resource

    anna = User.objects.get(email=ANNA.email)
    ben = User.objects.get(email=BEN.email)
    meeting = Meeting.objects.order_by("pk").first()
    assert meeting is not None
    coop = meeting.cooperation_id
    beratung = Session.objects.get(format="beratung")
    return {
        "ben": ben.pk,
        "coop": coop,
        "meeting": meeting.pk,
        "poll": DatePoll.objects.filter(cooperation_id=coop).values_list("pk", flat=True)[0],
        "contribution": Contribution.objects.filter(cooperation_id=coop).values_list(
            "pk", flat=True
        )[0],
        "engagement": Engagement.objects.filter(cooperation_id=coop).values_list("pk", flat=True)[
            0
        ],
        "invoice": Invoice.objects.filter(cooperation_id=coop).values_list("pk", flat=True)[0],
        "referral": Referral.objects.filter(receiver=anna).values_list("pk", flat=True)[0],
        "referral_won": Referral.objects.filter(giver=anna, status="won").values_list(
            "pk", flat=True
        )[0],
        "ask": Ask.objects.values_list("pk", flat=True)[0],
        "circle": beratung.circle_id,
        "beratung": beratung.pk,
        "idea_session": Session.objects.filter(cooperation_id=coop).values_list("pk", flat=True)[0],
        "anna": anna.pk,
        "organisation": Organisation.objects.get(name="Volkshochschule Kassel").pk,
        "training": Training.objects.values_list("pk", flat=True)[0],
        "resource": Resource.objects.filter(
            owner_organisation__name="Volkshochschule Kassel"
        ).values_list("pk", flat=True)[0],
    }


# Measures every text label inside an inline SVG chart as the phone renders it.
CHART_LABELS_JS = """() => Array.from(document.querySelectorAll('svg text'))
  .filter(t => t.textContent.trim() && t.getClientRects().length)
  .map(t => ({text: t.textContent.trim(), height: t.getBoundingClientRect().height,
              size: parseFloat(getComputedStyle(t).fontSize) *
                    (t.ownerSVGElement.getScreenCTM() ? t.ownerSVGElement.getScreenCTM().a : 1)}))
"""


AXE_RUN_JS = (
    "() => axe.run(document, {reporter: 'no-passes', resultTypes: ['violations'],"
    " iframes: false}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
    " nodes: v.nodes.map(n => n.target.join(' '))})))"
)


@dataclass
class PageResult:
    name: str
    language: str
    viewport: str
    blocking: list[str] = field(default_factory=list)
    minor: list[str] = field(default_factory=list)
    small_labels: list[str] = field(default_factory=list)
    load_seconds: float = 0.0
    axe_seconds: float = 0.0


async def audit(page: Page, url: str, result: PageResult) -> None:
    started = time.perf_counter()
    try:
        response = await page.goto(url)
    except Exception as error:  # a download instead of a page, a timeout
        result.blocking.append(f"{url} did not load: {error}")
        return
    if response is None or not response.ok:
        result.blocking.append(f"{url} answered {response and response.status}")
        return
    result.load_seconds = time.perf_counter() - started
    axe = await page.evaluate(AXE_RUN_JS)
    result.axe_seconds = time.perf_counter() - started - result.load_seconds
    for violation in axe:
        nodes = violation["nodes"]
        line = f"{violation['id']} ({violation['impact']}) ×{len(nodes)}: {', '.join(nodes[:3])}"
        (result.blocking if violation["impact"] in BLOCKING else result.minor).append(line)
    if result.name == "asks board":
        # The filter button is an ordinary button, not a pill as tall as the form.
        box = await page.locator("search button").bounding_box()
        if box is None or box["height"] > 60:
            result.blocking.append(f"asks filter button {box}")
    if result.viewport == "phone":
        for label in await page.evaluate(CHART_LABELS_JS):
            if label["height"] < MIN_CHART_LABEL_PX:
                result.small_labels.append(f"{label['text']!r} {label['height']:.1f}px")


async def audit_pass(
    browser: Browser, base_url: str, ids: dict[str, int], cookie: str, language: str, width: int
) -> list[PageResult]:
    """Every page in one context (one language, one viewport): anonymous first."""
    viewport = "desktop" if width == VIEWPORTS["desktop"] else "phone"
    context = await browser.new_context(
        locale="de-DE" if language == "de" else "en-GB",
        timezone_id="Europe/Berlin",
        viewport={"width": width, "height": 900},
    )
    context.set_default_timeout(30_000)
    await context.add_init_script(AXE_SCRIPT)
    page = await context.new_page()
    results = []
    logged_in = False
    for name, address, anonymous in sorted(PAGES, key=lambda row: not row[2]):
        if not anonymous and not logged_in:
            session = {"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}
            await context.add_cookies([session])
            logged_in = True
        result = PageResult(name, language, viewport)
        await audit(page, base_url + address.format(**ids), result)
        if not anonymous and "/konto/login/" in page.url:
            result.blocking.append(f"{address}: sent to the login page, not logged in")
        results.append(result)
    await context.close()
    return results


async def audit_all(base_url: str, ids: dict[str, int], cookie: str) -> list[PageResult]:
    """One browser; the four contexts run side by side (the browser and the live server
    work while Python waits)."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        passes = [
            audit_pass(browser, base_url, ids, cookie, language, width)
            for language in LANGUAGES
            for width in VIEWPORTS.values()
        ]
        results = [result for batch in await asyncio.gather(*passes) for result in batch]
        await browser.close()
    return results


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def demo(transactional_db) -> Iterator[dict[str, int]]:
    seed_demo(people=30, seed=1)
    yield demo_ids()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the markup does not depend on the database: the walk runs once, on the SQLite leg",
)
def test_every_main_page_has_no_serious_accessibility_violations(
    live_server,
    demo: dict[str, int],
) -> None:
    started = time.perf_counter()
    cookie = session_cookie(User.objects.get(email=ANNA.email))
    # Playwright's async API in a thread of its own: the test thread keeps no event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(asyncio.run, audit_all(live_server.url, demo, cookie)).result()

    print(f"\naxe-core over {len(PAGES)} pages × 2 languages × 2 viewports")
    for result in results:
        verdict = "ok" if not result.blocking and not result.small_labels else "FAIL"
        print(f"{verdict:4} {result.language} {result.viewport:7} {result.name}")
        for line in result.blocking + result.small_labels:
            print(f"       ! {line}")
        for line in result.minor:
            print(f"       · {line}")
    print(
        f"seconds={time.perf_counter() - started:.0f} "
        f"loading={sum(r.load_seconds for r in results):.0f} "
        f"axe={sum(r.axe_seconds for r in results):.0f}"
    )

    blocking = [r for r in results if r.blocking]
    assert not blocking, "serious/critical axe violations on: " + ", ".join(
        f"{r.name} ({r.language}, {r.viewport})" for r in blocking
    )
    small = [r for r in results if r.small_labels]
    assert not small, "chart labels under 11 px on the phone: " + ", ".join(
        f"{r.name} ({r.language}): {r.small_labels[:3]}" for r in small
    )
