"""Circles: small committed communities with a purpose, norms, gatherings and a board."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel

DEFAULT_SIZE_LIMIT = 12
DEFAULT_RHYTHM_DAYS = 28


class Circle(TimeStampedModel):
    """A Kreis. ``norms_version`` grows whenever the norms change; members record
    which version they accepted."""

    name = models.CharField(_("Name"), max_length=120)
    purpose = models.TextField(_("Zweck"), max_length=2000)
    norms = models.TextField(_("Regeln"), max_length=4000)
    norms_version = models.PositiveIntegerField(default=1)
    size_limit = models.PositiveSmallIntegerField(
        _("Größe höchstens"),
        default=DEFAULT_SIZE_LIMIT,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
    )
    rhythm_days = models.PositiveSmallIntegerField(
        _("Treffen alle … Tage"),
        default=DEFAULT_RHYTHM_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(180)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CircleMembershipQuerySet(models.QuerySet["CircleMembership"]):
    def current(self) -> "CircleMembershipQuerySet":
        return self.filter(left_at__isnull=True)


class CircleMembership(models.Model):
    """One stay in a circle: joined with the norms of a version, maybe left later."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships"
    )
    norms_version = models.PositiveIntegerField(_("akzeptierte Regeln (Fassung)"))
    norms_accepted_at = models.DateTimeField(_("Regeln akzeptiert am"), default=timezone.now)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = CircleMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kreismitgliedschaft")
        verbose_name_plural = _("Kreismitgliedschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "user"],
                condition=models.Q(left_at__isnull=True),
                name="circle_member_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.circle}"


class JoinRequestStatus(models.TextChoices):
    OPEN = "open", _("offen")
    ACCEPTED = "accepted", _("angenommen")
    DECLINED = "declined", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class JoinRequest(TimeStampedModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_join_requests"
    )
    message = models.TextField(_("Warum möchten Sie mitmachen?"), max_length=1000)
    status = models.CharField(
        max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Beitrittsanfrage")
        verbose_name_plural = _("Beitrittsanfragen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "user"],
                condition=models.Q(status="open"),
                name="circle_join_request_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.circle}"


class Gathering(TimeStampedModel):
    """A Treffen of the circle, in a place or by video."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="gatherings")
    title = models.CharField(_("Titel"), max_length=120)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    video_url = models.URLField(_("Videolink"), blank=True)
    note = models.TextField(_("Notiz"), max_length=2000, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Treffen")
        verbose_name_plural = _("Treffen")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="gathering_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("Ich komme")
    MAYBE = "maybe", _("Vielleicht")
    NO = "no", _("Ich komme nicht")


class Rsvp(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=5, choices=RsvpAnswer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gathering", "user"], name="rsvp_once_per_gathering")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.gathering}: {self.answer}"


class BoardPost(TimeStampedModel):
    """A question or an ask on the circle's board (Markdown)."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("Betreff"), max_length=160)
    body = models.TextField(_("Text"), max_length=6000)

    class Meta:
        verbose_name = _("Beitrag am Brett")
        verbose_name_plural = _("Beiträge am Brett")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class BoardReply(TimeStampedModel):
    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("Antwort"), max_length=4000)

    class Meta:
        ordering = ["created_at", "pk"]
