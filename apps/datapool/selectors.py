"""Reads of the data pool. ``pool_for_member`` is the one access check: a person
whose organisations are not (invited or accepted, not left) members gets 404."""

from django.db.models import QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.datapool.models import AuditEntry, OverlapRun, Pool, PoolMember
from apps.organisations.models import Organisation, OrganisationMember, Role


def pools_of(*, user: User) -> QuerySet[Pool]:
    return (
        Pool.objects.filter(
            members__organisation__members__user=user, members__left_at__isnull=True
        )
        .distinct()
        .order_by("name")
    )


def pool_for_member(*, user: User, pk: int) -> Pool:
    """The pool with ``.mine`` (the user's member entries in it) and ``.participant``
    (one of them has accepted the agreement)."""
    pool = pools_of(user=user).filter(pk=pk).first()
    if pool is None:
        raise Http404
    pool.mine = list(  # type: ignore[attr-defined]
        PoolMember.objects.filter(
            pool=pool, left_at__isnull=True, organisation__members__user=user
        ).select_related("organisation")
    )
    pool.participant = any(m.accepted_at for m in pool.mine)  # type: ignore[attr-defined]
    return pool


def pool_for_participant(*, user: User, pk: int) -> Pool:
    """Like ``pool_for_member``, but only for people whose organisation has accepted
    the agreement: the figures, runs and log are not for organisations only invited."""
    pool = pool_for_member(user=user, pk=pk)
    if not getattr(pool, "participant", False):
        raise Http404
    return pool


def my_members(pool: Pool) -> list[PoolMember]:
    """The entries ``pool_for_member`` attached: the caller's organisations in the pool."""
    mine: list[PoolMember] = getattr(pool, "mine", [])
    return mine


def members_of(*, pool: Pool) -> list[PoolMember]:
    return list(
        PoolMember.objects.filter(pool=pool, left_at__isnull=True).select_related(
            "organisation", "accepted_by"
        )
    )


def active_organisations(*, pool: Pool) -> QuerySet[Organisation]:
    """Organisations that accepted the agreement and have not left."""
    return Organisation.objects.filter(
        pool_memberships__pool=pool,
        pool_memberships__accepted_at__isnull=False,
        pool_memberships__left_at__isnull=True,
    ).order_by("name")


def admin_organisations(*, user: User, pool: Pool) -> list[Organisation]:
    """The user's organisations in which they are an admin and that are active members."""
    return list(
        active_organisations(pool=pool).filter(members__user=user, members__role=Role.ADMIN)
    )


def role_in(*, user: User, organisation: Organisation) -> str | None:
    member = OrganisationMember.objects.filter(organisation=organisation, user=user).first()
    return member.role if member else None


def audit_of(*, pool: Pool) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(pool=pool).select_related("organisation", "user")


def runs_of(*, pool: Pool) -> QuerySet[OverlapRun]:
    # The protocol messages are large; list pages never load them.
    return (
        OverlapRun.objects.filter(pool=pool)
        .select_related("initiator", "responder", "started_by")
        .defer("salt", "a_blinded", "ab", "b_blinded", "ba")
    )


def run_for_member(*, pool: Pool, pk: int) -> OverlapRun:
    """A run of a pool the caller already passed ``pool_for_member`` for."""
    run = runs_of(pool=pool).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run
