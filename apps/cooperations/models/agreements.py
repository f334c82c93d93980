"""The agreement: versions with commitments (the split key) and acceptances.

The structured parts of an agreement (commitments per member, split key, review
rhythm) are data other apps read: contributions, the driver and finances.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cooperations.models.cooperation import Cooperation
from wirwerk.lib.markdown import render_markdown, sanitise_html


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PROPOSED = "proposed", _("zur Annahme vorgelegt")
    IN_FORCE = "in_force", _("in Kraft")
    SUPERSEDED = "superseded", _("abgelöst")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


ACCEPTED_STATUSES = (VersionStatus.IN_FORCE, VersionStatus.SUPERSEDED)


class AgreementVersionQuerySet(models.QuerySet["AgreementVersion"]):
    def accepted(self) -> "AgreementVersionQuerySet":
        return self.filter(status__in=ACCEPTED_STATUSES)

    def in_force(self) -> "AgreementVersionQuerySet":
        return self.filter(status=VersionStatus.IN_FORCE)


class AgreementVersion(TimeStampedModel):
    """A Kooperationsvereinbarung in one version.

    A draft is edited by every member (``revision`` guards against lost updates).
    Proposed versions are frozen; once every current member accepted, the version is
    in force, the one before is superseded, and ``content_hash`` chains it to its
    predecessor. Accepted versions are never edited.
    """

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField(_("Fassung"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)
    goals = models.TextField(_("Ziele"), max_length=4000, blank=True)
    decision_rules = models.TextField(_("Entscheidungsregeln"), max_length=4000, blank=True)
    confidentiality = models.TextField(_("Vertraulichkeit"), max_length=4000, blank=True)
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    review_every_days = models.PositiveSmallIntegerField(
        _("Überprüfung alle … Tage"),
        default=90,
        validators=[MinValueValidator(14), MaxValueValidator(365)],
    )
    exit_clause = models.TextField(_("Ausstieg"), max_length=4000, blank=True)
    free_text = models.TextField(
        _("Weitere Vereinbarungen (Markdown)"), max_length=20000, blank=True
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    in_force_at = models.DateTimeField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # The instance's Ed25519 signature over the chain hash (``signing.version_message``),
    # base64, and the fingerprint of the key that made it; set when it comes into force.
    # Nullable: SQLite adds them without rebuilding the table (and its triggers).
    signature = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    signing_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    # ``free_text`` rendered once, when the version comes into force (or by
    # ``sign_agreements`` for older versions): pages and PDFs of an accepted version
    # show it instead of parsing the Markdown on every request. Set once, then guarded.
    free_text_html = models.TextField(null=True, blank=True)  # noqa: DJ001

    objects = AgreementVersionQuerySet.as_manager()

    # What members agree to: edited in the draft, frozen once proposed, and sealed by
    # the hash chain (``integrity.version_payload``). The one list of them; a new field
    # of the agreement's content belongs here, or the chain would not cover it.
    CONTENT_FIELDS = (
        "goals",
        "decision_rules",
        "confidentiality",
        "starts_on",
        "ends_on",
        "review_every_days",
        "exit_clause",
        "free_text",
    )

    class Meta:
        verbose_name = _("Fassung der Vereinbarung")
        verbose_name_plural = _("Fassungen der Vereinbarung")
        ordering = ["cooperation", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "number"], name="agreement_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["cooperation"],
                condition=models.Q(status="draft"),
                name="agreement_one_draft",
            ),
            models.UniqueConstraint(
                fields=["cooperation"],
                condition=models.Q(status="proposed"),
                name="agreement_one_proposed",
            ),
            models.UniqueConstraint(
                fields=["cooperation"],
                condition=models.Q(status="in_force"),
                name="agreement_one_in_force",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=VersionStatus.values),
                name="agreement_version_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        if self.number is None:
            return f"{self.cooperation} · {self.get_status_display()}"
        return f"{self.cooperation} · {self.number}"

    def clean(self) -> None:
        # Said in German at the field, before the check constraint would answer with
        # its own name (full_clean skips constraints over fields that already failed).
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Das Ende liegt vor dem Beginn.")})

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT

    @property
    def free_text_as_html(self) -> SafeString:
        """The free text as safe HTML: stored once for an accepted version, rendered
        for drafts and proposals (which still change or may never count)."""
        if self.free_text_html is not None:
            # Sanitised again (cheap, linear): the stored HTML is in the database, and
            # whoever can write there past the triggers must not reach members' browsers.
            return mark_safe(sanitise_html(self.free_text_html))
        return mark_safe(render_markdown(self.free_text))


class Commitment(models.Model):
    """A member's Zusage in one version: hours, resources and the split key."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="commitments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments"
    )
    hours_per_month = models.DecimalField(
        _("Stunden pro Monat"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(300))],
    )
    resources = models.CharField(_("Ressourcen"), max_length=500, blank=True)
    revenue_share = models.DecimalField(
        _("Anteil am Umsatz (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    cost_share = models.DecimalField(
        _("Anteil an den Kosten (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        verbose_name = _("Zusage")
        verbose_name_plural = _("Zusagen")
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="commitment_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.hours_per_month} h"


class Acceptance(models.Model):
    """A member's acceptance of a proposed version; the name is kept as it was."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="acceptances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=150)
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Annahme")
        verbose_name_plural = _("Annahmen")
        ordering = ["accepted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="acceptance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.version}"
