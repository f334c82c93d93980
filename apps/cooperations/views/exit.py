"""The exit: proposing, the checklist, retrospectives, completing or cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, refusal_message
from apps.cooperations import selectors, services
from apps.cooperations.exit_checks import open_items
from apps.cooperations.forms import (
    ChecklistForm,
    ExitProposeForm,
    RetrospectiveForm,
)
from apps.cooperations.models import ExitKind
from apps.cooperations.views.common import act, page


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
    context = page(
        cooperation,
        open_exit=open_exit,
        propose_form=propose_form,
        past_exits=cooperation.exits.exclude(pk=open_exit.pk if open_exit else 0),
        open_items=open_items(cooperation) if not cooperation.is_ended else [],
    )
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
    return act(
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
    return act(
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
    return act(
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
    return act(
        request,
        cooperation,
        lambda: services.exit_cancel(exit_process=exit_process, user=request.user),
        _("Der Ausstieg ist abgebrochen."),
    )
