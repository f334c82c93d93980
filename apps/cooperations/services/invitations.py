"""Invitations: the coordination invites a connection or an e-mail address (single-use
link, valid for 14 days); the invitee accepts or declines."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.cooperations.gate import coordinator_gate, ensure_open
from apps.cooperations.models import (
    Cooperation,
    EventKind,
    Invitation,
    Membership,
)
from apps.cooperations.services.common import current_user_ids, timeline_event
from apps.cooperations.services.members import after_membership_change
from apps.network.selectors import are_connected, is_blocked_between

INVITATION_VALID_FOR = timedelta(days=14)
WRONG_PERSON = gettext_lazy("Diese Einladung gilt einer anderen Person.")


def _check_daily_limit(inviter: User) -> None:
    """A person sends at most ``INVITATIONS_PER_DAY`` invitations in 24 hours."""
    limit = settings.INVITATIONS_PER_DAY
    since = timezone.now() - timedelta(days=1)
    if Invitation.objects.filter(invited_by=inviter, created_at__gte=since).count() >= limit:
        raise ValidationError(
            _(
                "Sie haben in den letzten 24 Stunden schon %(limit)s Einladungen verschickt. "
                "Bitte versuchen Sie es morgen wieder."
            )
            % {"limit": limit},
            code="invitation_limit",
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *, cooperation: Cooperation, inviter: User, invitee: User, message: str = ""
) -> Invitation:
    """Invite one of the coordinator's connections."""
    coordinator_gate(cooperation=cooperation, user=inviter)
    if not are_connected(a=inviter, b=invitee) or is_blocked_between(a=inviter, b=invitee):
        raise ValidationError(_("Sie können nur Personen einladen, mit denen Sie verbunden sind."))
    if invitee.pk in current_user_ids(cooperation):
        raise ValidationError(_("%(name)s ist bereits Mitglied.") % {"name": invitee})
    if cooperation.invitations.open().filter(invitee=invitee).exists():
        raise ValidationError(_("%(name)s ist bereits eingeladen.") % {"name": invitee})
    _check_daily_limit(inviter)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            cooperation=cooperation,
            invited_by=inviter,
            invitee=invitee,
            message=message.strip(),
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        timeline_event(cooperation, inviter, EventKind.INVITED, invitee=invitee.get_full_name())
        if invitee.email and invitee.is_active:
            _mail_member(invitation, inviter=inviter, to=invitee.email)
    return invitation


def _mail_member(invitation: Invitation, *, inviter: User, to: str) -> None:
    """An invited member hears of it by mail (after commit); the driver's
    ``invitation_waiting`` nudge puts it on their dashboard until they answer."""
    link = settings.SITE_URL + reverse("cooperations:list")
    context = {"invitation": invitation, "link": link, "inviter": inviter}
    subject = _("%(name)s lädt Sie zur Kooperation „%(title)s“ ein") % {
        "name": inviter.get_full_name(),
        "title": invitation.cooperation.title,
    }
    body = render_to_string("cooperations/email/invitation_member.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to]))


def invitation_create_by_email(
    *, cooperation: Cooperation, inviter: User, email: str, message: str = ""
) -> tuple[Invitation, str]:
    """Invite by e-mail link: single use, valid for 14 days. Returns the secret token."""
    coordinator_gate(cooperation=cooperation, user=inviter)
    email = email.strip().lower()
    if cooperation.memberships.current().filter(user__email__iexact=email).exists():
        raise ValidationError(_("Diese Person ist bereits Mitglied."))
    _check_daily_limit(inviter)
    # An address that belongs to an account: the invitation is that person's (it shows
    # among their invitations, and only they can accept it).
    existing = User.objects.filter(email__iexact=email, is_active=True).first()
    if existing is not None and is_blocked_between(a=inviter, b=existing):
        existing = None
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation(
            cooperation=cooperation,
            invited_by=inviter,
            invitee=existing,
            email=email,
            token_hash=_token_hash(token),
            message=message.strip(),
            expires_at=timezone.now() + INVITATION_VALID_FOR,
        )
        invitation.full_clean()
        invitation.save()
        timeline_event(cooperation, inviter, EventKind.INVITED, invitee=email)
        link = settings.SITE_URL + reverse("cooperations:invitation-link", args=[token])
        context = {"invitation": invitation, "link": link, "inviter": inviter}
        subject = _("%(name)s lädt Sie zur Kooperation „%(title)s“ ein") % {
            "name": inviter.get_full_name(),
            "title": cooperation.title,
        }
        body = render_to_string("cooperations/email/invitation.txt", context)
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("cooperation", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join: personal invitations only by the invitee, e-mail links once, before expiry,
    and only by the account of the invited address (a forwarded link does not work)."""
    if invitation.invitee_id is not None and invitation.invitee_id != user.pk:
        raise PermissionDenied(WRONG_PERSON)
    if invitation.email and invitation.email.lower() != user.email.lower():
        raise PermissionDenied(
            _(
                "Diese Einladung gilt der E-Mail-Adresse, an die sie geschickt wurde. Melden "
                "Sie sich mit dieser Adresse an oder bitten Sie um eine Einladung an Ihre "
                "Adresse."
            )
        )
    if is_blocked_between(a=invitation.invited_by, b=user):
        raise PermissionDenied(WRONG_PERSON)
    if not invitation.is_open:
        raise ValidationError(_("Diese Einladung ist abgelaufen oder wurde schon verwendet."))
    return join_through(invitation, user)


def join_through(invitation: Invitation, user: User) -> Membership:
    """``user`` joins through ``invitation``, which is used up (the caller checked who
    may). Single use even when two people redeem the same invitation at once."""
    cooperation = invitation.cooperation
    ensure_open(cooperation)
    with transaction.atomic():
        used = (
            Invitation.objects.open()
            .filter(pk=invitation.pk)
            .update(accepted_at=timezone.now(), accepted_by=user)
        )
        if not used:
            raise ValidationError(_("Diese Einladung ist abgelaufen oder wurde schon verwendet."))
        membership, created = Membership.objects.get_or_create(cooperation=cooperation, user=user)
        if not created:
            if membership.left_at is None:
                raise ValidationError(_("Sie sind bereits Mitglied dieser Kooperation."))
            membership.left_at = None
            membership.save(update_fields=["left_at", "updated_at"])
        timeline_event(cooperation, user, EventKind.JOINED, member=user.get_full_name())
        after_membership_change(cooperation, user)
    return membership


def invitation_decline(*, invitation: Invitation, user: User) -> None:
    if invitation.invitee_id != user.pk:
        raise PermissionDenied(WRONG_PERSON)
    if not invitation.is_open:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    with transaction.atomic():
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at", "updated_at"])
        timeline_event(
            invitation.cooperation, user, EventKind.INVITATION_DECLINED, member=user.get_full_name()
        )


def invitation_revoke(*, invitation: Invitation, user: User) -> None:
    cooperation = invitation.cooperation
    coordinator_gate(cooperation=cooperation, user=user)
    if not invitation.is_open:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        timeline_event(
            cooperation,
            user,
            EventKind.INVITATION_REVOKED,
            invitee=str(invitation.invitee or invitation.email),
        )
