"""Who takes part: current members of the circle, or of the cooperation."""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cocreation.models import Circle, CircleMembership, Session
from apps.cooperations.gate import write_gate


def circle_gate(*, circle: Circle, user: User) -> CircleMembership:
    """The user's current membership of the circle, or ``PermissionDenied``."""
    membership = CircleMembership.objects.current().filter(circle=circle, user=user).first()
    if membership is None:
        raise PermissionDenied(_("Das können nur Mitglieder des Kreises."))
    return membership


def participant_gate(*, session: Session, user: User) -> None:
    """Current members of the session's circle or cooperation take part."""
    if session.cooperation_id is not None:
        write_gate(cooperation=session.cooperation, user=user)  # type: ignore[arg-type]
    else:
        circle_gate(circle=session.circle, user=user)  # type: ignore[arg-type]


def facilitator_gate(*, session: Session, user: User) -> None:
    participant_gate(session=session, user=user)
    if session.facilitator_id != user.pk:
        raise PermissionDenied(_("Das kann nur die Moderation der Session."))


def bump(session: Session) -> None:
    """Something participants see has changed: the live fragment's ETag moves on."""
    Session.objects.filter(pk=session.pk).update(version=F("version") + 1)
    session.refresh_from_db(fields=["version"])
