from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class ReferralStatus(models.TextChoices):
    OFFERED = "offered", _("angeboten")
    ACCEPTED = "accepted", _("angenommen")
    DECLINED = "declined", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    CONTACTED = "contacted", _("Kontakt aufgenommen")
    WON = "won", _("gewonnen")
    LOST = "lost", _("nicht zustande gekommen")


# Still waiting for the receiver to move it on.
OPEN_STATUSES = (ReferralStatus.OFFERED, ReferralStatus.ACCEPTED, ReferralStatus.CONTACTED)
# Ended without business: the client's contact data is no longer needed.
UNSUCCESSFUL_STATUSES = (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.LOST)
# A referral the receiver took on: from here on the receiver sees the client's contact data.
TAKEN_STATUSES = (
    ReferralStatus.ACCEPTED,
    ReferralStatus.CONTACTED,
    ReferralStatus.WON,
    ReferralStatus.LOST,
)
# What reciprocity counts as given (and received): everything not declined or withdrawn.
COUNTED_STATUSES = (ReferralStatus.OFFERED, *TAKEN_STATUSES)


class ReferralQuerySet(models.QuerySet["Referral"]):
    def involving(self, user: Any) -> "ReferralQuerySet":
        return self.filter(models.Q(giver=user) | models.Q(receiver=user))

    def open(self) -> "ReferralQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def with_client_data(self) -> "ReferralQuerySet":
        """Rows that still hold personal data of the client."""
        return self.exclude(client_name="", client_email="", client_phone="", consent_given_by="")


def _no_contact_data() -> models.Q:
    return models.Q(client_name="", client_email="", client_phone="")


class Referral(TimeStampedModel):
    """An Empfehlung: ``giver`` passes a client with a need on to ``receiver``.

    The client's contact data is stored only with a recorded consent (who, when, which
    text); otherwise the referral holds the anonymous description alone.
    """

    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referrals_given",
        verbose_name=_("empfohlen von"),
    )
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referrals_received",
        verbose_name=_("empfohlen an"),
    )
    client_label = models.CharField(
        _("Kundin oder Kunde (anonym)"),
        max_length=200,
        help_text=_("Ohne Namen, z. B. „Familienunternehmen im Maschinenbau, 120 Beschäftigte“."),
    )
    need = models.TextField(_("Bedarf"), max_length=3000)
    expected_value = models.DecimalField(
        _("erwarteter Auftragswert (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    client_name = models.CharField(_("Name der Kundin oder des Kunden"), max_length=200, blank=True)
    client_email = models.EmailField(_("E-Mail der Kundin oder des Kunden"), blank=True)
    client_phone = models.CharField(
        _("Telefon der Kundin oder des Kunden"), max_length=40, blank=True
    )
    consent_given_by = models.CharField(_("Einwilligung erteilt von"), max_length=200, blank=True)
    consented_on = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_text = models.TextField(_("Text der Einwilligung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.OFFERED
    )
    status_changed_at = models.DateTimeField(_("Status geändert am"))
    won_value = models.DecimalField(
        _("Auftragswert (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    value_shared = models.BooleanField(_("Auftragswert geteilt"), default=False)
    thank_you_note = models.TextField(_("Dankeschön"), max_length=2000, blank=True)
    thanked_at = models.DateTimeField(_("bedankt am"), null=True, blank=True)
    client_data_erased_at = models.DateTimeField(
        _("Kundendaten gelöscht am"), null=True, blank=True
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["giver", "-created_at"], name="referral_given_idx"),
            models.Index(fields=["receiver", "-created_at"], name="referral_received_idx"),
            models.Index(fields=["status", "status_changed_at"], name="referral_status_age_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("receiver")),
                name="referral_not_to_self",
                violation_error_message=_("Sie können sich nicht selbst eine Empfehlung geben."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReferralStatus.values),
                name="referral_status_valid",
            ),
            # The privacy rule itself, in the database: no contact data without a
            # recorded consent, whatever code path writes the row.
            models.CheckConstraint(
                condition=_no_contact_data()
                | (
                    models.Q(consented_on__isnull=False)
                    & ~models.Q(consent_given_by="")
                    & ~models.Q(consent_text="")
                ),
                name="referral_contact_data_needs_consent",
                violation_error_message=_(
                    "Kontaktdaten der Kundin oder des Kunden dürfen nur mit einer "
                    "erfassten Einwilligung gespeichert werden."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(won_value__isnull=True) | models.Q(status=ReferralStatus.WON),
                name="referral_value_only_when_won",
            ),
            models.CheckConstraint(
                condition=models.Q(value_shared=False) | models.Q(won_value__isnull=False),
                name="referral_shared_value_exists",
            ),
            models.CheckConstraint(
                condition=models.Q(won_value__isnull=True) | models.Q(won_value__gte=0),
                name="referral_won_value_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_value__isnull=True) | models.Q(expected_value__gte=0),
                name="referral_expected_value_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(client_data_erased_at__isnull=True)
                | (_no_contact_data() & models.Q(consent_given_by="")),
                name="referral_erased_means_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.receiver}: {self.client_label}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_contact_data(self) -> bool:
        return bool(self.client_name or self.client_email or self.client_phone)

    def role_of(self, user: Any) -> str:
        """``giver``, ``receiver`` or an empty string for anyone else."""
        if user.pk == self.giver_id:
            return "giver"
        if user.pk == self.receiver_id:
            return "receiver"
        return ""

    def other(self, user: Any) -> Any:
        return self.receiver if user.pk == self.giver_id else self.giver

    def party_to_act(self) -> Any:
        """Who moves an open referral on: always the receiver (accept, contact, close)."""
        return self.receiver if self.is_open else None

    def contact_data_visible_to(self, user: Any) -> bool:
        """The giver entered it; the receiver sees it once they took the referral on."""
        if user.pk == self.giver_id:
            return True
        return user.pk == self.receiver_id and self.status in TAKEN_STATUSES

    def value_visible_to(self, user: Any) -> bool:
        """The receiver's income stays private unless the receiver shares it."""
        if self.won_value is None:
            return False
        return user.pk == self.receiver_id or (user.pk == self.giver_id and self.value_shared)


class ReferralAction(models.TextChoices):
    OFFERED = "offered", _("Empfehlung gegeben")
    ACCEPTED = "accepted", _("angenommen")
    DECLINED = "declined", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    CONTACTED = "contacted", _("Kontakt aufgenommen")
    WON = "won", _("Auftrag gewonnen")
    LOST = "lost", _("nicht zustande gekommen")
    THANKED = "thanked", _("Dankeschön gesendet")
    VALUE_SHARED = "value_shared", _("Auftragswert geteilt")
    CLIENT_DATA_ERASED = "erased", _("Kundendaten gelöscht")


class ReferralEvent(models.Model):
    """One line of a referral's history: who did what, when, from which status to which.

    Rows are only ever added; an erasure of client data is itself an event (without actor
    when the periodic job did it).
    """

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("Empfehlung")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("von"),
    )
    action = models.CharField(_("Vorgang"), max_length=12, choices=ReferralAction.choices)
    from_status = models.CharField(
        _("vorher"), max_length=10, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("nachher"), max_length=10, choices=ReferralStatus.choices)
    created_at = models.DateTimeField(_("am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ReferralAction.values),
                name="referral_event_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.get_action_display()}"
