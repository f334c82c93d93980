"""Joining under another address: an e-mail invitation is bound to the address it went
to. Someone signed in under a different address (their work account, a colleague the
link was forwarded to) may ask to join; the coordination confirms or declines. Only a
confirmation makes them a member, and it uses the invitation up."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import coordinator_gate, ensure_open
from apps.cooperations.models import EventKind, Invitation, Membership
from apps.cooperations.services.common import current_user_ids, timeline_event
from apps.cooperations.services.invitations import WRONG_PERSON, join_through
from apps.network.selectors import is_blocked_between


def needs_confirmation(invitation: Invitation, user: User) -> bool:
    """An e-mail invitation opened under another address than the one it went to."""
    return bool(invitation.email) and invitation.email.lower() != user.email.lower()


def invitation_request_join(*, invitation: Invitation, user: User) -> Invitation:
    """Ask to join through an e-mail invitation sent to another address; the inviter is
    told by mail (and the ``join_request_waiting`` nudge) and confirms or declines."""
    if not needs_confirmation(invitation, user):
        raise ValidationError(_("Diese Einladung gilt Ihrer Adresse: Sie können direkt beitreten."))
    if is_blocked_between(a=invitation.invited_by, b=user):
        raise PermissionDenied(WRONG_PERSON)
    cooperation = invitation.cooperation
    ensure_open(cooperation)
    if user.pk in current_user_ids(cooperation):
        raise ValidationError(_("Sie sind bereits Mitglied dieser Kooperation."))
    with transaction.atomic():
        asked = (
            Invitation.objects.open()
            .filter(
                pk=invitation.pk,
                join_requested_by__isnull=True,
                join_request_declined_at__isnull=True,
            )
            .update(join_requested_by=user, join_requested_at=timezone.now())
        )
        if not asked:
            if not invitation.is_open:
                raise ValidationError(
                    _("Diese Einladung ist abgelaufen oder wurde schon verwendet.")
                )
            raise ValidationError(_("Für diese Einladung wurde bereits ein Beitritt angefragt."))
        invitation.refresh_from_db()
        timeline_event(
            cooperation,
            user,
            EventKind.JOIN_REQUESTED,
            member=user.get_full_name(),
            invitee=invitation.email,
        )
        _mail(
            to=invitation.invited_by,
            subject=_("%(name)s möchte „%(title)s“ beitreten")
            % {"name": user.get_full_name(), "title": cooperation.title},
            template="cooperations/email/join_request.txt",
            context={"invitation": invitation, "requester": user},
            path=reverse("cooperations:detail", args=[cooperation.pk]),
        )
    return invitation


def _pending(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("cooperation", "invited_by", "join_requested_by")
        .get(pk=invitation.pk)
    )
    if not locked.join_request_pending:
        raise ValidationError(_("Diese Beitrittsanfrage ist nicht mehr offen."))
    return locked


def invitation_request_confirm(*, invitation: Invitation, user: User) -> Membership:
    """The coordination confirms: the person who asked joins, the invitation is used."""
    coordinator_gate(cooperation=invitation.cooperation, user=user)
    with transaction.atomic():
        locked = _pending(invitation)
        requester = locked.join_requested_by
        assert requester is not None
        if not requester.is_active or is_blocked_between(a=locked.invited_by, b=requester):
            raise PermissionDenied(WRONG_PERSON)
        membership = join_through(locked, requester)
        _mail(
            to=requester,
            subject=_("Willkommen in „%(title)s“") % {"title": locked.cooperation.title},
            template="cooperations/email/join_request_answer.txt",
            context={"invitation": locked, "confirmed": True},
            path=reverse("cooperations:detail", args=[locked.cooperation_id]),
        )
    return membership


def invitation_request_decline(*, invitation: Invitation, user: User) -> None:
    """The coordination declines: the person is told; the link stays valid for the
    invited address, and nobody can ask through it again."""
    coordinator_gate(cooperation=invitation.cooperation, user=user)
    with transaction.atomic():
        locked = _pending(invitation)
        locked.join_request_declined_at = timezone.now()
        locked.save(update_fields=["join_request_declined_at", "updated_at"])
        requester = locked.join_requested_by
        assert requester is not None
        timeline_event(
            locked.cooperation,
            user,
            EventKind.JOIN_REQUEST_DECLINED,
            member=requester.get_full_name(),
        )
        _mail(
            to=requester,
            subject=_("Ihre Anfrage zu „%(title)s“") % {"title": locked.cooperation.title},
            template="cooperations/email/join_request_answer.txt",
            context={"invitation": locked, "confirmed": False},
            path=reverse("cooperations:list"),
        )


def _mail(*, to: User, subject: str, template: str, context: dict[str, object], path: str) -> None:
    if not to.email or not to.is_active:
        return
    body = render_to_string(template, {**context, "link": settings.SITE_URL + path})
    address = to.email
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
