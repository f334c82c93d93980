"""One create per form: a double POST (double click, reload, a flaky connection
sending twice) must not create two records.

The form carries a hidden token (a fresh uuid on GET). The first POST with a token
claims it in the shared cache, per user and scope; a repeat of the same token gets a
redirect to where the first one led. A POST that fails (validation, refusal) lets the
claim go again, so the corrected form can be sent with the same token.
"""

import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

FIELD = "once_token"
PENDING = "…"
KEEP_SECONDS = 60 * 60 * 24
WAIT_SECONDS = 5.0


def new_token() -> str:
    return uuid.uuid4().hex


def token_of(request: HttpRequest) -> str:
    """The token for the form on the page: the one sent back, or a fresh one."""
    sent = request.POST.get(FIELD, "")
    return sent if _valid(sent) else new_token()


def _valid(token: str) -> bool:
    try:
        return uuid.UUID(token).hex == token
    except ValueError:
        return False


@dataclass
class Claim:
    """The outcome of claiming a POST's token: ``repeat_of`` is set for a repeat."""

    key: str | None
    repeat_of: str | None = None

    def done(self, url: str) -> None:
        """The create succeeded: a repeat of this token is sent to ``url``."""
        if self.key:
            cache.set(self.key, url, KEEP_SECONDS)

    def release(self) -> None:
        """The create did not happen: the same token may be sent again."""
        if self.key:
            cache.delete(self.key)


def claim(request: HttpRequest, *, scope: str, fallback: str) -> Claim:
    """Claim the POST's token for ``scope``; a repeat waits for the first to finish.

    Without a (valid) token there is nothing to hold on to: the create runs as before.
    """
    token = request.POST.get(FIELD, "")
    user_id = getattr(request.user, "pk", None)
    if not _valid(token) or user_id is None:
        return Claim(key=None)
    key = f"once:{user_id}:{scope}:{token}"
    if cache.add(key, PENDING, KEEP_SECONDS):
        return Claim(key=key)
    deadline = time.monotonic() + WAIT_SECONDS
    while (first := cache.get(key)) == PENDING and time.monotonic() < deadline:
        time.sleep(0.05)
    if first is None:  # the first try failed meanwhile: this one may go ahead
        return claim(request, scope=scope, fallback=fallback)
    return Claim(key=None, repeat_of=first if first != PENDING else fallback)
