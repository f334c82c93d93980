"""Reads of access tokens."""

import hashlib

from django.db.models import QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.api.models import AccessToken


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_of(*, user: User) -> QuerySet[AccessToken]:
    """Active tokens first, then revoked ones (newest first)."""
    return AccessToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def token_of(*, user: User, pk: int) -> AccessToken:
    token = AccessToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token


def token_for_secret(secret: str) -> AccessToken | None:
    """The active token of an active user with this secret, or None."""
    return (
        AccessToken.objects.active()
        .select_related("user")
        .filter(token_hash=secret_hash(secret), user__is_active=True)
        .first()
    )
