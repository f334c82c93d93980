"""A cooperation's organisations and the size-fair terms, side by side before acceptance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, run_action
from apps.cooperations.gate import permissions
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import as_seen, cooperation_for_member
from apps.finances.models import Engagement, EngagementStatus
from apps.organisations import selectors, services
from apps.organisations.forms import CooperationOrganisationForm, SizeFairKeyForm
from apps.organisations.models import Organisation
from apps.organisations.terms import variants


def _back(cooperation: Cooperation) -> str:
    return reverse("organisations:cooperation", args=[cooperation.pk])


def _addable(cooperation: Cooperation, request: AuthedRequest) -> QuerySet[Organisation]:
    return selectors.admin_organisations_of(user=request.user).exclude(
        cooperations__cooperation=cooperation
    )


def _engagements(cooperation: Cooperation) -> list[tuple[int, str]]:
    rows = Engagement.objects.filter(cooperation=cooperation).exclude(
        status=EngagementStatus.CANCELLED
    )
    return [(e.pk, f"{e.title} ({e.client})") for e in rows]


@login_required
def cooperation_organisations(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    partners = selectors.cooperation_partners(cooperation=cooperation)
    columns = variants(partners)
    rows = [
        {"partner": partner, "percents": [v.percents[i] for v in columns]}
        for i, partner in enumerate(partners)
    ]
    allowed = permissions(cooperation)
    engagements = _engagements(cooperation) if allowed["can_write"] else []
    context = {
        "cooperation": cooperation,
        **allowed,
        # a former member sees the organisations as they were when they left
        "links": as_seen(selectors.cooperation_organisations(cooperation=cooperation), cooperation),
        "add_form": CooperationOrganisationForm(organisations=_addable(cooperation, request))
        if allowed["can_write"]
        else None,
        "rows": rows,
        "has_resources": any(p.resources for p in partners),
        "key_form": SizeFairKeyForm(engagements=engagements) if engagements else None,
    }
    return render(request, "organisations/cooperation.html", context)


@login_required
@require_POST
def cooperation_organisation_add(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    form = CooperationOrganisationForm(request.POST, organisations=_addable(cooperation, request))
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Organisation, die Sie verwalten."))
        return redirect(_back(cooperation))
    return run_action(
        request,
        lambda: services.cooperation_organisation_add(
            cooperation=cooperation,
            user=request.user,
            organisation=form.cleaned_data["organisation"],
        ),
        done=_("Die Organisation nimmt jetzt an der Kooperation teil."),
        back=_back(cooperation),
    )


@login_required
@require_POST
def cooperation_organisation_remove(request: AuthedRequest, pk: int, link_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    return run_action(
        request,
        lambda: services.cooperation_organisation_remove(
            cooperation=cooperation, user=request.user, link_id=link_id
        ),
        done=_("Die Organisation nimmt nicht mehr teil."),
        back=_back(cooperation),
    )


@login_required
@require_POST
def size_fair_key_propose(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    form = SizeFairKeyForm(request.POST, engagements=_engagements(cooperation))
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie Auftrag, Zweck und Aufteilung."))
        return redirect(_back(cooperation))
    engagement = Engagement.objects.get(cooperation=cooperation, pk=form.cleaned_data["engagement"])
    proposal = form_save(
        form,
        lambda: services.size_fair_key_propose(
            engagement=engagement,
            user=request.user,
            purpose=form.cleaned_data["purpose"],
            variant=form.cleaned_data["variant"],
        ),
    )
    if proposal is None:
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect(_back(cooperation))
    messages.success(
        request, _("Der Vorschlag ist gespeichert. Er gilt, sobald alle zugestimmt haben.")
    )
    return redirect("finances:engagement", cooperation.pk, engagement.pk)
