"""Fixtures of the driver's tests: a test-only rule, a nudge factory, a real SMTP server."""

import socket
from collections.abc import Callable, Iterable, Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from apps.accounts.models import User
from apps.cooperations.tests.conftest import (
    cooperation,  # noqa: F401  (a fixture)
)
from apps.driver.models import Nudge
from apps.driver.rules import DriverRun, NudgeSpec, registry

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
