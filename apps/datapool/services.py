"""Writes of the data pool: the pool and its agreement, membership, the overlap
runs (the server only stores and relays blinded messages and counts their matches)
and the demand counts. Every write leaves a line in the pool's audit log."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.datapool.agreement import agreement_text, text_hash
from apps.datapool.models import (
    AuditEntry,
    AuditKind,
    LegalBasis,
    OverlapRun,
    Pool,
    PoolMember,
    RunStatus,
)
from apps.organisations.models import Organisation
from apps.organisations.selectors import is_admin


def audit(
    *, pool: Pool, kind: str, user: User | None, organisation: Organisation | None, detail: str = ""
) -> None:
    AuditEntry.objects.create(
        pool=pool, kind=kind, user=user, organisation=organisation, detail=detail[:300]
    )


def require_admin(*, user: User, organisation: Organisation) -> None:
    if not is_admin(user=user, organisation=organisation):
        raise PermissionDenied(
            _("Nur die Verwaltung von „%(name)s“ darf das tun.") % {"name": organisation.name}
        )


def active_member(*, pool: Pool, organisation: Organisation) -> PoolMember:
    member = PoolMember.objects.filter(
        pool=pool, organisation=organisation, left_at__isnull=True, accepted_at__isnull=False
    ).first()
    if member is None:
        raise ValidationError(
            _(
                "„%(name)s“ nimmt am Datenpool nicht (mehr) teil oder hat die "
                "Vereinbarung noch nicht angenommen."
            )
            % {"name": organisation.name}
        )
    return member


# The pool and its members --------------------------------------------------------


@transaction.atomic
def pool_create(
    *,
    user: User,
    organisation: Organisation,
    name: str,
    purpose: str,
    legal_basis: str = LegalBasis.LEGITIMATE,
    partners: Sequence[Organisation] = (),
) -> Pool:
    """An admin founds a pool for their organisation and invites the partners; the
    founder's organisation accepts the agreement with the founding."""
    require_admin(user=user, organisation=organisation)
    pool = Pool(name=name, purpose=purpose, legal_basis=legal_basis, created_by=user)
    pool.agreement_text = agreement_text(
        name=name,
        purpose=purpose,
        legal_basis=str(LegalBasis(legal_basis).label),
        min_list_size=pool.min_list_size,
        k=pool.k,
    )
    pool.agreement_hash = text_hash(pool.agreement_text)
    pool.full_clean()
    pool.save()
    PoolMember.objects.create(pool=pool, organisation=organisation)
    audit(pool=pool, kind=AuditKind.CREATED, user=user, organisation=organisation, detail=name)
    pool_accept(user=user, pool=pool, organisation=organisation)
    for partner in partners:
        if partner.pk != organisation.pk:
            pool_invite(user=user, pool=pool, organisation=partner)
    return pool


@transaction.atomic
def pool_invite(*, user: User, pool: Pool, organisation: Organisation) -> PoolMember:
    """An admin of an active member invites another organisation (again, after leaving)."""
    if not any(
        is_admin(user=user, organisation=m.organisation)
        for m in PoolMember.objects.filter(
            pool=pool, left_at__isnull=True, accepted_at__isnull=False
        ).select_related("organisation")
    ):
        raise PermissionDenied(
            _("Nur die Verwaltung einer teilnehmenden Organisation darf einladen.")
        )
    member, created = PoolMember.objects.get_or_create(pool=pool, organisation=organisation)
    if not created and member.left_at is None:
        raise ValidationError(_("„%(name)s“ ist bereits eingeladen.") % {"name": organisation.name})
    if not created:
        member.left_at = member.accepted_at = member.accepted_by = None
        member.accepted_hash = ""
        member.invited_at = timezone.now()
        member.save()
    audit(pool=pool, kind=AuditKind.INVITED, user=user, organisation=organisation)
    return member


@transaction.atomic
def pool_accept(*, user: User, pool: Pool, organisation: Organisation) -> PoolMember:
    """The organisation's admin accepts the agreement text; who, when and the text's
    hash are recorded."""
    require_admin(user=user, organisation=organisation)
    member = (
        PoolMember.objects.select_for_update()
        .filter(pool=pool, organisation=organisation, left_at__isnull=True)
        .first()
    )
    if member is None:
        raise ValidationError(_("Diese Organisation ist nicht eingeladen."))
    if member.accepted_at is not None:
        raise ValidationError(_("Die Vereinbarung ist bereits angenommen."))
    member.accepted_by = user
    member.accepted_at = timezone.now()
    member.accepted_hash = text_hash(pool.agreement_text)
    member.save(update_fields=["accepted_by", "accepted_at", "accepted_hash"])
    audit(
        pool=pool,
        kind=AuditKind.ACCEPTED,
        user=user,
        organisation=organisation,
        detail=f"SHA-256 {member.accepted_hash[:16]}…",
    )
    return member


@transaction.atomic
def pool_leave(*, user: User, pool: Pool, organisation: Organisation) -> None:
    """The organisation leaves; its open runs are cancelled, its counts stay in the log."""
    require_admin(user=user, organisation=organisation)
    updated = PoolMember.objects.filter(
        pool=pool, organisation=organisation, left_at__isnull=True
    ).update(left_at=timezone.now())
    if not updated:
        raise ValidationError(_("Diese Organisation ist nicht im Datenpool."))
    open_runs = OverlapRun.objects.filter(
        pool=pool, status__in=[RunStatus.WAITING, RunStatus.ANSWERED]
    ).filter(Q(initiator=organisation) | Q(responder=organisation))
    for run in open_runs:
        run.status = RunStatus.CANCELLED
        run.save(update_fields=["status"])
        audit(
            pool=pool,
            kind=AuditKind.RUN_CANCELLED,
            user=user,
            organisation=organisation,
            detail=_("Abgleich Nr. %(pk)s") % {"pk": run.pk},
        )
    audit(pool=pool, kind=AuditKind.LEFT, user=user, organisation=organisation)
