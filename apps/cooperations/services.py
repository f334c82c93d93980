"""Every write of a cooperation: members, invitations, lifecycle, fit check,
agreement versions and the exit.

Each service checks who may act (``PermissionDenied`` with a message for members
without the right role; non-members never get here because the selectors answer
404), refuses writes to an ended cooperation, and writes an audit event.
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations import integrity
from apps.cooperations.agreement_templates import REVIEW_DAYS, template_for
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Commitment,
    Cooperation,
    CooperationStatus,
    Event,
    EventKind,
    ExitKind,
    ExitProcess,
    FitCheck,
    FitCheckAnswer,
    Invitation,
    MemberRole,
    Membership,
    Retrospective,
    VersionStatus,
)
from apps.network.selectors import are_connected, is_blocked_between

INVITATION_VALID_FOR = timedelta(days=14)
# The fields a draft edits are exactly the ones the hash chain seals.
AGREEMENT_TEXT_FIELDS = AgreementVersion.CONTENT_FIELDS
HUNDRED = Decimal(100)


# Helpers ----------------------------------------------------------------------


def _event(cooperation: Cooperation, actor: User | None, kind: str, **params: Any) -> Event:
    now = timezone.now()
    event = Event.objects.create(
        cooperation=cooperation, actor=actor, kind=kind, params=params, created_at=now
    )
    activity_record(cooperation=cooperation, at=now)
    return event


def activity_record(*, cooperation: Cooperation, at: datetime | None = None) -> None:
    """Something happened in the cooperation that is no timeline event (for other apps,
    e.g. a logged contribution): it counts as activity (``last_activity_at``)."""
    now = at or timezone.now()
    Cooperation.objects.filter(pk=cooperation.pk).update(last_activity_at=now)
    cooperation.last_activity_at = now


def event_record(
    *, cooperation: Cooperation, actor: User | None, kind: str, **params: Any
) -> Event:
    """Write an event to the cooperation's timeline (for other apps: meetings, …).

    It also counts as activity (``last_activity_at``). Call it inside the writing
    transaction; ``params`` are JSON-able, ``item`` is shown next to the event.
    """
    return _event(cooperation, actor, kind, **params)


def ensure_open(cooperation: Cooperation) -> None:
    """Refuse (``ValidationError``) any write to an ended, read-only cooperation."""
    _ensure_open(cooperation)


def _ensure_open(cooperation: Cooperation) -> None:
    if cooperation.is_ended:
        raise ValidationError(_("Diese Kooperation ist beendet und kann nur noch gelesen werden."))


def _membership(cooperation: Cooperation, user: User) -> Membership:
    membership = Membership.objects.current().filter(cooperation=cooperation, user=user).first()
    if membership is None:
        raise PermissionDenied(_("Das können nur aktuelle Mitglieder der Kooperation."))
    return membership


def _ensure_coordinator(cooperation: Cooperation, user: User) -> Membership:
    membership = _membership(cooperation, user)
    if not membership.is_coordinator:
        raise PermissionDenied(_("Das kann nur die Koordination der Kooperation."))
    return membership


def _current_user_ids(cooperation: Cooperation) -> set[int]:
    return set(
        Membership.objects.current()
        .filter(cooperation=cooperation)
        .values_list("user_id", flat=True)
    )


def _after_membership_change(cooperation: Cooperation, actor: User | None) -> None:
    """Someone joined or left: the fit check or a pending version may now be complete."""
    fit_check = FitCheck.objects.filter(cooperation=cooperation).first()
    if fit_check is not None:
        _reveal_if_complete(fit_check, actor)
    proposed = cooperation.agreement_versions.filter(status=VersionStatus.PROPOSED).first()
    if proposed is not None:
        _put_in_force_if_accepted(proposed, actor)


# Cooperation and members ------------------------------------------------------


def cooperation_create(
    *, founder: User, title: str, purpose: str, kind: str, invite: User | None = None
) -> Cooperation:
    """Start a cooperation; the founder coordinates it. ``invite`` must be a connection."""
    with transaction.atomic():
        cooperation = Cooperation(
            title=title.strip(), purpose=purpose.strip(), kind=kind, created_by=founder
        )
        cooperation.full_clean()
        cooperation.save()
        Membership.objects.create(
            cooperation=cooperation, user=founder, role=MemberRole.COORDINATOR
        )
        _event(cooperation, founder, EventKind.CREATED, title=cooperation.title)
        if invite is not None:
            invitation_create(cooperation=cooperation, inviter=founder, invitee=invite)
    return cooperation


def cooperation_update(
    *, cooperation: Cooperation, user: User, title: str, purpose: str, kind: str
) -> Cooperation:
    """Title, purpose and kind: the coordination keeps them current."""
    _ensure_open(cooperation)
    _ensure_coordinator(cooperation, user)
    with transaction.atomic():
        cooperation.title, cooperation.purpose, cooperation.kind = (
            title.strip(),
            purpose.strip(),
            kind,
        )
        cooperation.full_clean()
        cooperation.save(update_fields=["title", "purpose", "kind", "updated_at"])
        _event(cooperation, user, EventKind.UPDATED)
    return cooperation


def member_set_role(*, cooperation: Cooperation, by: User, member: User, role: str) -> Membership:
    """The coordination hands on or shares its role; one coordinator always remains."""
    _ensure_open(cooperation)
    _ensure_coordinator(cooperation, by)
    if role not in MemberRole.values:
        raise ValidationError(_("Unbekannte Rolle."))
    with transaction.atomic():
        membership = _membership(cooperation, member)
        if role == MemberRole.MEMBER and membership.is_coordinator:
            others = (
                Membership.objects.current()
                .filter(cooperation=cooperation, role=MemberRole.COORDINATOR)
                .exclude(pk=membership.pk)
            )
            if not others.exists():
                raise ValidationError(
                    _("Mindestens eine Person muss die Kooperation koordinieren.")
                )
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        _event(cooperation, by, EventKind.ROLE_CHANGED, member=member.get_full_name(), role=role)
    return membership


def member_remove(*, cooperation: Cooperation, by: User, member: User, reason: str) -> None:
    """The coordination removes a member (not itself: leaving goes through the exit)."""
    _ensure_open(cooperation)
    _ensure_coordinator(cooperation, by)
    if member.pk == by.pk:
        raise ValidationError(
            _("Sie können sich nicht selbst entfernen. Nutzen Sie dafür den Ausstieg.")
        )
    if len(reason.strip()) < 10:
        raise ValidationError(_("Bitte nennen Sie den Grund in wenigen Worten."))
    with transaction.atomic():
        membership = _membership(cooperation, member)
        _end_membership(membership)
        _event(
            cooperation, by, EventKind.REMOVED, member=member.get_full_name(), reason=reason.strip()
        )
        _after_membership_change(cooperation, by)


def _end_membership(membership: Membership) -> None:
    """Mark the membership as ended; a leaving sole coordinator hands on the role."""
    was_coordinator = membership.is_coordinator
    membership.left_at = timezone.now()
    membership.role = MemberRole.MEMBER
    membership.save(update_fields=["left_at", "role", "updated_at"])
    remaining = Membership.objects.current().filter(cooperation_id=membership.cooperation_id)
    if was_coordinator and not remaining.filter(role=MemberRole.COORDINATOR).exists():
        successor = remaining.order_by("created_at", "pk").first()
        if successor is not None:
            successor.role = MemberRole.COORDINATOR
            successor.save(update_fields=["role", "updated_at"])


# Invitations ------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *, cooperation: Cooperation, inviter: User, invitee: User, message: str = ""
) -> Invitation:
    """Invite one of the coordinator's connections."""
    _ensure_open(cooperation)
    _ensure_coordinator(cooperation, inviter)
    if not are_connected(a=inviter, b=invitee) or is_blocked_between(a=inviter, b=invitee):
        raise ValidationError(_("Sie können nur Personen einladen, mit denen Sie verbunden sind."))
    if invitee.pk in _current_user_ids(cooperation):
        raise ValidationError(_("%(name)s ist bereits Mitglied.") % {"name": invitee})
    if cooperation.invitations.open().filter(invitee=invitee).exists():
        raise ValidationError(_("%(name)s ist bereits eingeladen.") % {"name": invitee})
    with transaction.atomic():
        invitation = Invitation.objects.create(
            cooperation=cooperation,
            invited_by=inviter,
            invitee=invitee,
            message=message.strip(),
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        _event(cooperation, inviter, EventKind.INVITED, invitee=invitee.get_full_name())
    return invitation


def invitation_create_by_email(
    *, cooperation: Cooperation, inviter: User, email: str, message: str = ""
) -> tuple[Invitation, str]:
    """Invite by e-mail link: single use, valid for 14 days. Returns the secret token."""
    _ensure_open(cooperation)
    _ensure_coordinator(cooperation, inviter)
    email = email.strip().lower()
    if cooperation.memberships.current().filter(user__email__iexact=email).exists():
        raise ValidationError(_("Diese Person ist bereits Mitglied."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation(
            cooperation=cooperation,
            invited_by=inviter,
            email=email,
            token_hash=_token_hash(token),
            message=message.strip(),
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        invitation.full_clean()
        invitation.save()
        _event(cooperation, inviter, EventKind.INVITED, invitee=email)
        link = settings.SITE_URL + reverse("cooperations:invitation-link", args=[token])
        context = {"invitation": invitation, "link": link, "inviter": inviter}
        subject = _("%(name)s lädt Sie zur Kooperation „%(title)s“ ein") % {
            "name": inviter.get_full_name(),
            "title": cooperation.title,
        }
        body = render_to_string("cooperations/email/invitation.txt", context)
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("cooperation", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join: personal invitations only by the invitee, e-mail links once, before expiry."""
    if invitation.invitee_id is not None and invitation.invitee_id != user.pk:
        raise PermissionDenied(_("Diese Einladung gilt einer anderen Person."))
    if not invitation.is_open:
        raise ValidationError(_("Diese Einladung ist abgelaufen oder wurde schon verwendet."))
    cooperation = invitation.cooperation
    _ensure_open(cooperation)
    with transaction.atomic():
        # Single use even when two people open the same link at once.
        used = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), accepted_by=user
        )
        if not used:
            raise ValidationError(_("Diese Einladung ist abgelaufen oder wurde schon verwendet."))
        membership, created = Membership.objects.get_or_create(cooperation=cooperation, user=user)
        if not created:
            if membership.left_at is None:
                raise ValidationError(_("Sie sind bereits Mitglied dieser Kooperation."))
            membership.left_at = None
            membership.save(update_fields=["left_at", "updated_at"])
        _event(cooperation, user, EventKind.JOINED, member=user.get_full_name())
        _after_membership_change(cooperation, user)
    return membership


def invitation_decline(*, invitation: Invitation, user: User) -> None:
    if invitation.invitee_id != user.pk:
        raise PermissionDenied(_("Diese Einladung gilt einer anderen Person."))
    if not invitation.is_open:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    with transaction.atomic():
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at", "updated_at"])
        _event(
            invitation.cooperation, user, EventKind.INVITATION_DECLINED, member=user.get_full_name()
        )


def invitation_revoke(*, invitation: Invitation, user: User) -> None:
    cooperation = invitation.cooperation
    _ensure_coordinator(cooperation, user)
    if not invitation.is_open:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        _event(
            cooperation,
            user,
            EventKind.INVITATION_REVOKED,
            invitee=str(invitation.invitee or invitation.email),
        )


# Fit check --------------------------------------------------------------------


def fit_check_start(*, cooperation: Cooperation, user: User) -> FitCheck:
    """exploring → fit_check: the coordination starts it once there are two members."""
    _ensure_open(cooperation)
    _ensure_coordinator(cooperation, user)
    if cooperation.status != CooperationStatus.EXPLORING:
        raise ValidationError(_("Der Passungscheck läuft bereits oder ist abgeschlossen."))
    if len(_current_user_ids(cooperation)) < 2:
        raise ValidationError(
            _("Für den Passungscheck braucht es mindestens zwei Mitglieder. Laden Sie erst ein.")
        )
    with transaction.atomic():
        fit_check = FitCheck.objects.create(cooperation=cooperation, started_by=user)
        cooperation.status = CooperationStatus.FIT_CHECK
        cooperation.save(update_fields=["status", "updated_at"])
        _event(cooperation, user, EventKind.FIT_CHECK_STARTED)
    return fit_check


FIT_CHECK_FIELDS = (
    "goals",
    "result_in_12_months",
    "hours_per_month",
    "money_expectation",
    "money_note",
    "decision_style",
    "risk_appetite",
    "communication_rhythm",
    "values",
    "personality",
    "behaviour",
    "culture",
    "organisation",
)


def fit_check_answer(*, fit_check: FitCheck, user: User, data: dict[str, Any]) -> FitCheckAnswer:
    """Answer (or change one's answer) until everyone has answered; then it is shown."""
    cooperation = fit_check.cooperation
    _ensure_open(cooperation)
    _membership(cooperation, user)
    existing = FitCheckAnswer.objects.filter(fit_check=fit_check, user=user).first()
    if existing is not None and fit_check.revealed_at is not None:
        raise ValidationError(
            _("Die Antworten sind schon für alle sichtbar und können nicht mehr geändert werden.")
        )
    with transaction.atomic():
        answer = existing or FitCheckAnswer(fit_check=fit_check, user=user)
        for name in FIT_CHECK_FIELDS:
            setattr(answer, name, data[name])
        answer.full_clean()
        answer.save()
        if existing is None:
            _event(cooperation, user, EventKind.FIT_CHECK_ANSWERED, member=user.get_full_name())
        _reveal_if_complete(fit_check, user)
    return answer


def _reveal_if_complete(fit_check: FitCheck, actor: User | None) -> None:
    if fit_check.revealed_at is not None:
        return
    cooperation = fit_check.cooperation
    members = _current_user_ids(cooperation)
    answered = set(fit_check.answers.values_list("user_id", flat=True))
    if len(members) >= 2 and members <= answered:
        fit_check.revealed_at = timezone.now()
        fit_check.save(update_fields=["revealed_at", "updated_at"])
        _event(cooperation, actor, EventKind.FIT_CHECK_REVEALED)


# Agreement --------------------------------------------------------------------


class DraftConflict(Exception):
    """Someone else saved the draft after this form was loaded."""

    def __init__(self, current: AgreementVersion) -> None:
        super().__init__("draft changed")
        self.current = current


def equal_shares(count: int) -> list[Decimal]:
    """100 % split into ``count`` parts of two decimals that add up exactly (largest remainder)."""
    if count <= 0:
        return []
    base = (HUNDRED / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    shares = [base] * count
    rest = HUNDRED - base * count
    for i in range(int(rest / Decimal("0.01"))):
        shares[i] += Decimal("0.01")
    return shares


def agreement_draft(*, cooperation: Cooperation, user: User) -> AgreementVersion:
    """The cooperation's draft; started from the newest version or the kind's template."""
    _ensure_open(cooperation)
    _membership(cooperation, user)
    with transaction.atomic():
        draft = cooperation.agreement_versions.filter(status=VersionStatus.DRAFT).first()
        if draft is None:
            draft = _draft_new(cooperation, user)
        _sync_commitments(draft)
    return draft


def _draft_new(cooperation: Cooperation, user: User) -> AgreementVersion:
    source = (
        cooperation.agreement_versions.exclude(status=VersionStatus.DRAFT)
        .order_by("-number")
        .prefetch_related("commitments")
        .first()
    )
    draft = AgreementVersion(cooperation=cooperation, edited_by=user)
    if source is not None:
        for name in AGREEMENT_TEXT_FIELDS:
            setattr(draft, name, getattr(source, name))
        draft.save()
        Commitment.objects.bulk_create(
            Commitment(
                version=draft,
                user_id=c.user_id,
                hours_per_month=c.hours_per_month,
                resources=c.resources,
                revenue_share=c.revenue_share,
                cost_share=c.cost_share,
            )
            for c in source.commitments.all()
        )
        return draft
    for name, text in template_for(cooperation.kind).items():
        setattr(draft, name, text)
    draft.starts_on = timezone.localdate()
    fit_check = FitCheck.objects.filter(cooperation=cooperation).first()
    answers = {a.user_id: a for a in fit_check.answers.all()} if fit_check else {}
    rhythms = [a.communication_rhythm for a in answers.values()]
    if rhythms:
        draft.review_every_days = min(REVIEW_DAYS[r] for r in rhythms)  # type: ignore[index]
    draft.save()
    members = sorted(_current_user_ids(cooperation))
    shares = equal_shares(len(members))
    Commitment.objects.bulk_create(
        Commitment(
            version=draft,
            user_id=member_id,
            hours_per_month=Decimal(answers[member_id].hours_per_month)
            if member_id in answers
            else Decimal(0),
            revenue_share=share,
            cost_share=share,
        )
        for member_id, share in zip(members, shares, strict=True)
    )
    return draft


def _sync_commitments(draft: AgreementVersion) -> None:
    """One commitment per current member: newcomers get a row, leavers lose theirs."""
    members = _current_user_ids(draft.cooperation)
    present = set(draft.commitments.values_list("user_id", flat=True))
    draft.commitments.exclude(user_id__in=members).delete()
    Commitment.objects.bulk_create(
        Commitment(version=draft, user_id=member_id) for member_id in members - present
    )


def _validate_commitments(commitments: dict[int, dict[str, Any]], members: set[int]) -> None:
    if set(commitments) != members:
        raise ValidationError(
            _("Die Mitglieder haben sich geändert. Bitte laden Sie den Entwurf neu.")
        )
    for field, label in (("revenue_share", _("Umsatz")), ("cost_share", _("Kosten"))):
        total = sum((Decimal(c[field]) for c in commitments.values()), Decimal(0))
        if total != HUNDRED:
            raise ValidationError(
                _("Die Anteile am %(what)s ergeben zusammen %(total)s %% statt 100 %%.")
                % {"what": label, "total": f"{total:.2f}".replace(".", ",")},
                code="split_key",
            )


def agreement_draft_save(
    *,
    draft: AgreementVersion,
    user: User,
    revision: int,
    fields: dict[str, Any],
    commitments: dict[int, dict[str, Any]],
) -> AgreementVersion:
    """Save the draft unless someone saved it since ``revision`` (then ``DraftConflict``).

    The conflict leaves the stored draft as it is; the caller shows it beside the
    user's own text, so nothing typed is lost.
    """
    cooperation = draft.cooperation
    _ensure_open(cooperation)
    _membership(cooperation, user)
    if draft.is_frozen:
        raise ValidationError(
            _("Diese Fassung ist kein Entwurf mehr und kann nicht geändert werden.")
        )
    _validate_commitments(commitments, _current_user_ids(cooperation))
    candidate = AgreementVersion(cooperation=cooperation, **fields)
    candidate.full_clean(exclude=["cooperation", "number"], validate_unique=False)
    with transaction.atomic():
        updated = AgreementVersion.objects.filter(
            pk=draft.pk, revision=revision, status=VersionStatus.DRAFT
        ).update(**fields, edited_by=user, revision=F("revision") + 1, updated_at=timezone.now())
        if not updated:
            raise DraftConflict(AgreementVersion.objects.get(pk=draft.pk))
        for commitment in draft.commitments.all():
            values = commitments[commitment.user_id]
            for name in ("hours_per_month", "resources", "revenue_share", "cost_share"):
                setattr(commitment, name, values[name])
            commitment.full_clean(exclude=["version", "user"])
            commitment.save()
        draft.refresh_from_db()
        _event(cooperation, user, EventKind.DRAFT_SAVED)
    return draft


def agreement_draft_discard(*, draft: AgreementVersion, user: User) -> None:
    _ensure_open(draft.cooperation)
    _membership(draft.cooperation, user)
    if draft.is_frozen:
        raise ValidationError(_("Nur Entwürfe können verworfen werden."))
    draft.delete()


def agreement_propose(*, draft: AgreementVersion, user: User) -> AgreementVersion:
    """Freeze the draft as the next numbered version; every current member must accept it.

    A version still pending is withdrawn: only the newest proposal counts.
    """
    cooperation = draft.cooperation
    _ensure_open(cooperation)
    _membership(cooperation, user)
    if draft.is_frozen:
        raise ValidationError(_("Diese Fassung wurde bereits vorgelegt."))
    if not draft.goals.strip():
        raise ValidationError(_("Bitte beschreiben Sie die Ziele, bevor Sie vorlegen."))
    with transaction.atomic():
        _sync_commitments(draft)
        commitments = {
            c.user_id: {"revenue_share": c.revenue_share, "cost_share": c.cost_share}
            for c in draft.commitments.all()
        }
        _validate_commitments(commitments, _current_user_ids(cooperation))
        pending = cooperation.agreement_versions.filter(status=VersionStatus.PROPOSED).first()
        if pending is not None:
            pending.status = VersionStatus.WITHDRAWN
            pending.save(update_fields=["status", "updated_at"])
            _event(cooperation, user, EventKind.VERSION_WITHDRAWN, number=pending.number)
        last = cooperation.agreement_versions.aggregate(last=Max("number"))["last"] or 0
        draft.number = last + 1
        draft.status = VersionStatus.PROPOSED
        draft.proposed_at = timezone.now()
        draft.proposed_by = user
        draft.save(update_fields=["number", "status", "proposed_at", "proposed_by", "updated_at"])
        _event(cooperation, user, EventKind.VERSION_PROPOSED, number=draft.number)
    return draft


def agreement_withdraw(*, version: AgreementVersion, user: User) -> None:
    """Take back a pending version (to change it); the one in force stays in force."""
    _ensure_open(version.cooperation)
    _membership(version.cooperation, user)
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(_("Nur eine vorgelegte Fassung kann zurückgezogen werden."))
    with transaction.atomic():
        version.status = VersionStatus.WITHDRAWN
        version.save(update_fields=["status", "updated_at"])
        _event(version.cooperation, user, EventKind.VERSION_WITHDRAWN, number=version.number)


def agreement_accept(*, version: AgreementVersion, user: User) -> Acceptance:
    """Accept a pending version; with the last acceptance it comes into force."""
    cooperation = version.cooperation
    _ensure_open(cooperation)
    _membership(cooperation, user)
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(_("Diese Fassung steht nicht zur Annahme."))
    if version.acceptances.filter(user=user).exists():
        raise ValidationError(_("Sie haben diese Fassung bereits angenommen."))
    with transaction.atomic():
        acceptance = Acceptance.objects.create(
            version=version, user=user, name=user.get_full_name(), accepted_at=timezone.now()
        )
        _event(cooperation, user, EventKind.VERSION_ACCEPTED, number=version.number)
        _put_in_force_if_accepted(version, user)
    return acceptance


def _put_in_force_if_accepted(version: AgreementVersion, actor: User | None) -> None:
    cooperation = version.cooperation
    members = _current_user_ids(cooperation)
    accepted = set(version.acceptances.values_list("user_id", flat=True))
    if not members or not members <= accepted:
        return
    previous = cooperation.agreement_versions.accepted().order_by("-number").first()
    if previous is not None and previous.status == VersionStatus.IN_FORCE:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
    version.status = VersionStatus.IN_FORCE
    version.in_force_at = timezone.now()
    version.previous_hash = previous.content_hash if previous is not None else ""
    # Hash what is stored, not what a view may have prefetched before the last acceptance.
    stored = AgreementVersion.objects.get(pk=version.pk)
    version.content_hash = integrity.version_hash(stored, previous_hash=version.previous_hash)
    version.save(
        update_fields=["status", "in_force_at", "previous_hash", "content_hash", "updated_at"]
    )
    _event(cooperation, actor, EventKind.VERSION_IN_FORCE, number=version.number)
    if cooperation.status in (CooperationStatus.EXPLORING, CooperationStatus.FIT_CHECK):
        cooperation.status = CooperationStatus.AGREED
        cooperation.save(update_fields=["status", "updated_at"])


# Exit -------------------------------------------------------------------------


def exit_propose(*, cooperation: Cooperation, user: User, kind: str, reason: str) -> ExitProcess:
    """Any member may propose to end the cooperation or to leave it; it opens the checklist."""
    _ensure_open(cooperation)
    _membership(cooperation, user)
    if len(reason.strip()) < 10:
        raise ValidationError(_("Bitte sagen Sie in ein paar Worten, warum."))
    if cooperation.exits.filter(completed_at__isnull=True, cancelled_at__isnull=True).exists():
        raise ValidationError(_("Es läuft bereits ein Ausstieg. Bitte schließen Sie ihn erst ab."))
    with transaction.atomic():
        exit_process = ExitProcess(
            cooperation=cooperation,
            kind=kind,
            proposed_by=user,
            leaving_user=user if kind == ExitKind.LEAVE else None,
            reason=reason.strip(),
        )
        exit_process.full_clean()
        exit_process.save()
        _event(cooperation, user, EventKind.EXIT_PROPOSED, exit_kind=kind, reason=reason.strip())
    return exit_process


CHECKLIST_FIELDS = (
    "settlement",
    "settlement_note",
    "resources",
    "resources_note",
    "clients",
    "clients_note",
    "data_decision",
    "data_note",
)


def exit_checklist_update(
    *, exit_process: ExitProcess, user: User, data: dict[str, Any]
) -> ExitProcess:
    cooperation = exit_process.cooperation
    _ensure_open(cooperation)
    _membership(cooperation, user)
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    for name in CHECKLIST_FIELDS:
        setattr(exit_process, name, data[name])
    exit_process.full_clean()
    exit_process.save(update_fields=[*CHECKLIST_FIELDS, "updated_at"])
    return exit_process


def exit_retrospective_save(
    *, exit_process: ExitProcess, user: User, data: dict[str, Any]
) -> Retrospective:
    _ensure_open(exit_process.cooperation)
    _membership(exit_process.cooperation, user)
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    retrospective = Retrospective.objects.filter(
        exit=exit_process, user=user
    ).first() or Retrospective(exit=exit_process, user=user)
    for name, value in data.items():
        setattr(retrospective, name, value)
    retrospective.full_clean()
    retrospective.save()
    return retrospective


def exit_cancel(*, exit_process: ExitProcess, user: User) -> None:
    _ensure_open(exit_process.cooperation)
    _membership(exit_process.cooperation, user)
    if user.pk not in (exit_process.proposed_by_id, exit_process.leaving_user_id):
        raise PermissionDenied(_("Nur wer den Ausstieg vorgeschlagen hat, kann ihn abbrechen."))
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    with transaction.atomic():
        exit_process.cancelled_at = timezone.now()
        exit_process.save(update_fields=["cancelled_at", "updated_at"])
        _event(exit_process.cooperation, user, EventKind.EXIT_CANCELLED)


def exit_complete(*, exit_process: ExitProcess, user: User) -> None:
    """Finish the exit once every checklist item is done or marked as not applicable.

    Ending makes the cooperation read-only for everyone; leaving ends one membership,
    and a cooperation left with a single member ends too.
    """
    cooperation = exit_process.cooperation
    _ensure_open(cooperation)
    _membership(cooperation, user)
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    if exit_process.kind == ExitKind.LEAVE and user.pk != exit_process.leaving_user_id:
        raise PermissionDenied(_("Den Austritt schließt die Person ab, die geht."))
    if exit_process.open_items:
        raise ValidationError(
            _("Bitte haken Sie erst alle Punkte der Checkliste ab (erledigt oder entfällt).")
        )
    with transaction.atomic():
        exit_process.completed_at = timezone.now()
        exit_process.save(update_fields=["completed_at", "updated_at"])
        _event(cooperation, user, EventKind.EXIT_COMPLETED, exit_kind=exit_process.kind)
        if exit_process.kind == ExitKind.LEAVE:
            _end_membership(_membership(cooperation, user))
            _event(cooperation, user, EventKind.LEFT, member=user.get_full_name())
            if len(_current_user_ids(cooperation)) >= 2:
                _after_membership_change(cooperation, user)
                return
        _cooperation_end(cooperation, user)


def _cooperation_end(cooperation: Cooperation, user: User) -> None:
    cooperation.status = CooperationStatus.ENDED
    cooperation.ended_at = timezone.now()
    cooperation.save(update_fields=["status", "ended_at", "updated_at"])
    cooperation.agreement_versions.filter(
        status__in=(VersionStatus.DRAFT, VersionStatus.PROPOSED)
    ).update(status=VersionStatus.WITHDRAWN)
    cooperation.invitations.open().update(revoked_at=timezone.now())
    _event(cooperation, user, EventKind.ENDED)
