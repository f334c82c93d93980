"""Co-creation sessions: a question, phases led by a facilitator, ideas (maybe
anonymous), clusters, dots, a winner; or the steps of a Kollegiale Beratung.

``version`` grows with every change of what participants see; the live fragment's
ETag is built from it, so polling costs one small query while nothing changes.
An anonymous idea keeps its author only for the author's own rights (withdrawing
it); no page, export or archive ever shows that author.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel
from apps.cocreation.models.circles import Circle
from apps.cooperations.models import Cooperation

DEFAULT_DOTS = 3


class SessionFormat(models.TextChoices):
    IDEAS = "ideas", _("Ideen sammeln und auswählen")
    BERATUNG = "beratung", _("Kollegiale Beratung")


class Phase(models.TextChoices):
    COLLECT = "collect", _("Ideen sammeln")
    CLUSTER = "cluster", _("Gruppieren")
    VOTE = "vote", _("Punkte vergeben")
    DECIDE = "decide", _("Entscheiden")
    CASE = "case", _("Fall schildern")
    QUESTIONS = "questions", _("Verständnisfragen")
    HYPOTHESES = "hypotheses", _("Hypothesen")
    SOLUTIONS = "solutions", _("Lösungsideen")
    CLOSING = "closing", _("Abschluss durch den Fallgeber")
    DONE = "done", _("Abgeschlossen")


IDEA_PHASES = [Phase.COLLECT, Phase.CLUSTER, Phase.VOTE, Phase.DECIDE, Phase.DONE]
# The steps of a Kollegiale Beratung with their default minutes.
BERATUNG_STEPS = {
    Phase.CASE: 10,
    Phase.QUESTIONS: 10,
    Phase.HYPOTHESES: 15,
    Phase.SOLUTIONS: 15,
    Phase.CLOSING: 5,
}


class Session(TimeStampedModel):
    """A session in a circle or in a cooperation (exactly one of them)."""

    circle = models.ForeignKey(
        Circle, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions"
    )
    cooperation = models.ForeignKey(
        Cooperation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cocreation_sessions",
    )
    format = models.CharField(
        _("Format"), max_length=10, choices=SessionFormat.choices, default=SessionFormat.IDEAS
    )
    question = models.CharField(_("Frage"), max_length=300)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Moderation"),
    )
    case_giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Fallgeber/in"),
    )
    anonymous = models.BooleanField(_("Ideen anonym sammeln"), default=False)
    dots_per_person = models.PositiveSmallIntegerField(
        _("Punkte je Person"),
        default=DEFAULT_DOTS,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    phase = models.CharField(max_length=10, choices=Phase.choices)
    phase_started_at = models.DateTimeField(default=timezone.now)
    durations = models.JSONField(default=dict, blank=True)  # minutes per Beratung step
    version = models.PositiveIntegerField(default=1)
    winner = models.ForeignKey(
        "Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result_cooperation = models.ForeignKey(
        Cooperation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result_note = models.CharField(max_length=300, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Co-Creation-Session")
        verbose_name_plural = _("Co-Creation-Sessions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(circle__isnull=False, cooperation__isnull=True)
                    | models.Q(circle__isnull=True, cooperation__isnull=False)
                ),
                name="session_in_circle_or_cooperation",
            )
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_beratung(self) -> bool:
        return self.format == SessionFormat.BERATUNG

    @property
    def is_done(self) -> bool:
        return self.phase == Phase.DONE

    def step_minutes(self, phase: str | None = None) -> int:
        phase = phase or self.phase
        return int(self.durations.get(phase, BERATUNG_STEPS.get(phase, 0)))  # type: ignore[call-overload]

    @property
    def step_ends_at(self) -> datetime | None:
        if not self.is_beratung or self.phase not in BERATUNG_STEPS:
            return None
        return self.phase_started_at + timedelta(minutes=self.step_minutes())


class Cluster(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("Name der Gruppe"), max_length=80)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Idea(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="ideas")
    # Kept for the author's own rights only; never shown when ``anonymous``.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    anonymous = models.BooleanField(default=False)
    text = models.CharField(_("Idee"), max_length=500)
    step = models.CharField(max_length=10, choices=Phase.choices, default=Phase.COLLECT)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def shown_author(self) -> str:
        """The name to show: empty for an anonymous idea, whoever asks."""
        if self.anonymous or self.author is None:
            return ""
        return str(self.author)


class Dot(models.Model):
    """One dot of a participant on an idea; several on one idea are allowed."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="dots")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="dots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["session", "voter"], name="dot_session_voter_idx")]

    def __str__(self) -> str:
        return f"• {self.idea_id}"


class CaseNote(TimeStampedModel):
    """The case giver's own notes in a Kollegiale Beratung: nobody else sees them."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="case_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("Meine Notizen"), max_length=10000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "author"], name="case_note_once")]


class DimensionRating(models.Model):
    """The closing round: one person's view of the four CoCreation dimensions (1–5)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    personality = models.PositiveSmallIntegerField(
        _("Persönlichkeit"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    behaviour = models.PositiveSmallIntegerField(
        _("Verhalten"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    culture = models.PositiveSmallIntegerField(
        _("Kultur"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    organisation = models.PositiveSmallIntegerField(
        _("Organisation"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="dimension_rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.user_id}"
