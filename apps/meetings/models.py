"""Running a cooperation: meetings with agenda and protocol, decisions, actions,
date polls and personal calendar feeds.

Decisions are records: once confirmed they are never edited, only superseded by a
later decision (the link lives on the later one, so the earlier row stays as it
was). A database trigger guards this beside the services (migration 0002).
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cooperations.models import Cooperation

MIN_DURATION = 15
MAX_DURATION = 12 * 60

WEB_URL = URLValidator(schemes=["http", "https"])


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, now: datetime) -> "MeetingQuerySet":
        """Meetings that have not ended yet (a running meeting is still upcoming)."""
        return self.filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now: datetime) -> "MeetingQuerySet":
        return self.filter(ends_at__lte=now).order_by("-starts_at", "-pk")


class Meeting(TimeStampedModel):
    """A Besprechung: when and where the members meet, what they talk about, and the
    protocol of what was said."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("Titel"), max_length=120)
    starts_at = models.DateTimeField(_("Beginn"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer"),
        default=60,
        validators=[MinValueValidator(MIN_DURATION), MaxValueValidator(MAX_DURATION)],
    )
    # Stored (not computed) so that "upcoming" is one indexed comparison.
    ends_at = models.DateTimeField(_("Ende"), editable=False)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    video_url = models.URLField(_("Videolink"), max_length=500, blank=True, validators=[WEB_URL])
    protocol = models.TextField(_("Protokoll (Markdown)"), max_length=50_000, blank=True)
    # Optimistic locking of the protocol: two people editing at once lose nothing.
    protocol_revision = models.PositiveIntegerField(default=0)
    protocol_updated_at = models.DateTimeField(null=True, blank=True)
    protocol_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # iCalendar SEQUENCE: grows when time or place change, so calendars update the entry.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Besprechung")
        verbose_name_plural = _("Besprechungen")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["cooperation", "starts_at"], name="meeting_cooperation_start_idx"),
            models.Index(fields=["cooperation", "ends_at"], name="meeting_cooperation_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(video_url=""),
                name="meeting_has_place_or_link",
                violation_error_message=_("Bitte geben Sie einen Ort oder einen Videolink an."),
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=MIN_DURATION)
                & models.Q(duration_minutes__lte=MAX_DURATION),
                name="meeting_duration_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # With update_fields, callers that change the time list "ends_at" too.
        self.ends_at = self.compute_ends_at()
        super().save(*args, **kwargs)

    def compute_ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes or 0)

    def clean_fields(self, exclude: Any = None) -> None:
        if self.starts_at is not None and self.duration_minutes is not None:
            self.ends_at = self.compute_ends_at()
        super().clean_fields(exclude=exclude)

    def is_past(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class AgendaItem(TimeStampedModel):
    """A Tagesordnungspunkt; any member adds one, the order is kept in ``position``."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("Tagesordnungspunkt"), max_length=200)
    note = models.TextField(_("Erläuterung"), max_length=2000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingebracht von"),
    )

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


# Decisions --------------------------------------------------------------------


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    FINAL = "final", _("beschlossen")


class DecisionQuerySet(models.QuerySet["Decision"]):
    def final(self) -> "DecisionQuerySet":
        return self.filter(status=DecisionStatus.FINAL)

    def in_force(self) -> "DecisionQuerySet":
        """Final decisions no later final decision supersedes."""
        superseded = Decision.objects.filter(
            supersedes=models.OuterRef("pk"), status=DecisionStatus.FINAL
        )
        return self.final().exclude(models.Exists(superseded))


class Decision(TimeStampedModel):
    """A Beschluss, recorded in a meeting. A draft until a member confirms it; then
    final, numbered per cooperation and never edited again. A later decision may
    supersede it (``supersedes`` on the later one); both stay visible."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField(_("Nummer"), null=True, blank=True)
    title = models.CharField(_("Beschluss"), max_length=200)
    text = models.TextField(_("Wortlaut"), max_length=4000, blank=True)
    status = models.CharField(
        _("Status"), max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    # RESTRICT: a superseded record cannot be deleted alone, but goes with its cooperation.
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="superseded_by_set",
        verbose_name=_("ersetzt"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("beschlossen am"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=DecisionStatus.values),
                name="decision_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=DecisionStatus.DRAFT, number__isnull=True)
                    | models.Q(
                        status=DecisionStatus.FINAL,
                        number__isnull=False,
                        confirmed_at__isnull=False,
                    )
                ),
                name="decision_final_is_numbered_and_confirmed",
            ),
            models.UniqueConstraint(
                fields=["cooperation", "number"], name="decision_number_unique"
            ),
            # A decision is superseded at most once (by one final decision).
            models.UniqueConstraint(
                fields=["supersedes"],
                condition=models.Q(status=DecisionStatus.FINAL),
                name="decision_superseded_once",
            ),
        ]

    def __str__(self) -> str:
        if self.number is None:
            return f"{self.title} ({self.get_status_display()})"
        return f"{self.number}. {self.title}"

    @property
    def is_final(self) -> bool:
        return self.status == DecisionStatus.FINAL

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Records are never edited: the row of a final decision is written once.
        if self.pk is not None and Decision.objects.filter(pk=self.pk).final().exists():
            raise ValueError("A final decision is never edited; a later one supersedes it.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_final:
            raise ValueError("A final decision is never deleted.")
        return super().delete(*args, **kwargs)


# Actions ----------------------------------------------------------------------


class ActionStatus(models.TextChoices):
    OPEN = "open", _("offen")
    DONE = "done", _("erledigt")
    CANCELLED = "cancelled", _("abgebrochen")


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> "ActionQuerySet":
        return self.filter(status=ActionStatus.OPEN)

    def overdue(self, today: date) -> "ActionQuerySet":
        return self.open().filter(due_on__lt=today)


class Action(TimeStampedModel):
    """An Aufgabe: one current member owns it until a due date; done, open or cancelled."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("aus der Besprechung"),
    )
    title = models.CharField(_("Aufgabe"), max_length=200)
    note = models.TextField(_("Notiz"), max_length=2000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
        verbose_name=_("zuständig"),
    )
    due_on = models.DateField(_("fällig am"))
    status = models.CharField(
        _("Status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("abgeschlossen von"),
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_idx"),
            models.Index(fields=["cooperation", "status", "due_on"], name="action_cooperation_idx"),
            models.Index(fields=["status", "due_on"], name="action_status_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=ActionStatus.OPEN, closed_at__isnull=True)
                | (~models.Q(status=ActionStatus.OPEN) & models.Q(closed_at__isnull=False)),
                name="action_closed_when_not_open",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


# Date polls -------------------------------------------------------------------


class Availability(models.TextChoices):
    YES = "yes", _("Ja")
    MAYBE = "maybe", _("Vielleicht")
    NO = "no", _("Nein")


class DatePoll(TimeStampedModel):
    """A Terminumfrage: proposed slots, every member answers; the best becomes a meeting."""

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="date_polls"
    )
    title = models.CharField(_("Titel der Besprechung"), max_length=120)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer"),
        default=60,
        validators=[MinValueValidator(MIN_DURATION), MaxValueValidator(MAX_DURATION)],
    )
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    video_url = models.URLField(_("Videolink"), max_length=500, blank=True, validators=[WEB_URL])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestartet von"),
    )
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="date_poll",
        verbose_name=_("geplante Besprechung"),
    )
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Terminumfrage")
        verbose_name_plural = _("Terminumfragen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(video_url=""),
                name="date_poll_has_place_or_link",
                violation_error_message=_("Bitte geben Sie einen Ort oder einen Videolink an."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PollSlot(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("Termin"))

    class Meta:
        verbose_name = _("Terminvorschlag")
        verbose_name_plural = _("Terminvorschläge")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "starts_at"], name="poll_slot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.poll} · {self.starts_at:%Y-%m-%d %H:%M}"


class PollAnswer(models.Model):
    slot = models.ForeignKey(PollSlot, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    availability = models.CharField(_("Antwort"), max_length=5, choices=Availability.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Antwort in der Terminumfrage")
        verbose_name_plural = _("Antworten in der Terminumfrage")
        ordering = ["slot", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="poll_answer_once"),
            models.CheckConstraint(
                condition=models.Q(availability__in=Availability.values),
                name="poll_answer_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.slot}: {self.availability}"


# Calendar feeds ---------------------------------------------------------------


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def active(self) -> "CalendarFeedQuerySet":
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(TimeStampedModel):
    """A personal calendar feed under a secret address, revocable at any time.

    The token is stored as it is (not hashed) because the person must be able to see
    and copy the address again later, as calendar services allow; it opens nothing but
    the feed, which holds only meetings the person may see anyway.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kalender-Abonnement")
        verbose_name_plural = _("Kalender-Abonnements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_feed_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
