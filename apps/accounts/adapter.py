"""The allauth adapter: throttling per account and address (see throttle.py)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from apps.accounts import throttle


def _login(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email", credentials.get("username", "")) or "")


# A page to show after the next login (e.g. an invitation opened before signing up).
AFTER_LOGIN = "wirwerk_after_login"


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        after = request.session.pop(AFTER_LOGIN, None)
        if isinstance(after, str) and url_has_allowed_host_and_scheme(
            after, allowed_hosts={request.get_host()}
        ):
            return after
        return str(super().get_login_redirect_url(request))

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        self._login_failed_rl_usage = throttle.consume_login_attempt(request, _login(credentials))
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        throttle.clear_login_attempts(request, _login(credentials))

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        email = getattr(user, "email", "")
        if email:
            throttle.remember_device(request, response, email)
        return response
