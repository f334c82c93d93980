from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.driver.rules import describe, driver_settings


class NudgeStatus(models.TextChoices):
    OPEN = "open", _("offen")
    DONE = "done", _("erledigt")
    DISMISSED = "dismissed", _("verworfen")
    # The driver closed it: the condition no longer holds.
    RESOLVED = "resolved", _("hat sich erledigt")


class NudgeQuerySet(models.QuerySet["Nudge"]):
    def open(self) -> "NudgeQuerySet":
        return self.filter(status=NudgeStatus.OPEN)

    def visible(self, today: date) -> "NudgeQuerySet":
        """Open and not snoozed: what the counter counts and the first tab shows."""
        return self.open().filter(
            models.Q(snoozed_until__isnull=True) | models.Q(snoozed_until__lte=today)
        )

    def snoozed(self, today: date) -> "NudgeQuerySet":
        return self.open().filter(snoozed_until__gt=today)

    def closed(self) -> "NudgeQuerySet":
        return self.exclude(status=NudgeStatus.OPEN)

    def for_cooperation(self, cooperation_id: int) -> "NudgeQuerySet":
        return self.filter(cooperation_id=cooperation_id)


class Nudge(TimeStampedModel):
    """An Impuls: the driver noticed something a person should act on.

    One row per (user, rule, subject, period); the text is made from ``params`` by
    the rule when shown, so it follows the reader's language.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="nudges",
        verbose_name=_("für"),
    )
    rule = models.CharField(_("Regel"), max_length=64)
    subject = models.CharField(_("Gegenstand"), max_length=100)
    period = models.CharField(_("Zeitraum"), max_length=40, blank=True)
    params = models.JSONField(_("Angaben"), default=dict, blank=True)
    url = models.CharField(_("Link"), max_length=500, blank=True)
    urgent = models.BooleanField(_("dringend"), default=False)
    # Plain integer: the grouping works before (and without) the cooperations app.
    cooperation_id = models.PositiveBigIntegerField(_("Kooperation"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=NudgeStatus.choices, default=NudgeStatus.OPEN
    )
    snoozed_until = models.DateField(_("zurückgestellt bis"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("per E-Mail gesendet am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("geschlossen am"), null=True, blank=True)

    objects = NudgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Impuls")
        verbose_name_plural = _("Impulse")
        ordering = ["-urgent", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "status"], name="nudge_user_status_idx"),
            models.Index(fields=["rule", "status"], name="nudge_rule_status_idx"),
            models.Index(fields=["subject", "status"], name="nudge_subject_status_idx"),
            models.Index(fields=["cooperation_id"], name="nudge_cooperation_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "rule", "subject", "period"], name="nudge_one_per_key"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=NudgeStatus.values), name="nudge_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.subject} {self.period} → {self.user_id}"

    @property
    def message(self) -> str:
        return describe(self.rule, self.params)

    @property
    def is_open(self) -> bool:
        return self.status == NudgeStatus.OPEN

    def is_snoozed(self, today: date) -> bool:
        return self.is_open and self.snoozed_until is not None and self.snoozed_until > today


class ThresholdOverride(TimeStampedModel):
    """One cooperation's own value of a driver threshold (``settings.DRIVER``), set by
    the platform's staff in the admin, e.g. ``silence_days`` 45 for a slow-paced one.

    Loaded once per run (:mod:`apps.driver.overrides`); the rules ask for it with
    ``run.threshold(name, cooperation_id=...)``.
    """

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Kooperation"),
    )
    name = models.CharField(_("Schwellenwert"), max_length=64)
    value = models.PositiveIntegerField(_("Wert"))

    class Meta:
        verbose_name = _("eigener Schwellenwert")
        verbose_name_plural = _("eigene Schwellenwerte")
        ordering = ["cooperation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "name"], name="threshold_override_once"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperation_id} · {self.name} = {self.value}"

    def clean(self) -> None:
        if self.name not in driver_settings():
            raise ValidationError(
                {"name": _("Diesen Schwellenwert kennt der Impulsgeber nicht.")},
                code="unknown_threshold",
            )
