"""Fixtures of the driver's tests: a test-only rule and a nudge factory (the SMTP server
is the root conftest's ``smtp_server``)."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from apps.accounts.models import User
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
