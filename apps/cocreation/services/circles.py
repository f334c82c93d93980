"""Circles: founding, join requests decided by members, leaving."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cocreation.models import (
    Circle,
    CircleMembership,
    JoinRequest,
    JoinRequestStatus,
)
from apps.cocreation.services.access import circle_gate


def circle_create(
    *,
    founder: User,
    name: str,
    purpose: str,
    norms: str,
    size_limit: int = 12,
    rhythm_days: int = 28,
) -> Circle:
    """A new circle; the founder is its first member and accepts its norms."""
    circle = Circle(
        name=name.strip(),
        purpose=purpose.strip(),
        norms=norms.strip(),
        size_limit=size_limit,
        rhythm_days=rhythm_days,
        created_by=founder,
    )
    circle.full_clean()
    with transaction.atomic():
        circle.save()
        CircleMembership.objects.create(
            circle=circle, user=founder, norms_version=circle.norms_version
        )
    return circle


def _check_room(circle: Circle) -> None:
    if CircleMembership.objects.current().filter(circle=circle).count() >= circle.size_limit:
        raise ValidationError(
            _("Der Kreis ist voll (höchstens %(limit)s Mitglieder).") % {"limit": circle.size_limit}
        )


def join_request_create(
    *, circle: Circle, user: User, message: str, accept_norms: bool
) -> JoinRequest:
    """Ask to join; whoever asks accepts the circle's norms (recorded on joining)."""
    if not accept_norms:
        raise ValidationError({"accept_norms": _("Bitte akzeptieren Sie die Regeln des Kreises.")})
    if CircleMembership.objects.current().filter(circle=circle, user=user).exists():
        raise ValidationError(_("Sie sind bereits Mitglied dieses Kreises."))
    if circle.join_requests.filter(user=user, status=JoinRequestStatus.OPEN).exists():
        raise ValidationError(_("Ihre Anfrage liegt dem Kreis bereits vor."))
    _check_room(circle)
    request = JoinRequest(circle=circle, user=user, message=message.strip())
    request.full_clean()
    request.save()
    return request


def join_request_decide(*, join_request: JoinRequest, user: User, accept: bool) -> JoinRequest:
    """Any current member accepts or declines an open request; the size limit holds."""
    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update().select_related("circle").get(pk=join_request.pk)
        )
        circle = join_request.circle
        circle_gate(circle=circle, user=user)
        if join_request.status != JoinRequestStatus.OPEN:
            raise ValidationError(_("Über diese Anfrage ist bereits entschieden."))
        if accept:
            # Lock the circle so that two acceptances cannot overfill it.
            Circle.objects.select_for_update().filter(pk=circle.pk).first()
            _check_room(circle)
            CircleMembership.objects.create(
                circle=circle, user=join_request.user, norms_version=circle.norms_version
            )
        join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
        join_request.decided_by = user
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return join_request


def circle_leave(*, circle: Circle, user: User) -> None:
    """A member leaves; what they wrote stays with the circle."""
    with transaction.atomic():
        membership = circle_gate(circle=circle, user=user)
        membership.left_at = timezone.now()
        membership.save(update_fields=["left_at"])
