"""My organisations, a new one, an organisation's page and its profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest, form_save, refuse
from apps.organisations import fit, selectors, services
from apps.organisations.forms import MemberAddForm, OrganisationForm, RoleForm
from apps.organisations.models import Role

PER_PAGE = 25


@login_required
def organisation_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.memberships_of(user=request.user), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    context = {
        "page": page,
        "gap_matches": fit.organisations_for_freelancer(user=request.user),
        "room_matches": fit.organisations_with_rooms(user=request.user),
    }
    return render(request, "organisations/list.html", context)


@login_required
def organisation_create(request: AuthedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form_save(
            form, lambda: services.organisation_create(user=request.user, **form.cleaned_data)
        )
        if organisation is not None:
            messages.success(request, _("Die Organisation ist angelegt. Sie verwalten sie."))
            return redirect("organisations:detail", organisation.pk)
    return render(request, "organisations/form.html", {"form": form})


@login_required
def organisation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    is_admin = organisation.role == Role.ADMIN  # type: ignore[attr-defined]
    members = Paginator(selectors.members_of(organisation=organisation), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    context = {
        "organisation": organisation,
        "is_admin": is_admin,
        "members": members,
        "add_form": MemberAddForm() if is_admin else None,
        "role_choices": RoleForm().fields["role"].choices,  # type: ignore[attr-defined]
        "trainings": selectors.upcoming_trainings_of(organisation=organisation),
        "freelancers": fit.freelancers_for_gaps(organisation=organisation, user=request.user),
    }
    return render(request, "organisations/detail.html", context)


@login_required
def organisation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    if organisation.role != Role.ADMIN:  # type: ignore[attr-defined]
        message = _("Das Profil ändern nur Personen mit der Rolle Verwaltung.")
        return refuse(request, message, back=organisation_url(pk))
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.organisation_update(
                organisation=organisation, user=request.user, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Das Profil ist gespeichert."))
            return redirect("organisations:detail", pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


def organisation_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("organisations:detail", args=[pk])
