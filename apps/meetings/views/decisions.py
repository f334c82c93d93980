"""Pages of decisions: record a draft on the meeting page, the register, change,
confirm or discard a draft."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, refuse, run_action
from apps.cooperations.gate import can_write
from apps.meetings import selectors, services
from apps.meetings.forms import DecisionForm
from apps.meetings.views.common import (
    PER_PAGE,
    cooperation_of,
    meeting_url,
    page_context,
    read_only,
)
from apps.meetings.views.meetings import meeting_page


@login_required
@require_POST
def decision_add(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    form = DecisionForm(request.POST, supersedable=selectors.supersedable(cooperation=cooperation))
    if form.is_valid():
        draft = form_save(
            form,
            lambda: services.decision_record(
                meeting=meeting, user=request.user, **form.cleaned_data
            ),
        )
        if draft is not None:
            messages.success(
                request, _("Der Beschluss ist als Entwurf festgehalten. Bitte bestätigen Sie ihn.")
            )
            return redirect(meeting_url(meeting) + "#beschluesse")
    return meeting_page(request, cooperation, meeting, decision_form=form)


@login_required
def decision_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    page = Paginator(selectors.decisions_of(cooperation=cooperation), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "meetings/decision_list.html", page_context(cooperation, page=page))


@login_required
def decision_edit(request: AuthedRequest, pk: int, decision_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    decision = selectors.decision_in(cooperation=cooperation, pk=decision_id)
    back = meeting_url(decision.meeting) + "#beschluesse"
    if not can_write(cooperation):
        return read_only(request, back)
    if decision.is_final:
        return refuse(
            request,
            _(
                "Ein gefasster Beschluss wird nie geändert. Fassen Sie einen neuen Beschluss, "
                "der ihn ersetzt."
            ),
            back=back,
        )
    supersedable = selectors.supersedable(cooperation=cooperation)
    form = DecisionForm(request.POST or None, instance=decision, supersedable=supersedable)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.decision_update(
                decision=decision, user=request.user, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Der Entwurf ist geändert."))
            return redirect(back)
    context = page_context(cooperation, form=form, decision=decision)
    return render(request, "meetings/decision_form.html", context)


def _decision_step(
    request: AuthedRequest, pk: int, decision_id: int, *, confirm: bool
) -> HttpResponse:
    """GET asks once more (confirming cannot be undone); POST does it."""
    cooperation = cooperation_of(request, pk)
    decision = selectors.decision_in(cooperation=cooperation, pk=decision_id)
    back = meeting_url(decision.meeting) + "#beschluesse"
    if not can_write(cooperation):
        return read_only(request, back)
    if request.method != "POST":
        context = page_context(cooperation, decision=decision, confirm=confirm, back=back)
        return render(request, "meetings/decision_confirm.html", context)
    if confirm:
        return run_action(
            request,
            lambda: services.decision_confirm(decision=decision, user=request.user),
            done=_(
                "Beschlossen. Der Beschluss ist jetzt festgehalten und wird nicht mehr geändert."
            ),
            back=back,
        )
    return run_action(
        request,
        lambda: services.decision_discard(decision=decision, user=request.user),
        done=_("Der Entwurf ist verworfen."),
        back=back,
    )


@login_required
def decision_confirm(request: AuthedRequest, pk: int, decision_id: int) -> HttpResponse:
    return _decision_step(request, pk, decision_id, confirm=True)


@login_required
def decision_discard(request: AuthedRequest, pk: int, decision_id: int) -> HttpResponse:
    return _decision_step(request, pk, decision_id, confirm=False)
