"""Fixtures every test can use: the three demo personas, their cooperation and a real
SMTP mailbox. The steps of the core loop are in ``tests.factories``."""

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.core.demo.personas import ANNA, BEN, CARLA
from apps.core.demo.seed import DemoSeeder
from tests.factories import found


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate limits (logins, contact requests) live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _records_locked_unless_flushed(request: pytest.FixtureRequest) -> Iterator[None]:
    # The record triggers (apps.base.records) hold in every test, except in tests that
    # flush the database afterwards (live server, transaction=True): on SQLite the
    # flush is DELETE FROM, which the triggers would refuse.
    from apps.base import records

    marker = request.node.get_closest_marker("django_db")
    flushed = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    # Left as it is after the test: the flush comes after this fixture's teardown.
    records.set_unlocked(flushed)
    yield


@pytest.fixture(autouse=True)
def _invitations_unlimited(settings) -> None:  # type: ignore[no-untyped-def]
    # Factories invite many people at once to grow data; the daily invitation limit
    # has its own tests (apps/cooperations/tests/test_invitation_trust.py).
    settings.INVITATIONS_PER_DAY = 10_000


@pytest.fixture(autouse=True)
def _own_signing_key(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The instance's signing key lives outside the database; tests never touch var/.
    settings.WIRWERK_SIGNING_KEY = tmp_path / "signing-key.pem"
    settings.AGREEMENT_PDF_CACHE = tmp_path / "agreement-pdfs"


@pytest.fixture(autouse=True)
def _own_match_index(settings, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    # Each test gets its own index file, built from its own database.
    from apps.matching import index_store

    settings.MATCHING_INDEX_PATH = tmp_path / "matching-index.pkl"
    settings.MATCHING_SYNC_SECONDS = 0  # every read applies the change log: counts stay exact
    index_store.forget()
    yield
    index_store.forget()


@pytest.fixture
def personas(db: None) -> dict[str, User]:
    """anna (member), ben (her partner) and carla (the outsider), with profiles.

    Only the people: each test sets up the connections and records it needs.
    """
    DemoSeeder(people=3, seed=1).seed_people()
    return {p.key: User.objects.get(email=p.email) for p in (ANNA, BEN, CARLA)}


@pytest.fixture
def anna(personas: dict[str, User]) -> User:
    return personas["anna"]


@pytest.fixture
def ben(personas: dict[str, User]) -> User:
    return personas["ben"]


@pytest.fixture
def carla(personas: dict[str, User]) -> User:
    return personas["carla"]


@pytest.fixture
def add_people(db: None):  # type: ignore[no-untyped-def]
    """Grow the network by ``n`` people with profiles (for query-count tests)."""

    def add(n: int, *, seed: int = 99) -> None:
        DemoSeeder(people=n, seed=seed).seed_people(with_personas=False)

    return add


class Mailbox:
    """What the SMTP server received, parsed."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback (aiosmtpd); Django's mail goes through it."""
    mailbox = Mailbox()
    with socket.socket() as probe:  # aiosmtpd needs a concrete port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield mailbox
    controller.stop()


@pytest.fixture
def cooperation(anna: User, ben: User) -> Cooperation:
    """ "Führung im Mittelstand": anna coordinates, ben is a member, carla is outside."""
    return found(anna, ben)


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """Copies of one migrated SQLite file: migrating takes most of such a test's time."""
    template = tmp_path_factory.mktemp("migrated") / "template.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{template}"}
    env.pop("PYTEST_CURRENT_TEST", None)
    root = Path(__file__).resolve().parent
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=root, env=env, check=True
    )

    def copy(target: Path) -> Path:
        shutil.copyfile(template, target)
        return target

    return copy
