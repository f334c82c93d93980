"""Engagements (Aufträge) of a cooperation: a client, a lead partner who invoices the
client, revenue and cost lines. A pilot (Experiment) is an engagement with a risk
budget and a loss key that every member agreed to (see ``keys.KeyProposal``)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel

MAX_AMOUNT = Decimal("10000000.00")


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    RUNNING = "running", _("läuft")
    INVOICED = "invoiced", _("abgerechnet")
    PAID = "paid", _("bezahlt")
    CANCELLED = "cancelled", _("abgebrochen")


class Engagement(TimeStampedModel):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="engagements",
        verbose_name=_("Kooperation"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    client = models.CharField(_("Kunde"), max_length=200)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Federführung (stellt die Rechnung)"),
    )
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=EngagementStatus.choices,
        default=EngagementStatus.PLANNED,
    )
    is_pilot = models.BooleanField(_("Experiment"), default=False)
    note = models.TextField(_("Notiz"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Auftrag")
        verbose_name_plural = _("Aufträge")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EngagementStatus.values), name="engagement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="engagement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.client})"


class LineKind(models.TextChoices):
    REVENUE = "revenue", _("Einnahme")
    COST = "cost", _("Kosten")


class EngagementLine(models.Model):
    """A revenue line (collected by ``member``) or a cost line (paid by ``member``).

    Lines are never edited or deleted. A wrong line is reversed (Storno): a new line
    of the same kind and member with the negative amount and a reason, so every sum
    stays a plain sum and the history stays visible.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("Art"), max_length=10, choices=LineKind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Mitglied"),
    )
    # Positive; negative only on a reversal (the amount of the line it reverses).
    amount = models.DecimalField(
        _("Betrag (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(-MAX_AMOUNT), MaxValueValidator(MAX_AMOUNT)],
    )
    booked_on = models.DateField(_("Datum"))
    description = models.CharField(_("Wofür"), max_length=200)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("storniert den Posten"),
    )
    reason = models.CharField(_("Grund des Stornos"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Posten")
        verbose_name_plural = _("Posten")
        ordering = ["booked_on", "pk"]
        indexes = [models.Index(fields=["engagement", "kind"], name="engagement_line_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0, reason="")
                | (Q(reverses__isnull=False, amount__lt=0) & ~Q(reason="")),
                name="engagement_line_sign",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=LineKind.values), name="engagement_line_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} · {self.description}"
