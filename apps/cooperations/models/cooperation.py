"""The cooperation, its members, invitations and timeline events."""

from typing import Any

from django.conf import settings
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

    def archived(self) -> "CooperationQuerySet":
        return self.filter(archived_at__isnull=False)

    def not_archived(self) -> "CooperationQuerySet":
        return self.filter(archived_at__isnull=True)

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
    # "Gelöscht" by the coordination: ended, read-only and out of the lists, but its
    # records (agreements, ledger, decisions) stay for every member and former member.
    archived_at = models.DateTimeField(_("archiviert am"), null=True, blank=True)

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
        """Ended or archived (an archived cooperation is always ended): read-only."""
        return self.status == CooperationStatus.ENDED

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


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
    # Someone signed in under another address opened the e-mail link: they join only
    # once the coordination confirms (``services.join_requests``). One request per
    # invitation; a declined one leaves the link to the invited address.
    join_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Beitritt angefragt von"),
    )
    join_requested_at = models.DateTimeField(null=True, blank=True)
    join_request_declined_at = models.DateTimeField(null=True, blank=True)

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
    def join_request_pending(self) -> bool:
        return (
            self.join_requested_by_id is not None
            and self.join_request_declined_at is None
            and self.is_open
        )

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
    ARCHIVED = "archived", _("Kooperation gelöscht und archiviert")
    JOIN_REQUESTED = "join_requested", _("Beitritt unter anderer Adresse angefragt")
    JOIN_REQUEST_DECLINED = "join_request_declined", _("Beitrittsanfrage abgelehnt")
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
