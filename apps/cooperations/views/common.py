"""What every page inside a cooperation shares: its URL, the action helper, and the
context with the user's membership and what the write gate allows."""

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from apps.base.http import AuthedRequest, run_action
from apps.cooperations import gate
from apps.cooperations.models import Cooperation


def cooperation_url(cooperation: Cooperation) -> str:
    return reverse("cooperations:detail", args=[cooperation.pk])


def act(
    request: AuthedRequest, cooperation: Cooperation, action: Callable[[], Any], done: str
) -> HttpResponse:
    """Run a service for a POST button and go back to the cooperation (see ``run_action``)."""
    return run_action(request, action, done=done, back=cooperation_url(cooperation))


def page(cooperation: Cooperation, **context: Any) -> dict[str, Any]:
    """The context of a page inside a cooperation loaded by ``cooperation_for_member``:
    ``cooperation``, ``membership``, ``can_write`` and ``can_coordinate`` (the gate's
    rules for the buttons), and the page's own values."""
    return {
        "cooperation": cooperation,
        "membership": cooperation.membership,  # type: ignore[attr-defined]
        **gate.permissions(cooperation),
        **context,
    }
