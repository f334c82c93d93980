"""The one gate for "may this user write in this cooperation now".

Every service that changes something inside a cooperation asks ``write_gate``;
every view and template asks ``can_write`` (the same rule, as a boolean, on the
membership the access helper already loaded). Nobody re-types the rule.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, Membership

ENDED_MESSAGE = gettext_noop("Diese Kooperation ist beendet und kann nur noch gelesen werden.")
NOT_MEMBER_MESSAGE = gettext_noop("Das können nur aktuelle Mitglieder der Kooperation.")


def ensure_open(cooperation: Cooperation) -> None:
    """Refuse (``ValidationError``) any write to an ended, read-only cooperation."""
    if cooperation.is_ended:
        raise ValidationError(_(ENDED_MESSAGE))


def write_gate(*, cooperation: Cooperation, user: User) -> Membership:
    """The writer's current membership, or the refusal with its one German message.

    An ended cooperation refuses everyone (``ValidationError``); a former member
    or an outsider is refused (``PermissionDenied``).
    """
    ensure_open(cooperation)
    membership = Membership.objects.current().filter(cooperation=cooperation, user=user).first()
    if membership is None:
        raise PermissionDenied(_(NOT_MEMBER_MESSAGE))
    return membership


def can_write(cooperation: Cooperation) -> bool:
    """The same rule for a cooperation from ``cooperation_for_member`` (no query)."""
    membership = cooperation.membership  # type: ignore[attr-defined]
    return bool(membership.is_current and not cooperation.is_ended)
