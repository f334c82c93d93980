"""Failed logins are counted per account and per address, in a cache every worker
shares, and failures on one account never lock another account's owner out."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.core.demo.personas import ANNA, BEN, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_cache(settings):  # type: ignore[no-untyped-def]
    # The production default: counters in the database.
    from django.core.cache import caches
    from django.core.management import call_command

    settings.CACHES = {"default": django_settings.DATABASE_CACHE}
    caches._settings = caches.settings = settings.CACHES  # type: ignore[attr-defined]
    caches.__init__()  # type: ignore[misc]
    call_command("createcachetable", verbosity=0)
    yield
    caches.__init__()  # type: ignore[misc]


def _login(client: Client, email: str, password: str, **extra: str) -> bool:
    client.post(reverse("account_login"), {"login": email, "password": password}, **extra)
    ok = "_auth_user_id" in client.session
    client.post(reverse("account_logout"))  # keeps the browser's cookies
    return ok


def test_failures_on_b_never_block_a_from_the_same_address(anna: User, ben: User) -> None:
    browser = Client()
    assert _login(browser, ANNA.email, DEMO_PASSWORD)  # Anna's own browser, known since
    attacker = Client()
    for _ in range(20):  # the address limit, all from 127.0.0.1
        attacker.post(reverse("account_login"), {"login": BEN.email, "password": "falsch"})
    # The stranger is now refused at this address, even with Ben's right password ...
    assert not _login(attacker, BEN.email, DEMO_PASSWORD)
    # ... but Anna's browser logs in.
    assert _login(browser, ANNA.email, DEMO_PASSWORD)


def test_a_stranger_guessing_annas_password_does_not_lock_her_out(anna: User) -> None:
    browser = Client()
    assert _login(browser, ANNA.email, DEMO_PASSWORD)
    stranger = Client()
    for _ in range(10):
        stranger.post(reverse("account_login"), {"login": ANNA.email, "password": "falsch"})
    assert not _login(stranger, ANNA.email, DEMO_PASSWORD)  # the guesser is locked out
    assert _login(browser, ANNA.email, DEMO_PASSWORD)


def test_own_browser_is_still_throttled_on_its_own_failures(anna: User) -> None:
    browser = Client()
    assert _login(browser, ANNA.email, DEMO_PASSWORD)
    for _ in range(5):
        browser.post(reverse("account_login"), {"login": ANNA.email, "password": "falsch"})
    assert not _login(browser, ANNA.email, DEMO_PASSWORD)


def test_a_forged_device_cookie_counts_as_a_stranger(anna: User) -> None:
    stranger = Client()
    stranger.cookies["wirwerk_device"] = "forged"
    for _ in range(5):
        stranger.post(reverse("account_login"), {"login": ANNA.email, "password": "falsch"})
    assert not _login(stranger, ANNA.email, DEMO_PASSWORD)


def test_the_address_behind_the_proxy_is_the_client_not_the_proxy(
    settings,  # type: ignore[no-untyped-def]
    anna: User,
    ben: User,
) -> None:
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # Every request comes from the proxy (REMOTE_ADDR 127.0.0.1); clients differ.
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(30):
        attacker.post(reverse("account_login"), {"login": BEN.email, "password": "falsch"})
    newcomer = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")  # Anna in a fresh browser
    assert _login(newcomer, ANNA.email, DEMO_PASSWORD)


def test_the_proxy_depth_comes_from_the_environment() -> None:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wirwerk.settings';"
        "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    env = {**os.environ, "ALLAUTH_TRUSTED_PROXY_COUNT": "2"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "2"


WORKER = textwrap.dedent(
    """
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "wirwerk.settings"
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import RequestFactory
    from apps.accounts import throttle
    call_command("createcachetable", verbosity=0)
    request = RequestFactory().post("/konto/anmelden/", REMOTE_ADDR="192.0.2.1")
    results = [bool(throttle.consume_login_attempt(request, "dora@example.org"))
               for _ in range(int(sys.argv[1]))]
    print(" ".join("ok" if r else "refused" for r in results))
    """
)


def test_two_processes_share_the_counters(tmp_path: Path) -> None:
    """Four workers used to allow 4 × 5 attempts; now the fifth one anywhere is the last."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "REDIS_URL": "",
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    cwd = Path(__file__).resolve().parents[3]

    def run(n: int) -> list[str]:
        out = subprocess.run(
            [sys.executable, str(script), str(n)],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.split()

    assert run(3) == ["ok"] * 3
    assert run(3) == ["ok", "ok", "refused"]  # the second worker sees the first one's count
