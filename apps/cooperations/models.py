"""Cooperations: members, invitations, the fit check, agreements and the exit.

The structured parts of an agreement (commitments per member, split key, review
rhythm) are data other apps read: contributions, the driver and finances.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class CooperationKind(models.TextChoices):
    JOINT_OFFER = "joint_offer", _("Gemeinsames Angebot")
    CLIENT_PROJECT = "client_project", _("Kundenprojekt")
    SHARED_SPACE = "shared_space", _("Büro und Infrastruktur teilen")
    FOUNDING = "founding", _("Gründung")
    PEER_GROUP = "peer_group", _("Kollegiale Beratung")
    OTHER = "other", _("Sonstiges")


class CooperationStatus(models.TextChoices):
    EXPLORING = "exploring", _("Kennenlernen")
    FIT_CHECK = "fit_check", _("Passungscheck")
    AGREED = "agreed", _("Vereinbart")
    ENDED = "ended", _("Beendet")


class CooperationQuerySet(models.QuerySet["Cooperation"]):
    def active(self) -> "CooperationQuerySet":
        return self.exclude(status=CooperationStatus.ENDED)

    def of_member(self, user: Any) -> "CooperationQuerySet":
        """Cooperations the user belongs to now (not the ones they left)."""
        return self.filter(memberships__user=user, memberships__left_at__isnull=True)

    def visible_to(self, user: Any) -> "CooperationQuerySet":
        """Current and former memberships: former members keep read access."""
        return self.filter(memberships__user=user).distinct()


class Cooperation(TimeStampedModel):
    """A Kooperation: people who work on something together, with a written basis."""

    title = models.CharField(_("Titel"), max_length=120)
    purpose = models.TextField(_("Zweck"), max_length=2000)
    kind = models.CharField(
        _("Art"), max_length=20, choices=CooperationKind.choices, default=CooperationKind.OTHER
    )
    status = models.CharField(
        _("Phase"),
        max_length=12,
        choices=CooperationStatus.choices,
        default=CooperationStatus.EXPLORING,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    last_activity_at = models.DateTimeField(_("letzte Aktivität"), default=timezone.now)
    ended_at = models.DateTimeField(_("beendet am"), null=True, blank=True)

    objects = CooperationQuerySet.as_manager()

    STATUS_STEPS = CooperationStatus.choices

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["-last_activity_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CooperationStatus.values),
                name="cooperation_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CooperationKind.values),
                name="cooperation_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ended(self) -> bool:
        return self.status == CooperationStatus.ENDED


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Mitglied")
    COORDINATOR = "coordinator", _("Koordination")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(left_at__isnull=True)


class Membership(TimeStampedModel):
    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cooperation_memberships",
        verbose_name=_("Person"),
    )
    role = models.CharField(
        _("Rolle"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    left_at = models.DateTimeField(_("ausgetreten am"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "user"], name="membership_once_per_cooperation"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MemberRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cooperation}"

    @property
    def is_current(self) -> bool:
        return self.left_at is None

    @property
    def is_coordinator(self) -> bool:
        return self.role == MemberRole.COORDINATOR and self.left_at is None


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class Invitation(TimeStampedModel):
    """An invitation to a connection (``invitee``) or by e-mail link (``token_hash``).

    E-mail links are single use and expire; only the hash of the token is stored.
    """

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cooperation_invitations",
        verbose_name=_("eingeladene Person"),
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    message = models.TextField(_("Nachricht"), max_length=1000, blank=True)
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invitee__isnull=False) | ~models.Q(token_hash=""),
                name="invitation_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitee or self.email} → {self.cooperation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.declined_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class EventKind(models.TextChoices):
    CREATED = "created", _("Kooperation angelegt")
    UPDATED = "updated", _("Angaben geändert")
    INVITED = "invited", _("Einladung versandt")
    INVITATION_REVOKED = "invitation_revoked", _("Einladung zurückgezogen")
    JOINED = "joined", _("beigetreten")
    INVITATION_DECLINED = "invitation_declined", _("Einladung abgelehnt")
    ROLE_CHANGED = "role_changed", _("Rolle geändert")
    REMOVED = "removed", _("Mitglied entfernt")
    LEFT = "left", _("ausgetreten")
    FIT_CHECK_STARTED = "fit_check_started", _("Passungscheck begonnen")
    FIT_CHECK_ANSWERED = "fit_check_answered", _("Passungscheck beantwortet")
    FIT_CHECK_REVEALED = "fit_check_revealed", _("Passungscheck ausgewertet")
    DRAFT_SAVED = "draft_saved", _("Entwurf bearbeitet")
    VERSION_PROPOSED = "version_proposed", _("Fassung zur Annahme vorgelegt")
    VERSION_ACCEPTED = "version_accepted", _("Fassung angenommen")
    VERSION_IN_FORCE = "version_in_force", _("Fassung in Kraft")
    VERSION_WITHDRAWN = "version_withdrawn", _("Fassung zurückgezogen")
    EXIT_PROPOSED = "exit_proposed", _("Ausstieg vorgeschlagen")
    EXIT_CANCELLED = "exit_cancelled", _("Ausstieg abgebrochen")
    EXIT_COMPLETED = "exit_completed", _("Ausstieg abgeschlossen")
    ENDED = "ended", _("Kooperation beendet")
    # Running the cooperation (apps.meetings records these through ``event_record``).
    MEETING_PLANNED = "meeting_planned", _("Besprechung geplant")
    MEETING_CHANGED = "meeting_changed", _("Besprechung geändert")
    PROTOCOL_SAVED = "protocol_saved", _("Protokoll bearbeitet")
    DECISION_CONFIRMED = "decision_confirmed", _("Beschluss gefasst")
    ACTION_CREATED = "action_created", _("Aufgabe angelegt")
    ACTION_DONE = "action_done", _("Aufgabe erledigt")
    ACTION_CANCELLED = "action_cancelled", _("Aufgabe abgebrochen")
    DATE_POLL_STARTED = "date_poll_started", _("Terminumfrage gestartet")


class Event(models.Model):
    """An audit event: who did what when. Also the cooperation's activity timeline."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Ereignis")
        verbose_name_plural = _("Ereignisse")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["cooperation", "-created_at"], name="event_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.cooperation_id})"


