"""The cooperation itself: founded, kept current by the coordination, ended."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import NOT_COORDINATOR_MESSAGE, coordinator_gate, current_membership
from apps.cooperations.models import (
    Cooperation,
    CooperationStatus,
    EventKind,
    MemberRole,
    Membership,
    VersionStatus,
)
from apps.cooperations.services.common import timeline_event
from apps.cooperations.services.invitations import invitation_create


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
        timeline_event(cooperation, founder, EventKind.CREATED, title=cooperation.title)
        if invite is not None:
            invitation_create(cooperation=cooperation, inviter=founder, invitee=invite)
    return cooperation


def cooperation_update(
    *, cooperation: Cooperation, user: User, title: str, purpose: str, kind: str
) -> Cooperation:
    """Title, purpose and kind: the coordination keeps them current."""
    coordinator_gate(cooperation=cooperation, user=user)
    with transaction.atomic():
        cooperation.title, cooperation.purpose, cooperation.kind = (
            title.strip(),
            purpose.strip(),
            kind,
        )
        cooperation.full_clean()
        cooperation.save(update_fields=["title", "purpose", "kind", "updated_at"])
        timeline_event(cooperation, user, EventKind.UPDATED)
    return cooperation


def cooperation_end(cooperation: Cooperation, user: User) -> None:
    cooperation.status = CooperationStatus.ENDED
    cooperation.ended_at = timezone.now()
    cooperation.save(update_fields=["status", "ended_at", "updated_at"])
    cooperation.agreement_versions.filter(
        status__in=(VersionStatus.DRAFT, VersionStatus.PROPOSED)
    ).update(status=VersionStatus.WITHDRAWN)
    cooperation.invitations.open().update(revoked_at=timezone.now())
    timeline_event(cooperation, user, EventKind.ENDED)


def cooperation_archive(*, cooperation: Cooperation, user: User) -> Cooperation:
    """ "Delete" a cooperation: it is archived, never removed.

    Only the coordination does it, on a running or an ended cooperation. A running one
    ends first (drafts and pending versions withdrawn, open invitations revoked). The
    cooperation then reads for every member and former member as before, nobody can
    change anything, and it leaves the lists of running cooperations for "Archiviert".
    Agreements, acceptances, the ledger and decisions stay as they are.
    """
    membership = current_membership(cooperation=cooperation, user=user)
    if not membership.is_coordinator:
        raise PermissionDenied(_(NOT_COORDINATOR_MESSAGE))
    with transaction.atomic():
        locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
        if locked.is_archived:
            raise ValidationError(_("Diese Kooperation ist bereits archiviert."))
        if not locked.is_ended:
            cooperation_end(locked, user)
        locked.archived_at = timezone.now()
        locked.save(update_fields=["archived_at", "updated_at"])
        timeline_event(locked, user, EventKind.ARCHIVED)
    cooperation.refresh_from_db()
    return cooperation
