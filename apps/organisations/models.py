"""Organisations: Volkshochschulen, Bildungswerke and small providers, with the
people who act for them. Everything inside an organisation is visible only to its
members (see ``selectors.organisation_for_member``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    VHS = "vhs", _("Volkshochschule")
    BILDUNGSWERK = "bildungswerk", _("Bildungswerk")
    PROVIDER = "provider", _("Bildungsanbieter")
    OTHER = "other", _("Sonstige Einrichtung")


class Role(models.TextChoices):
    ADMIN = "admin", _("Verwaltung")
    PLANNING = "planning", _("Programmplanung")
    STAFF = "staff", _("Mitarbeit")


class Organisation(models.Model):
    name = models.CharField(_("Name"), max_length=160)
    kind = models.CharField(
        _("Art"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.PROVIDER
    )
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    about = models.TextField(_("Über uns"), max_length=4000, blank=True)
    staff_count = models.PositiveIntegerField(
        _("Beschäftigte"), default=1, help_text=_("Für größengerechte Vereinbarungen.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self) -> str:
        return self.name


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.STAFF)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisation_member_once"
            )
        ]
        ordering = ["organisation_id", "role", "user_id"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"
