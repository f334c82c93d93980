"""Admin actions on an organisation's people, and leaving it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, refusal_message, run_action
from apps.organisations import selectors, services
from apps.organisations.forms import MemberAddForm, RoleForm
from apps.organisations.models import OrganisationMember


def _back(pk: int) -> str:
    return reverse("organisations:detail", args=[pk])


@login_required
@require_POST
def member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        added = form_save(
            form,
            lambda: services.member_add(
                organisation=organisation,
                user=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            ),
        )
        if added is not None:
            messages.success(request, _("%(name)s gehört jetzt dazu.") % {"name": added.user})
            return redirect(_back(pk))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect(_back(pk))


@login_required
@require_POST
def member_role(request: AuthedRequest, pk: int, member_id: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: services.member_role_change(
            organisation=organisation, user=request.user, member_id=member_id, role=role
        ),
        done=_("Die Rolle ist geändert."),
        back=_back(pk),
    )


@login_required
def member_remove(request: AuthedRequest, pk: int, member_id: int) -> HttpResponse:
    """A confirmation page first; the POST removes."""
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    member = (
        OrganisationMember.objects.select_related("user")
        .filter(organisation=organisation, pk=member_id)
        .first()
    )
    if member is None:
        raise Http404
    if request.method == "POST":
        return run_action(
            request,
            lambda: services.member_remove(
                organisation=organisation, user=request.user, member_id=member_id
            ),
            done=_("%(name)s gehört nicht mehr dazu.") % {"name": member.user},
            back=_back(pk),
        )
    context = {"organisation": organisation, "member": member, "leaving": False}
    return render(request, "organisations/member_remove.html", context)


@login_required
def member_leave(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.member_leave(organisation=organisation, user=request.user)
        except ValidationError as error:  # the last admin stays
            messages.error(request, refusal_message(error))
            return redirect(_back(pk))
        messages.success(request, _("Sie haben die Organisation verlassen."))
        return redirect("organisations:list")
    context = {"organisation": organisation, "leaving": True}
    return render(request, "organisations/member_remove.html", context)
