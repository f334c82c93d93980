"""Members and invitations: inviting, revoking, removing, roles, joining."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.adapter import AFTER_LOGIN
from apps.accounts.models import User
from apps.base.http import AuthedRequest, refusal_message
from apps.cooperations import selectors, services
from apps.cooperations.forms import (
    InviteForm,
    ReasonForm,
)
from apps.cooperations.views.common import act, cooperation_url, page
from apps.network.selectors import connected_user_ids


@login_required
def member_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    member_ids = {m.user_id for m in selectors.members_of(cooperation=cooperation) if m.is_current}
    candidates = User.objects.filter(
        pk__in=connected_user_ids(user=request.user) - member_ids
    ).order_by("name")
    form = InviteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["invitee"]:
                services.invitation_create(
                    cooperation=cooperation,
                    inviter=request.user,
                    invitee=data["invitee"],
                    message=data["message"],
                )
            else:
                services.invitation_create_by_email(
                    cooperation=cooperation,
                    inviter=request.user,
                    email=data["email"],
                    message=data["message"],
                )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("Die Einladung ist unterwegs."))
            return redirect(cooperation_url(cooperation))
    return render(request, "cooperations/invite.html", page(cooperation, form=form))


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, pk: int, invitation_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    invitation = selectors.invitation_in(cooperation=cooperation, pk=invitation_id)
    return act(
        request,
        cooperation,
        lambda: services.invitation_revoke(invitation=invitation, user=request.user),
        _("Die Einladung ist zurückgezogen."),
    )


@login_required
def member_remove(request: AuthedRequest, pk: int, user_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    member = selectors.member_in(cooperation=cooperation, user_id=user_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_remove(
                cooperation=cooperation,
                by=request.user,
                member=member,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("%(name)s ist nicht mehr Mitglied.") % {"name": member})
            return redirect(cooperation_url(cooperation))
    context = page(cooperation, member=member, form=form)
    return render(request, "cooperations/member_remove.html", context)


@login_required
@require_POST
def member_role(request: AuthedRequest, pk: int, user_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    member = selectors.member_in(cooperation=cooperation, user_id=user_id)
    role = request.POST.get("role", "")
    return act(
        request,
        cooperation,
        lambda: services.member_set_role(
            cooperation=cooperation, by=request.user, member=member, role=role
        ),
        _("Die Rolle von %(name)s ist geändert.") % {"name": member},
    )


def _join(request: AuthedRequest, invitation: Any) -> HttpResponse:
    try:
        services.invitation_accept(invitation=invitation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
        return redirect("cooperations:list")
    messages.success(
        request, _("Willkommen in „%(title)s“.") % {"title": invitation.cooperation.title}
    )
    return redirect(cooperation_url(invitation.cooperation))


@login_required
@require_POST
def invitation_accept(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for_invitee(user=request.user, pk=invitation_id)
    return _join(request, invitation)


@login_required
@require_POST
def invitation_decline(request: AuthedRequest, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_for_invitee(user=request.user, pk=invitation_id)
    try:
        services.invitation_decline(invitation=invitation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("Sie haben die Einladung abgelehnt."))
    return redirect("cooperations:list")


def invitation_link(request: AuthedRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    if not request.user.is_authenticated:
        # Kept through sign-up (and e-mail confirmation): after the first login the
        # person lands here again (apps.accounts.adapter, AFTER_LOGIN).
        request.session[AFTER_LOGIN] = request.path
        messages.info(
            request,
            _(
                "Sie sind zu „%(title)s“ eingeladen. Registrieren Sie sich mit der Adresse, "
                "an die die Einladung ging (oder melden Sie sich an) – danach sehen Sie die "
                "Einladung."
            )
            % {"title": invitation.cooperation.title},
        )
        return redirect("account_signup")
    confirm = services.needs_confirmation(invitation, request.user)
    if request.method == "POST":
        return _ask(request, invitation) if confirm else _join(request, invitation)
    context = {"invitation": invitation, "needs_confirmation": confirm}
    return render(request, "cooperations/invitation.html", context)


def _ask(request: AuthedRequest, invitation: Any) -> HttpResponse:
    try:
        services.invitation_request_join(invitation=invitation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(
            request,
            _(
                "Ihre Anfrage ist bei %(name)s. Sobald der Beitritt bestätigt ist, bekommen "
                "Sie eine E-Mail."
            )
            % {"name": invitation.invited_by},
        )
    return redirect("cooperations:list")


@login_required
@require_POST
def join_request_answer(
    request: AuthedRequest, pk: int, invitation_id: int, answer: str
) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    invitation = selectors.invitation_in(cooperation=cooperation, pk=invitation_id)
    requester = invitation.join_requested_by
    if answer == "bestaetigen":
        return act(
            request,
            cooperation,
            lambda: services.invitation_request_confirm(invitation=invitation, user=request.user),
            _("%(name)s ist jetzt Mitglied.") % {"name": requester},
        )
    return act(
        request,
        cooperation,
        lambda: services.invitation_request_decline(invitation=invitation, user=request.user),
        _("Die Anfrage von %(name)s ist abgelehnt.") % {"name": requester},
    )
