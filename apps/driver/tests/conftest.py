"""Fixtures of the driver's tests: a test-only rule, a nudge factory, a real SMTP server."""

import socket
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import Message
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller

from apps.accounts.models import User
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation, CooperationKind
from apps.cooperations.tests.conftest import (
    agree,
    cooperation,  # noqa: F401  (a fixture)
    join,
)
from apps.driver.models import CheckIn, Nudge
from apps.driver.rules import DriverRun, NudgeSpec, registry
from apps.driver.services import checkin_answer, checkins_open_due

NOTE_RULE = "test_note"


def _note(params: dict[str, Any]) -> str:
    return str(params["text"])


def _nothing(run: DriverRun) -> Iterable[NudgeSpec]:
    return []


@pytest.fixture
def note_rule() -> Iterator[str]:
    """A rule whose message is its params' ``text`` (registered for one test only)."""
    with registry.registered(NOTE_RULE, _nothing, message=_note):
        yield NOTE_RULE


@pytest.fixture
def make_nudge(note_rule: str) -> Callable[..., Nudge]:
    counter = iter(range(1, 1_000_000))

    def make(user: User, text: str = "", **fields: Any) -> Nudge:
        number = next(counter)
        fields.setdefault("subject", f"note:{number}")
        return Nudge.objects.create(
            user=user,
            rule=note_rule,
            params={"text": text or f"Impuls Nummer {number}"},
            **fields,
        )

    return make


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback (aiosmtpd); Django's mail goes through it."""
    mailbox = Mailbox()
    with socket.socket() as probe:
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


# Cooperations for the check-in, health and cooperation-rule tests -------------------------

BERLIN = ZoneInfo("Europe/Berlin")
# Everything in ``running`` happens on this Monday; its first check-in is due 90 days on.
START = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
FIRST_CHECKIN = START + timedelta(days=90)


def make_running(
    founder: User, *others: User, title: str = "Führung im Mittelstand"
) -> Cooperation:
    """An agreed cooperation of ``founder`` and ``others``, all set up at START."""
    with time_machine.travel(START, tick=False):
        cooperation = cooperation_services.cooperation_create(
            founder=founder,
            title=title,
            purpose="Ein gemeinsames Programm für Führungskräfte in Familienunternehmen.",
            kind=CooperationKind.JOINT_OFFER,
        )
        for person in others:
            join(cooperation, founder, person)
        agree(cooperation, founder, *others)
    cooperation.refresh_from_db()
    return cooperation


@pytest.fixture
def running(anna: User, ben: User) -> Cooperation:
    """anna and ben, agreed at START (review every 90 days)."""
    return make_running(anna, ben)


def open_round(at: datetime = FIRST_CHECKIN) -> CheckIn:
    """Open the due check-in rounds at ``at``; the newest round."""
    with time_machine.travel(at, tick=False):
        checkins_open_due()
    found = CheckIn.objects.order_by("-created_at", "-pk").first()
    assert found is not None
    return found


def answer_data(choice: str = "love", comment: str = "", **ratings: int) -> dict[str, Any]:
    data: dict[str, Any] = {"personality": 4, "behaviour": 4, "culture": 4, "organisation": 4}
    data.update(ratings)
    data.update(choice=choice, comment=comment)
    return data


def answer(check_in: CheckIn, user: User, at: datetime, **data: Any) -> Any:
    with time_machine.travel(at, tick=False):
        return checkin_answer(check_in=check_in, user=user, data=answer_data(**data))
