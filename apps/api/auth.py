"""Bearer authentication with personal access tokens, their scope and rate limit.

The counter of each token lives in Django's cache (the database by default, shared
by every worker; Redis when configured) through allauth's rate limiter, the same one
the login throttle uses (apps.accounts.throttle).
"""

from typing import Any

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from apps.accounts.models import User
from apps.api import services
from apps.api.errors import RateLimited, ScopeMissing
from apps.api.models import AccessToken
from apps.api.selectors import token_for_secret

MAX_SECRET_LENGTH = 200


def throttle(request: HttpRequest, token: AccessToken) -> None:
    """Count one request of the token; ``RateLimited`` (429) over the limit."""
    rate = settings.API_RATE_LIMIT
    usage = ratelimit.consume(
        request,
        app="apps.api",
        action="request",
        config={"request": rate},
        key=f"token:{token.pk}",
        limit_get=True,
    )
    if usage is None:
        parsed = ratelimit.parse_rates(rate)
        raise RateLimited(retry_after=int(min((r.duration for r in parsed), default=60)))


class TokenAuth(HttpBearer):
    """``write=True``: the token must have the read-write scope (else 403)."""

    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or len(token) > MAX_SECRET_LENGTH:
            return None
        found = token_for_secret(token)
        if found is None:
            return None
        throttle(request, found)
        if self.write and not found.can_write:
            raise ScopeMissing
        services.token_mark_used(token=found)
        request.user = found.user
        return found


read_auth = TokenAuth()
write_auth = TokenAuth(write=True)


def user_of(request: HttpRequest) -> User:
    """The person the token acts for."""
    token: AccessToken = request.auth  # type: ignore[attr-defined]
    return token.user
