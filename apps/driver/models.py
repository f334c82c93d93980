from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cooperations.models import FourDimensions
from apps.driver.rules import describe


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


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("täglich")
    WEEKLY = "weekly", _("wöchentlich (montags)")
    NEVER = "never", _("nie")


class NotificationSettings(TimeStampedModel):
    """How a person wants to hear about nudges by e-mail. No row means the defaults."""

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


# Check-ins -----------------------------------------------------------------------------


class CheckInChoice(models.TextChoices):
    LOVE = "love", _("Love it – weiter so")
    CHANGE = "change", _("Change it – etwas soll sich ändern")
    LEAVE = "leave", _("Leave it – ich möchte aussteigen")


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def unrevealed(self) -> "CheckInQuerySet":
        return self.filter(revealed_at__isnull=True)


class CheckIn(TimeStampedModel):
    """One check-in round of a cooperation, due every ``interval_days``.

    Every current member rates the four dimensions and chooses Love it / Change it /
    Leave it. The answers stay hidden until everyone answered or the deadline passed
    (``revealed_at``), so nobody is swayed by the others.
    """

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("Kooperation"),
    )
    # The day the schedule asked for this round; also the round's period for nudges.
    due_on = models.DateField(_("fällig am"))
    deadline = models.DateTimeField(_("Antworten bis"))
    interval_days = models.PositiveSmallIntegerField(_("Rhythmus in Tagen"))
    revealed_at = models.DateTimeField(_("ausgewertet am"), null=True, blank=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("Check-in")
        verbose_name_plural = _("Check-ins")
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "due_on"], name="checkin_once_per_due"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperation_id} · {self.due_on.isoformat()}"

    def deadline_passed(self, now: datetime) -> bool:
        return now >= self.deadline


class CheckInAnswer(FourDimensions):
    """A member's answer in a check-in round; changeable until the round is revealed."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Person"),
    )
    choice = models.CharField(_("Ihre Wahl"), max_length=6, choices=CheckInChoice.choices)
    comment = models.TextField(_("Kommentar"), max_length=2000, blank=True)
    # "Change it" becomes an item on the next meeting's agenda once the round is revealed.
    agenda_item_id = models.PositiveBigIntegerField(_("Tagesordnungspunkt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Antwort im Check-in")
        verbose_name_plural = _("Antworten im Check-in")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["check_in", "user"], name="checkin_answer_once"),
            models.CheckConstraint(
                condition=models.Q(choice__in=CheckInChoice.values),
                name="checkin_answer_choice_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.check_in}"

    @property
    def choice_short(self) -> str:
        """ "Love it", "Change it" or "Leave it": the names of the choices in every language."""
        return {"love": "Love it", "change": "Change it", "leave": "Leave it"}.get(self.choice, "")


# Health --------------------------------------------------------------------------------


class HealthSnapshot(models.Model):
    """A cooperation's health score on one day (Europe/Berlin): the trend's data points.

    One row per cooperation and day, written by the driver's periodic run; a later
    run on the same day updates the row only when the score or its reasons changed.
    """

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="health_snapshots",
        verbose_name=_("Kooperation"),
    )
    day = models.DateField(_("Tag"))
    score = models.PositiveSmallIntegerField(_("Gesundheit"))
    # [[points lost, reason], …] in the language of the run, for the record.
    reasons = models.JSONField(_("Gründe"), default=list, blank=True)
    computed_at = models.DateTimeField(_("berechnet am"))

    class Meta:
        verbose_name = _("Gesundheitswert")
        verbose_name_plural = _("Gesundheitswerte")
        ordering = ["cooperation", "-day"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "day"], name="health_once_per_day"),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="health_score_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperation_id} · {self.day.isoformat()} · {self.score}"
