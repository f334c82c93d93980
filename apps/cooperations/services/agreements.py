"""The agreement: one draft edited by all members, proposed as numbered versions,
in force once every current member accepted, sealed by the hash chain."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations import integrity, receipts
from apps.cooperations.agreement_templates import REVIEW_DAYS, template_for
from apps.cooperations.gate import write_gate
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Commitment,
    Cooperation,
    CooperationStatus,
    EventKind,
    FitCheck,
    Membership,
    VersionStatus,
)
from apps.cooperations.services.common import current_user_ids, timeline_event
from wirwerk.lib.markdown import render_markdown
from wirwerk.lib.money import HUNDRED, equal_shares

# The fields a draft edits are exactly the ones the hash chain seals.
AGREEMENT_TEXT_FIELDS = AgreementVersion.CONTENT_FIELDS


class DraftConflict(Exception):
    """Someone else saved the draft after this form was loaded."""

    def __init__(self, current: AgreementVersion) -> None:
        super().__init__("draft changed")
        self.current = current


def agreement_draft(*, cooperation: Cooperation, user: User) -> AgreementVersion:
    """The cooperation's draft; started from the newest version or the kind's template."""
    write_gate(cooperation=cooperation, user=user)
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
    members = sorted(current_user_ids(cooperation))
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
    members = current_user_ids(draft.cooperation)
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
    write_gate(cooperation=cooperation, user=user)
    if draft.is_frozen:
        raise ValidationError(
            _("Diese Fassung ist kein Entwurf mehr und kann nicht geändert werden.")
        )
    _validate_commitments(commitments, current_user_ids(cooperation))
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
        timeline_event(cooperation, user, EventKind.DRAFT_SAVED)
    return draft


def agreement_draft_discard(*, draft: AgreementVersion, user: User) -> None:
    write_gate(cooperation=draft.cooperation, user=user)
    if draft.is_frozen:
        raise ValidationError(_("Nur Entwürfe können verworfen werden."))
    draft.delete()


def agreement_propose(*, draft: AgreementVersion, user: User) -> AgreementVersion:
    """Freeze the draft as the next numbered version; every current member must accept it.

    A version still pending is withdrawn: only the newest proposal counts.
    """
    cooperation = draft.cooperation
    write_gate(cooperation=cooperation, user=user)
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
        _validate_commitments(commitments, current_user_ids(cooperation))
        pending = cooperation.agreement_versions.filter(status=VersionStatus.PROPOSED).first()
        if pending is not None:
            pending.status = VersionStatus.WITHDRAWN
            pending.save(update_fields=["status", "updated_at"])
            timeline_event(cooperation, user, EventKind.VERSION_WITHDRAWN, number=pending.number)
        last = cooperation.agreement_versions.aggregate(last=Max("number"))["last"] or 0
        draft.number = last + 1
        draft.status = VersionStatus.PROPOSED
        draft.proposed_at = timezone.now()
        draft.proposed_by = user
        draft.save(update_fields=["number", "status", "proposed_at", "proposed_by", "updated_at"])
        timeline_event(cooperation, user, EventKind.VERSION_PROPOSED, number=draft.number)
    return draft


def agreement_withdraw(*, version: AgreementVersion, user: User) -> None:
    """Take back a pending version (to change it); the one in force stays in force."""
    write_gate(cooperation=version.cooperation, user=user)
    if version.status != VersionStatus.PROPOSED:
        raise ValidationError(_("Nur eine vorgelegte Fassung kann zurückgezogen werden."))
    with transaction.atomic():
        version.status = VersionStatus.WITHDRAWN
        version.save(update_fields=["status", "updated_at"])
        timeline_event(
            version.cooperation, user, EventKind.VERSION_WITHDRAWN, number=version.number
        )


def agreement_accept(*, version: AgreementVersion, user: User) -> Acceptance:
    """Accept a pending version; with the last acceptance it comes into force."""
    cooperation = version.cooperation
    already = ValidationError(_("Sie haben diese Fassung bereits angenommen."))
    try:
        with transaction.atomic():
            write_gate(cooperation=cooperation, user=user)
            # The row lock lines up simultaneous acceptances (a double click, several
            # tabs): each sees the status and the acceptances the one before left.
            locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
            if locked.status != VersionStatus.PROPOSED:
                raise ValidationError(_("Diese Fassung steht nicht zur Annahme."))
            if locked.acceptances.filter(user=user).exists():
                raise already
            acceptance = Acceptance.objects.create(
                version=locked, user=user, name=user.get_full_name(), accepted_at=timezone.now()
            )
            timeline_event(cooperation, user, EventKind.VERSION_ACCEPTED, number=version.number)
            put_in_force_if_accepted(locked, user)
    except IntegrityError as error:  # the same person twice at once, where locks are absent
        raise already from error
    version.refresh_from_db()
    return acceptance


def put_in_force_if_accepted(version: AgreementVersion, actor: User | None) -> None:
    cooperation = version.cooperation
    members = current_user_ids(cooperation)
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
    # Signed and rendered in the same UPDATE that puts it in force: afterwards the
    # guard holds, and pages show the stored HTML instead of parsing it again.
    integrity.sign_version(version)
    version.free_text_html = render_markdown(stored.free_text)
    version.save(
        update_fields=[
            "status",
            "in_force_at",
            "previous_hash",
            "content_hash",
            "signature",
            "signing_key",
            "free_text_html",
            "updated_at",
        ]
    )
    timeline_event(cooperation, actor, EventKind.VERSION_IN_FORCE, number=version.number)
    # Read inside the transaction: the members for whom this version came into force.
    recipients = [
        (m.user.get_full_name(), m.user.email)
        for m in Membership.objects.current()
        .filter(cooperation=cooperation)
        .select_related("user")
        .order_by("user_id")
        if m.user.email
    ]
    if not receipts.mail_is_paused():
        transaction.on_commit(lambda: receipts.send_receipts(version, recipients))
    if cooperation.status in (CooperationStatus.EXPLORING, CooperationStatus.FIT_CHECK):
        cooperation.status = CooperationStatus.AGREED
        cooperation.save(update_fields=["status", "updated_at"])