# Fit check --------------------------------------------------------------------


class DecisionStyle(models.TextChoices):
    CONSENSUS = "consensus", _("im Konsens")
    CONSENT = "consent", _("im Konsent (kein schwerwiegender Einwand)")
    MAJORITY = "majority", _("mit Mehrheit")
    BY_AREA = "by_area", _("jede Person in ihrem Bereich")
    COORDINATOR = "coordinator", _("die Koordination entscheidet")


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("wöchentlich")
    BIWEEKLY = "biweekly", _("alle zwei Wochen")
    MONTHLY = "monthly", _("monatlich")
    QUARTERLY = "quarterly", _("vierteljährlich")
    AS_NEEDED = "as_needed", _("nach Bedarf")


class MoneyExpectation(models.TextChoices):
    NONE = "none", _("kein Geld, es geht um Austausch")
    COSTS = "costs", _("Kosten teilen")
    SIDE = "side", _("ein Zuverdienst")
    SUBSTANTIAL = "substantial", _("ein wesentlicher Teil meines Einkommens")


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class FourDimensions(TimeStampedModel):
    """The four dimensions of co-creation, each rated 1 (weak) to 5 (strong)."""

    DIMENSIONS = ("personality", "behaviour", "culture", "organisation")

    personality = models.PositiveSmallIntegerField(_("Persönlichkeit"), validators=RATING)
    behaviour = models.PositiveSmallIntegerField(_("Verhalten"), validators=RATING)
    culture = models.PositiveSmallIntegerField(_("Kultur"), validators=RATING)
    organisation = models.PositiveSmallIntegerField(_("Organisation"), validators=RATING)

    class Meta:
        abstract = True

    def ratings(self) -> list[int]:
        return [getattr(self, name) for name in self.DIMENSIONS]


