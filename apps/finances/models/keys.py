"""Split keys that differ from the agreement's: per engagement only with every current
member's consent, and the keys of shared running costs.

A :class:`KeyProposal` names a purpose (revenue, costs, or a pilot's loss key with its
risk budget), a kind and the shares; each current member consents once
(:class:`KeyConsent`: who, when). When the last one consented, ``effective_at`` is
set and the key applies. The latest effective proposal of a purpose counts.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class KeyKind(models.TextChoices):
    PERCENT = "percent", _("Prozent je Mitglied")
    HOURS = "hours", _("nach geleisteten Stunden")
    FIXED = "fixed", _("Festbeträge zuerst, Rest nach Prozent")
    WEIGHTS = "weights", _("Gewichte (z. B. nach Größe)")


class KeyPurpose(models.TextChoices):
    REVENUE = "revenue", _("Einnahmen")
    COST = "cost", _("Kosten")
    LOSS = "loss", _("Gewinn und Verlust des Experiments")


class KeyProposal(TimeStampedModel):
    engagement = models.ForeignKey(
        "finances.Engagement", on_delete=models.CASCADE, related_name="key_proposals"
    )
    purpose = models.CharField(_("Wofür"), max_length=10, choices=KeyPurpose.choices)
    kind = models.CharField(_("Art des Schlüssels"), max_length=10, choices=KeyKind.choices)
    risk_budget = models.DecimalField(
        _("Risikobudget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    effective_at = models.DateTimeField(_("gilt seit"), null=True, blank=True)

    class Meta:
        verbose_name = _("Schlüsselvorschlag")
        verbose_name_plural = _("Schlüsselvorschläge")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=KeyPurpose.values), name="key_proposal_purpose_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=KeyKind.values), name="key_proposal_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_kind_display()}"


class KeyShare(models.Model):
    """One member's part of a proposed key: a percentage or weight, and a fixed amount."""

    proposal = models.ForeignKey(KeyProposal, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("Anteil"), max_digits=9, decimal_places=2, default=Decimal(0))
    fixed = models.DecimalField(
        _("Festbetrag (EUR)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="key_share_once"),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(fixed__gte=0), name="key_share_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.value} / {self.fixed}"


class KeyConsent(models.Model):
    proposal = models.ForeignKey(KeyProposal, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("zugestimmt am"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="key_consent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class SharedCost(TimeStampedModel):
    """A running cost (rent, licences, servers) paid monthly by one member for everyone.

    Each month from ``starts_on`` to ``ends_on`` (or this month) is one cost entry,
    computed when read – no periodic job, nothing to run twice.
    """

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="shared_costs"
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    monthly_amount = models.DecimalField(
        _("Betrag pro Monat (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("bezahlt von"),
    )
    starts_on = models.DateField(_("erster Monat"))
    ends_on = models.DateField(_("letzter Monat"), null=True, blank=True)
    kind = models.CharField(
        _("Art des Schlüssels"), max_length=10, choices=KeyKind.choices, default=KeyKind.PERCENT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("laufende Kosten")
        verbose_name_plural = _("laufende Kosten")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="shared_cost_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="shared_cost_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SharedCostShare(models.Model):
    shared_cost = models.ForeignKey(SharedCost, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("Anteil"), max_digits=9, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shared_cost", "user"], name="shared_cost_share_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="shared_cost_share_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.value}"
