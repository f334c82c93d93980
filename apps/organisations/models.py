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
    topics = models.TextField(
        _("Programmschwerpunkte"),
        max_length=2000,
        blank=True,
        help_text=_("Worin Ihr Programm stark ist, z. B. Sprachen, Gesundheit, EDV."),
    )
    gaps = models.TextField(
        _("Programmlücken"),
        max_length=2000,
        blank=True,
        help_text=_("Was Ihrem Programm fehlt und wofür Sie Kursleitungen suchen."),
    )
    rooms = models.TextField(
        _("Räume, die wir anbieten"),
        max_length=2000,
        blank=True,
        help_text=_("Seminarräume, Ausstattung, Kapazität."),
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


class CooperationOrganisation(models.Model):
    """An organisation taking part in a cooperation, represented by the member who
    added it (an admin of the organisation and a member of the cooperation)."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="organisations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cooperations"
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vertreten durch"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "organisation"], name="cooperation_organisation_once"
            )
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.cooperation_id}"


class Training(models.Model):
    """A training an organisation offers to the staff of several organisations."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="trainings_offered",
        verbose_name=_("angeboten von"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    description = models.TextField(_("Beschreibung"), max_length=4000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("Fortbildung")
        verbose_name_plural = _("Fortbildungen")

    def __str__(self) -> str:
        return self.title


class TrainingSeats(models.Model):
    """The seats one organisation's staff have in a training (published to it)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="seats")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="training_seats"
    )
    seats = models.PositiveIntegerField(_("Plätze"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["training", "organisation"], name="training_seats_once"
            ),
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="training_seats_min"),
        ]
        ordering = ["training_id", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.seats} × {self.organisation_id} @ {self.training_id}"


class TrainingSignup(models.Model):
    """A staff member's place in a training, on the seats of their organisation."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="signups")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="training_signups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_signups"
    )
    attended = models.BooleanField(_("teilgenommen"), null=True, default=None)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "user"], name="training_signup_once")
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.training_id}"
