"""Login throttling that cannot be turned against other people.

allauth counts failed logins per address and per account before it checks the
password, so once an address is over its limit nobody behind it can log in.
Here the counters are split, following OWASP's "device cookies":

- a browser that has logged in to an account before carries a signed device
  cookie for it; its failures are counted for that account *and that device*
  only, and neither the address counter nor the account counter of strangers
  applies to it;
- every other attempt is counted per account and per address.

So failures on account B (or on A by a stranger) never block A's own browser,
and a guesser without the device cookie still meets both limits. The counters
live in Django's cache, which is the database by default (shared by every
worker, survives restarts) and Redis when REDIS_URL is set.
"""

from __future__ import annotations

import hashlib
from typing import Any

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseBase

DEVICE_COOKIE = "wirwerk_device"
_SALT = "wirwerk.accounts.device"
_MAX_AGE = 365 * 24 * 3600


def _account_hash(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


def device_ids(request: HttpRequest) -> dict[str, str]:
    """Account hash → device id of the accounts this browser has logged in to."""
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return {}
    try:
        value = signing.loads(raw, salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def trusted_device(request: HttpRequest, login: str) -> str | None:
    return device_ids(request).get(_account_hash(login))


def remember_device(request: HttpRequest, response: HttpResponseBase, login: str) -> None:
    devices = device_ids(request)
    account = _account_hash(login)
    if account not in devices:
        devices[account] = signing.get_cookie_signer(salt=_SALT).signature(
            f"{account}:{len(devices)}:{request.META.get('REMOTE_ADDR', '')}"
        )[:16]
    # Keep the cookie small: the last five accounts of this browser.
    devices = dict(list(devices.items())[-5:])
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(devices, salt=_SALT),
        max_age=_MAX_AGE,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


def consume_login_attempt(request: HttpRequest, login: str) -> Any:
    """Count one attempt; None when a limit is reached (else a usage to roll back)."""
    limits = settings.LOGIN_THROTTLE
    device = trusted_device(request, login)
    if device:
        key = f"device:{_account_hash(login)}:{device}"
        config = {"login_failed": limits["device"]}
    else:
        key = f"account:{_account_hash(login)}"
        config = {"login_failed": limits["stranger"]}
    return ratelimit.consume(
        request, app="allauth.account", action="login_failed", config=config, key=key
    )


def clear_login_attempts(request: HttpRequest, login: str) -> None:
    """After a password reset: the account's counter starts afresh."""
    for key, rate in ((f"account:{_account_hash(login)}", settings.LOGIN_THROTTLE["stranger"]),):
        ratelimit.clear(
            request,
            app="allauth.account",
            action="login_failed",
            config={"login_failed": rate},
            key=key,
        )
