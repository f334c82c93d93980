"""Pages of a cooperation. Every view inside a cooperation starts with
``selectors.cooperation_for_member``: outsiders get 404 before anything else runs.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import User
from apps.base.http import AuthedRequest, refusal_message, run_action
from apps.cooperations import documents, selectors, services
from apps.cooperations.diff import version_diff
from apps.cooperations.forms import (
    AgreementForm,
    ChecklistForm,
    CooperationForm,
    ExitProposeForm,
    FitCheckForm,
    InviteForm,
    ReasonForm,
    RetrospectiveForm,
)
from apps.cooperations.models import Cooperation, ExitKind, Membership
from apps.network.selectors import connected_user_ids

EVENTS_PER_PAGE = 30


def _act(
    request: AuthedRequest, cooperation: Cooperation, action: Callable[[], Any], done: str
) -> HttpResponse:
    return run_action(request, action, done=done, back=cooperation_url(cooperation))


def cooperation_url(cooperation: Cooperation) -> str:
    return reverse("cooperations:detail", args=[cooperation.pk])


def _membership(cooperation: Cooperation) -> Membership:
    return cooperation.membership  # type: ignore[attr-defined]


# List, create, overview -------------------------------------------------------


@login_required
def cooperation_list(request: AuthedRequest) -> HttpResponse:
    context = {
        "cooperations": selectors.cooperations_for(user=request.user),
        "invitations": selectors.open_invitations_for(user=request.user),
    }
    return render(request, "cooperations/list.html", context)


@login_required
def cooperation_new(request: AuthedRequest) -> HttpResponse:
    partner = None
    if partner_id := request.GET.get("mit") or request.POST.get("mit"):
        if not str(partner_id).isdigit() or int(partner_id) not in connected_user_ids(
            user=request.user
        ):
            raise Http404
        partner = User.objects.get(pk=partner_id)
    form = CooperationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cooperation = services.cooperation_create(
                founder=request.user, invite=partner, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ihre Kooperation ist angelegt."))
            return redirect(cooperation_url(cooperation))
    return render(request, "cooperations/form.html", {"form": form, "partner": partner})


@login_required
def cooperation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    versions = selectors.versions_of(cooperation=cooperation)
    context = {
        "cooperation": cooperation,
        "membership": _membership(cooperation),
        "members": selectors.members_of(cooperation=cooperation),
        "invitations": selectors.open_invitations_of(cooperation=cooperation),
        "events": selectors.timeline(cooperation=cooperation)[:8],
        "in_force": next((v for v in versions if v.status == "in_force"), None),
        "pending": next((v for v in versions if v.status == "proposed"), None),
        "fit": selectors.fit_check_view(cooperation=cooperation, user=request.user),
        "open_exit": selectors.open_exit(cooperation=cooperation),
    }
    return render(request, "cooperations/detail.html", context)


@login_required
def cooperation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    form = CooperationForm(request.POST or None, instance=cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            services.cooperation_update(
                cooperation=cooperation, user=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("Die Angaben sind gespeichert."))
            return redirect(cooperation_url(cooperation))
    return render(request, "cooperations/form.html", {"form": form, "cooperation": cooperation})


@login_required
def cooperation_timeline(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    page = Paginator(selectors.timeline(cooperation=cooperation), EVENTS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "cooperations/timeline.html", {"cooperation": cooperation, "page": page})


# Members and invitations ------------------------------------------------------


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
    return render(request, "cooperations/invite.html", {"cooperation": cooperation, "form": form})


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, pk: int, invitation_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    invitation = selectors.invitation_in(cooperation=cooperation, pk=invitation_id)
    return _act(
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
    context = {"cooperation": cooperation, "member": member, "form": form}
    return render(request, "cooperations/member_remove.html", context)


@login_required
@require_POST
def member_role(request: AuthedRequest, pk: int, user_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    member = selectors.member_in(cooperation=cooperation, user_id=user_id)
    role = request.POST.get("role", "")
    return _act(
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


@login_required
def invitation_link(request: AuthedRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    if request.method == "POST":
        return _join(request, invitation)
    return render(request, "cooperations/invitation.html", {"invitation": invitation})


# Fit check --------------------------------------------------------------------


@login_required
@require_POST
def fit_check_start(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    try:
        services.fit_check_start(cooperation=cooperation, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
        return redirect(cooperation_url(cooperation))
    return redirect("cooperations:fit-check", pk=cooperation.pk)


@login_required
def fit_check(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    view = selectors.fit_check_view(cooperation=cooperation, user=request.user)
    if view.fit_check is None:
        raise Http404
    form = FitCheckForm(request.POST or None, instance=view.my_answer)
    if request.method == "POST" and form.is_valid():
        try:
            services.fit_check_answer(
                fit_check=view.fit_check, user=request.user, data=form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("Ihre Antworten sind gespeichert."))
            return redirect("cooperations:fit-check", pk=cooperation.pk)
    context = {"cooperation": cooperation, "view": view, "form": form}
    return render(request, "cooperations/fit_check.html", context)


# Agreement --------------------------------------------------------------------


@login_required
def agreement(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    versions = selectors.versions_of(cooperation=cooperation)
    context = {
        "cooperation": cooperation,
        "membership": _membership(cooperation),
        "versions": versions,
        "in_force": next((v for v in versions if v.status == "in_force"), None),
        "pending": next((v for v in versions if v.status == "proposed"), None),
        "draft": selectors.draft_of(cooperation=cooperation),
    }
    return render(request, "cooperations/agreement.html", context)


@login_required
def agreement_draft(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
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
    context = {"cooperation": cooperation, "draft": draft, "form": form, "conflict": conflict}
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
    return _act(
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
    return _act(
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
    context = {
        "cooperation": cooperation,
        "membership": _membership(cooperation),
        "version": version,
        "i_accepted": request.user.pk in accepted_ids,
        "waiting_for": [
            m.user
            for m in selectors.members_of(cooperation=cooperation)
            if m.is_current and m.user_id not in accepted_ids
        ],
    }
    return render(request, "cooperations/version.html", context)


@login_required
@require_POST
def agreement_accept(request: AuthedRequest, pk: int, number: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    version = selectors.version_in(cooperation=cooperation, number=number)
    return _act(
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
    return _act(
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
    context = {
        "cooperation": cooperation,
        "old": old,
        "new": new,
        "numbers": sorted(numbers),
        "sections": version_diff(old, new),
    }
    return render(request, "cooperations/compare.html", context)


# Exit and archive -------------------------------------------------------------


@login_required
def exit_overview(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    open_exit = selectors.open_exit(cooperation=cooperation)
    propose_form = ExitProposeForm(request.POST or None, initial={"kind": ExitKind.END})
    if request.method == "POST" and open_exit is None and propose_form.is_valid():
        try:
            services.exit_propose(
                cooperation=cooperation, user=request.user, **propose_form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            propose_form.add_error(None, refusal_message(error))
        else:
            messages.success(
                request, _("Der Ausstieg ist eröffnet. Gehen Sie die Checkliste durch.")
            )
            return redirect("cooperations:exit", pk=cooperation.pk)
    context: dict[str, Any] = {
        "cooperation": cooperation,
        "membership": _membership(cooperation),
        "open_exit": open_exit,
        "propose_form": propose_form,
        "past_exits": cooperation.exits.exclude(pk=open_exit.pk if open_exit else 0),
    }
    if open_exit is not None:
        mine = next(
            (r for r in open_exit.retrospectives.all() if r.user_id == request.user.pk), None
        )
        context["checklist_form"] = ChecklistForm(instance=open_exit)
        context["retrospective_form"] = RetrospectiveForm(instance=mine, prefix="retro")
    return render(request, "cooperations/exit.html", context)


@login_required
@require_POST
def exit_checklist(request: AuthedRequest, pk: int, exit_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    exit_process = selectors.exit_in(cooperation=cooperation, pk=exit_id)
    form = ChecklistForm(request.POST, instance=exit_process)
    if not form.is_valid():
        messages.error(request, _("Bitte prüfen Sie die Angaben der Checkliste."))
        return redirect("cooperations:exit", pk=cooperation.pk)
    return _act(
        request,
        cooperation,
        lambda: services.exit_checklist_update(
            exit_process=exit_process, user=request.user, data=form.cleaned_data
        ),
        _("Die Checkliste ist gespeichert."),
    )


@login_required
@require_POST
def exit_retrospective(request: AuthedRequest, pk: int, exit_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    exit_process = selectors.exit_in(cooperation=cooperation, pk=exit_id)
    form = RetrospectiveForm(request.POST, prefix="retro")
    if not form.is_valid():
        messages.error(request, _("Bitte bewerten Sie alle vier Dimensionen von 1 bis 5."))
        return redirect("cooperations:exit", pk=cooperation.pk)
    return _act(
        request,
        cooperation,
        lambda: services.exit_retrospective_save(
            exit_process=exit_process, user=request.user, data=form.cleaned_data
        ),
        _("Ihr Rückblick ist gespeichert."),
    )


@login_required
@require_POST
def exit_complete(request: AuthedRequest, pk: int, exit_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    exit_process = selectors.exit_in(cooperation=cooperation, pk=exit_id)
    return _act(
        request,
        cooperation,
        lambda: services.exit_complete(exit_process=exit_process, user=request.user),
        _(
            "Der Ausstieg ist abgeschlossen. "
            "Das Archiv steht allen Mitgliedern zum Download bereit."
        ),
    )


@login_required
@require_POST
def exit_cancel(request: AuthedRequest, pk: int, exit_id: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    exit_process = selectors.exit_in(cooperation=cooperation, pk=exit_id)
    return _act(
        request,
        cooperation,
        lambda: services.exit_cancel(exit_process=exit_process, user=request.user),
        _("Der Ausstieg ist abgebrochen."),
    )


@login_required
def archive(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    response = HttpResponse(documents.archive_zip(cooperation), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.archive_name(cooperation)}"'
    )
    return response
