"""The one gate for "may this user write in this cooperation now".

Every service that changes something inside a cooperation asks ``write_gate`` (or
``coordinator_gate`` for what only the coordination does); every view and template
asks ``can_write`` / ``can_coordinate`` (the same rules, as booleans, on the
membership the access helper already loaded; views hand them to templates with
``permissions``). Nobody re-types the rule.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, Membership

ENDED_MESSAGE = gettext_noop("Diese Kooperation ist beendet und kann nur noch gelesen werden.")
NOT_MEMBER_MESSAGE = gettext_noop("Das können nur aktuelle Mitglieder der Kooperation.")
NOT_COORDINATOR_MESSAGE = gettext_noop("Das kann nur die Koordination der Kooperation.")


def ensure_open(cooperation: Cooperation) -> None:
    """Refuse (``ValidationError``) any write to an ended, read-only cooperation."""
    if cooperation.is_ended:
        raise ValidationError(_(ENDED_MESSAGE))


def current_membership(*, cooperation: Cooperation, user: User) -> Membership:
    """The user's current membership, or ``PermissionDenied`` (former members, outsiders)."""
    membership = Membership.objects.current().filter(cooperation=cooperation, user=user).first()
    if membership is None:
        raise PermissionDenied(_(NOT_MEMBER_MESSAGE))
    return membership


def write_gate(*, cooperation: Cooperation, user: User) -> Membership:
    """The writer's current membership, or the refusal with its one German message.

    An ended cooperation refuses everyone (``ValidationError``); a former member
    or an outsider is refused (``PermissionDenied``).
    """
    ensure_open(cooperation)
    return current_membership(cooperation=cooperation, user=user)


def coordinator_gate(*, cooperation: Cooperation, user: User) -> Membership:
    """``write_gate``, and the writer coordinates the cooperation (``PermissionDenied``)."""
    membership = write_gate(cooperation=cooperation, user=user)
    if not membership.is_coordinator:
        raise PermissionDenied(_(NOT_COORDINATOR_MESSAGE))
    return membership


def can_write(cooperation: Cooperation) -> bool:
    """The same rule for a cooperation from ``cooperation_for_member`` (no query)."""
    membership = cooperation.membership  # type: ignore[attr-defined]
    return bool(membership.is_current and not cooperation.is_ended)


def can_coordinate(cooperation: Cooperation) -> bool:
    """``coordinator_gate`` as a boolean, for a cooperation from ``cooperation_for_member``."""
    membership = cooperation.membership  # type: ignore[attr-defined]
    return can_write(cooperation) and bool(membership.is_coordinator)


def permissions(cooperation: Cooperation) -> dict[str, bool]:
    """``can_write`` and ``can_coordinate`` for a template's context."""
    return {"can_write": can_write(cooperation), "can_coordinate": can_coordinate(cooperation)}
