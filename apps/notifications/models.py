from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("täglich")
    WEEKLY = "weekly", _("wöchentlich (montags)")
    NEVER = "never", _("nie")


class NotificationSettings(TimeStampedModel):
    """How a person wants to hear about notices by e-mail. No row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("Konto"),
    )
    urgent_immediately = models.BooleanField(_("Dringende Impulse sofort per E-Mail"), default=True)
    digest = models.CharField(
        _("Zusammenfassung per E-Mail"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.DAILY,
    )
    last_digest_at = models.DateTimeField(_("letzte Zusammenfassung am"), null=True, blank=True)

    class Meta:
        # The table the driver created; the model moved here without its data moving.
        db_table = "driver_notificationsettings"
        verbose_name = _("E-Mail-Einstellung")
        verbose_name_plural = _("E-Mail-Einstellungen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__in=DigestFrequency.values),
                name="notification_settings_digest_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_digest_display()}"

    @property
    def wants_mail(self) -> bool:
        return self.urgent_immediately or self.digest != DigestFrequency.NEVER

    @classmethod
    def defaults_for(cls, user: Any) -> "NotificationSettings":
        return cls(user=user)