class FitCheck(TimeStampedModel):
    """One Passungscheck per cooperation; answers stay hidden until all have answered."""

    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="fit_check"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revealed_at = models.DateTimeField(_("ausgewertet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Passungscheck")
        verbose_name_plural = _("Passungschecks")

    def __str__(self) -> str:
        return str(self.cooperation)


class FitCheckAnswer(FourDimensions):
    fit_check = models.ForeignKey(FitCheck, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goals = models.TextField(_("Ihre Ziele für diese Kooperation"), max_length=2000)
    result_in_12_months = models.TextField(
        _("Welches Ergebnis erwarten Sie in 12 Monaten?"), max_length=2000
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("Stunden pro Monat, die Sie wirklich investieren"),
        validators=[MaxValueValidator(200)],
    )
    money_expectation = models.CharField(
        _("Was erwarten Sie finanziell?"), max_length=12, choices=MoneyExpectation.choices
    )
    money_note = models.CharField(_("Anmerkung zum Geld"), max_length=300, blank=True)
    decision_style = models.CharField(
        _("Wie sollen wir entscheiden?"), max_length=12, choices=DecisionStyle.choices
    )
    risk_appetite = models.PositiveSmallIntegerField(
        _("Risikobereitschaft (1 = vorsichtig, 5 = mutig)"), validators=RATING
    )
    communication_rhythm = models.CharField(
        _("Wie oft wollen wir uns abstimmen?"), max_length=12, choices=Rhythm.choices
    )
    values = models.TextField(_("Welche Werte sind Ihnen in der Zusammenarbeit wichtig?"))

    class Meta:
        verbose_name = _("Antwort im Passungscheck")
        verbose_name_plural = _("Antworten im Passungscheck")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["fit_check", "user"], name="fit_check_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.fit_check}"


# Agreements -------------------------------------------------------------------


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

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


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


# Exit -------------------------------------------------------------------------


class ExitKind(models.TextChoices):
    END = "end", _("Kooperation beenden")
    LEAVE = "leave", _("Kooperation verlassen")


class ItemState(models.TextChoices):
    OPEN = "open", _("offen")
    DONE = "done", _("erledigt")
    NOT_APPLICABLE = "n_a", _("entfällt")


class DataDecision(models.TextChoices):
    UNDECIDED = "undecided", _("noch offen")
    KEEP_ALL = "keep_all", _("alle behalten eine Kopie")
    DELETE_SHARED = "delete_shared", _("gemeinsame Dateien werden gelöscht")
    HAND_OVER = "hand_over", _("eine Person übernimmt die Daten")


class ExitProcess(TimeStampedModel):
    """Ending a cooperation or leaving it, with its checklist."""

    CHECKLIST = ("settlement", "resources", "clients")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="exits")
    kind = models.CharField(_("Art"), max_length=6, choices=ExitKind.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    leaving_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("Anlass"), max_length=2000)
    settlement = models.CharField(
        _("Abschließender Ausgleich"), max_length=4, choices=ItemState.choices, default="open"
    )
    settlement_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    resources = models.CharField(
        _("Rückgabe gemeinsamer Ressourcen"),
        max_length=4,
        choices=ItemState.choices,
        default="open",
    )
    resources_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    clients = models.CharField(
        _("Übergabe der Kundschaft"), max_length=4, choices=ItemState.choices, default="open"
    )
    clients_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    data_decision = models.CharField(
        _("Was mit gemeinsamen Daten geschieht"),
        max_length=14,
        choices=DataDecision.choices,
        default=DataDecision.UNDECIDED,
    )
    data_note = models.CharField(_("Notiz"), max_length=500, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Ausstieg")
        verbose_name_plural = _("Ausstiege")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation"],
                condition=models.Q(completed_at__isnull=True, cancelled_at__isnull=True),
                name="exit_one_open_per_cooperation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.cooperation}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.cancelled_at is None

    @property
    def open_items(self) -> list[str]:
        items = [name for name in self.CHECKLIST if getattr(self, name) == ItemState.OPEN]
        if self.data_decision == DataDecision.UNDECIDED:
            items.append("data_decision")
        return items


class Retrospective(FourDimensions):
    """A member's look back on the four dimensions of co-creation, and a reference."""

    exit = models.ForeignKey(ExitProcess, on_delete=models.CASCADE, related_name="retrospectives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    went_well = models.TextField(_("Was gut lief"), max_length=2000, blank=True)
    learned = models.TextField(_("Was wir gelernt haben"), max_length=2000, blank=True)
    reference = models.TextField(
        _("Referenz für die anderen (freiwillig)"), max_length=2000, blank=True
    )

    class Meta:
        verbose_name = _("Rückblick")
        verbose_name_plural = _("Rückblicke")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exit", "user"], name="retrospective_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.exit}"
