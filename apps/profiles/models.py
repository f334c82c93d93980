from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class Format(models.TextChoices):
    PRAESENZ = "präsenz", _("Präsenz")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class Intent(models.TextChoices):
    COMPLEMENT = "complement", _("Ergänzung")
    CAPACITY = "capacity", _("Kapazität")
    PEER = "peer", _("Kollegialer Austausch")
    SPACE = "space", _("Räume & Infrastruktur")
    FOUNDING = "founding", _("Gemeinsam gründen")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("Für alle Mitglieder sichtbar")
    MATCHING = "matching", _("Nur in Partnervorschlägen")
    HIDDEN = "hidden", _("Verborgen")


# What a person edits on the profile page (and what import and export carry).
EDITABLE_FIELDS = (
    "headline",
    "about",
    "competences",
    "offers",
    "target_groups",
    "industries",
    "city",
    "postal_code",
    "remote",
    "formats",
    "languages",
    "hours_per_month",
    "seeking",
    "intents",
    "visibility",
)


class ProfileQuerySet(models.QuerySet["Profile"]):
    def matchable(self) -> "ProfileQuerySet":
        return self.exclude(visibility=Visibility.HIDDEN)


# The longest free texts a profile takes (characters); forms and profile_update check them.
TEXT_LIMITS = {"about": 5000, "seeking": 5000}


class Profile(TimeStampedModel):
    """The Ich: what a person offers, for whom, where, and what they seek."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    headline = models.CharField(_("Kurzprofil"), max_length=200, blank=True)
    about = models.TextField(_("Über mich"), blank=True)
    competences = models.JSONField(_("Kompetenzen"), default=list, blank=True)
    offers = models.JSONField(_("Angebote"), default=list, blank=True)
    target_groups = models.JSONField(_("Zielgruppen"), default=list, blank=True)
    industries = models.JSONField(_("Branchen"), default=list, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=10, blank=True)
    remote = models.BooleanField(_("arbeitet auch remote mit Partnern"), default=False)
    formats = models.JSONField(_("Formate"), default=list, blank=True)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(
        _("Stunden pro Monat für Kooperationen"), default=0
    )
    seeking = models.TextField(_("Ich suche"), blank=True)
    intents = models.JSONField(_("Anliegen"), default=list, blank=True)
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    external_id = models.CharField(
        _("Import-Kennung"), max_length=100, blank=True, editable=False, default=""
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("Profil")
        verbose_name_plural = _("Profile")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="profile_visibility_valid",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    COMPLETENESS_FIELDS = (
        "headline",
        "about",
        "competences",
        "offers",
        "target_groups",
        "city",
        "formats",
        "hours_per_month",
        "seeking",
        "intents",
    )

    def completeness(self) -> int:
        """Percent of the fields that matching relies on which are filled in."""
        filled = sum(1 for name in self.COMPLETENESS_FIELDS if getattr(self, name))
        return round(100 * filled / len(self.COMPLETENESS_FIELDS))

    def public_lists(self) -> list[tuple[object, list[str]]]:
        return [
            (_("Kompetenzen"), self.competences),
            (_("Angebote"), self.offers),
            (_("Zielgruppen"), self.target_groups),
            (_("Branchen"), self.industries),
        ]

    def missing_fields(self) -> list[str]:
        return [
            str(getattr(self._meta.get_field(name), "verbose_name", name))
            for name in self.COMPLETENESS_FIELDS
            if not getattr(self, name)
        ]
