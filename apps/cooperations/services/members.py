"""Members and roles: the coordination hands on its role or removes a member; a
change of members may complete the fit check or put a pending version in force."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import coordinator_gate, current_membership
from apps.cooperations.models import (
    Cooperation,
    EventKind,
    FitCheck,
    MemberRole,
    Membership,
    VersionStatus,
)
from apps.cooperations.services.agreements import put_in_force_if_accepted
from apps.cooperations.services.common import timeline_event
from apps.cooperations.services.fit_check import reveal_if_complete


def member_set_role(*, cooperation: Cooperation, by: User, member: User, role: str) -> Membership:
    """The coordination hands on or shares its role; one coordinator always remains."""
    coordinator_gate(cooperation=cooperation, user=by)
    if role not in MemberRole.values:
        raise ValidationError(_("Unbekannte Rolle."))
    with transaction.atomic():
        membership = current_membership(cooperation=cooperation, user=member)
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
        timeline_event(
            cooperation, by, EventKind.ROLE_CHANGED, member=member.get_full_name(), role=role
        )
    return membership


def member_remove(*, cooperation: Cooperation, by: User, member: User, reason: str) -> None:
    """The coordination removes a member (not itself: leaving goes through the exit)."""
    coordinator_gate(cooperation=cooperation, user=by)
    if member.pk == by.pk:
        raise ValidationError(
            _("Sie können sich nicht selbst entfernen. Nutzen Sie dafür den Ausstieg.")
        )
    if len(reason.strip()) < 10:
        raise ValidationError(_("Bitte nennen Sie den Grund in wenigen Worten."))
    with transaction.atomic():
        membership = current_membership(cooperation=cooperation, user=member)
        end_membership(membership)
        timeline_event(
            cooperation, by, EventKind.REMOVED, member=member.get_full_name(), reason=reason.strip()
        )
        after_membership_change(cooperation, by)


def end_membership(membership: Membership) -> None:
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


def after_membership_change(cooperation: Cooperation, actor: User | None) -> None:
    """Someone joined or left: the fit check or a pending version may now be complete."""
    fit_check = FitCheck.objects.filter(cooperation=cooperation).first()
    if fit_check is not None:
        reveal_if_complete(fit_check, actor)
    proposed = cooperation.agreement_versions.filter(status=VersionStatus.PROPOSED).first()
    if proposed is not None:
        put_in_force_if_accepted(proposed, actor)
