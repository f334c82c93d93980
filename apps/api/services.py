"""Writes of access tokens: create (the secret is returned once), revoke, mark used."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.api.models import AccessToken, TokenScope
from apps.api.selectors import secret_hash

SECRET_PREFIX = "ww_"
PREFIX_LENGTH = 10
MAX_ACTIVE_TOKENS = 20
# "last used" is written at most this often, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedToken:
    token: AccessToken
    secret: str  # shown once, never stored


def token_create(*, user: User, name: str, scope: str) -> CreatedToken:
    """A new token for ``user``; only the hash of its secret is kept.

    Refused: an empty name, an unknown scope, more than ``MAX_ACTIVE_TOKENS`` active.
    """
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Bitte geben Sie dem Schlüssel eine Bezeichnung.")})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Bitte wählen Sie eine Berechtigung.")})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if AccessToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                _("Sie haben bereits %(count)d aktive Schlüssel. Bitte widerrufen Sie einen.")
                % {"count": MAX_ACTIVE_TOKENS}
            )
        token = AccessToken(
            user=user,
            name=name,
            scope=scope,
            prefix=secret[:PREFIX_LENGTH],
            token_hash=secret_hash(secret),
        )
        token.full_clean()
        token.save()
    return CreatedToken(token=token, secret=secret)


def token_revoke(*, token: AccessToken, user: User) -> AccessToken:
    """The owner revokes a token; it stops working at once. Revoking twice changes nothing."""
    if token.user_id != user.pk:
        raise ValidationError(_("Dieser Schlüssel gehört Ihnen nicht."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def token_mark_used(*, token: AccessToken) -> None:
    """Remember when the token was last used (to the minute, so reads stay cheap)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
