"""Personal access tokens: a person lets a program act for them through the API.

Only the SHA-256 hash of the secret is stored; the secret is shown once, when the
token is created. The prefix (the first characters) lets the person recognise it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class TokenScope(models.TextChoices):
    READ = "read", _("Nur lesen")
    READ_WRITE = "read_write", _("Lesen und schreiben")


class AccessTokenQuerySet(models.QuerySet["AccessToken"]):
    def active(self) -> "AccessTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class AccessToken(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Bezeichnung"), max_length=80)
    scope = models.CharField(
        _("Berechtigung"), max_length=12, choices=TokenScope.choices, default=TokenScope.READ
    )
    prefix = models.CharField(_("Anfang"), max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zugangsschlüssel")
        verbose_name_plural = _("Zugangsschlüssel")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=TokenScope.values), name="api_token_scope_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
