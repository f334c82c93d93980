"""The agreement: overview, draft, proposing, accepting, versions, PDF and comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, refusal_message, run_action
from apps.cooperations import documents, selectors, services
from apps.cooperations.diff import version_diff
from apps.cooperations.forms import (
    AgreementForm,
)
from apps.cooperations.views.common import act, page


@login_required
def agreement(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    versions = selectors.versions_of(cooperation=cooperation)
    context = page(
        cooperation,
        versions=versions,
        in_force=next((v for v in versions if v.status == "in_force"), None),
        pending=next((v for v in versions if v.status == "proposed"), None),
        draft=selectors.draft_of(cooperation=cooperation),
    )
    return render(request, "cooperations/agreement.html", context)


@login_required
def agreement_draft(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    if selectors.draft_of(cooperation=cooperation) is None:
        # A GET (a link preview, a prefetch, a crawler) starts nothing: drafts begin by POST.
        if request.method != "POST":
            return render(request, "cooperations/agreement_start.html", page(cooperation))
        if "start" in request.POST:
            return run_action(
                request,
                lambda: services.agreement_draft(cooperation=cooperation, user=request.user),
                done=_("Der Entwurf ist begonnen."),
                back=reverse("cooperations:agreement-draft", args=[cooperation.pk]),
            )
    try:
        draft = services.agreement_draft(cooperation=cooperation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
        return redirect("cooperations:agreement", pk=cooperation.pk)
    commitments = list(draft.commitments.select_related("user").order_by("user__name"))
    form = AgreementForm(request.POST or None, instance=draft, commitments=commitments)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in AgreementForm.Meta.fields}
        try:
            services.agreement_draft_save(
                draft=draft,
                user=request.user,
                revision=form.cleaned_data["revision"],
                fields=fields,
                commitments=form.commitments(),
            )
        except services.DraftConflict as error:
            conflict = error.current
            # The user's text stays in the form; saving again now overwrites knowingly.
            data = request.POST.copy()
            data["revision"] = str(conflict.revision)
            form = AgreementForm(data, instance=conflict, commitments=commitments)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            if "propose" in request.POST:
                return agreement_propose(request, pk)
            messages.success(request, _("Der Entwurf ist gespeichert."))
            return redirect("cooperations:agreement", pk=cooperation.pk)
    elif request.method != "POST":
        form.initial["revision"] = draft.revision
    context = page(cooperation, draft=draft, form=form, conflict=conflict)
    return render(
        request, "cooperations/agreement_form.html", context, status=409 if conflict else 200
    )


@login_required
@require_POST
def agreement_propose(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    draft = selectors.draft_of(cooperation=cooperation)
    if draft is None:
        raise Http404
    return act(
        request,
        cooperation,
        lambda: services.agreement_propose(draft=draft, user=request.user),
        _("Die Fassung ist vorgelegt. Sie gilt, sobald alle Mitglieder angenommen haben."),
    )


@login_required
@require_POST
def agreement_discard(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    draft = selectors.draft_of(cooperation=cooperation)
    if draft is None:
        raise Http404
    return act(
        request,
        cooperation,
        lambda: services.agreement_draft_discard(draft=draft, user=request.user),
        _("Der Entwurf ist verworfen."),
    )


@login_required
def agreement_version(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    version = selectors.version_in(cooperation=cooperation, number=number)
    accepted_ids = {a.user_id for a in version.acceptances.all()}
    context = page(
        cooperation,
        version=version,
        i_accepted=request.user.pk in accepted_ids,
        waiting_for=[
            m.user
            for m in selectors.members_of(cooperation=cooperation)
            if m.is_current and m.user_id not in accepted_ids
        ],
    )
    return render(request, "cooperations/version.html", context)


@login_required
@require_POST
def agreement_accept(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    version = selectors.version_in(cooperation=cooperation, number=number)
    return act(
        request,
        cooperation,
        lambda: services.agreement_accept(version=version, user=request.user),
        _("Sie haben Fassung %(number)s angenommen.") % {"number": number},
    )


@login_required
@require_POST
def agreement_withdraw(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    version = selectors.version_in(cooperation=cooperation, number=number)
    return act(
        request,
        cooperation,
        lambda: services.agreement_withdraw(version=version, user=request.user),
        _("Fassung %(number)s ist zurückgezogen.") % {"number": number},
    )


@login_required
def agreement_pdf(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    version = selectors.version_in(cooperation=cooperation, number=number)
    response = HttpResponse(documents.agreement_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.pdf_name(version)}"'
    return response


@login_required
def agreement_compare(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    numbers = [
        v.number for v in selectors.versions_of(cooperation=cooperation) if v.number is not None
    ]
    if len(numbers) < 2:
        raise Http404
    try:
        old_number = int(request.GET.get("von") or min(numbers[:2]))
        new_number = int(request.GET.get("bis") or max(numbers[:2]))
    except ValueError as error:
        raise Http404 from error
    old = selectors.version_in(cooperation=cooperation, number=old_number)
    new = selectors.version_in(cooperation=cooperation, number=new_number)
    context = page(
        cooperation, old=old, new=new, numbers=sorted(numbers), sections=version_diff(old, new)
    )
    return render(request, "cooperations/compare.html", context)
