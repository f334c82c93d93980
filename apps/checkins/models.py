"""Check-ins and the daily health of cooperations.

The models moved here from the driver without their data: they keep the driver's
tables (``db_table``), so no row was copied.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cooperations.models import FourDimensions

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
        db_table = "driver_checkin"
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
        db_table = "driver_checkinanswer"
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

    One row per cooperation and day, written by the periodic dispatcher; a later
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
        db_table = "driver_healthsnapshot"
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
