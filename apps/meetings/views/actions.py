"""Pages of actions: the cooperation's list, "Meine Aufgaben", create and change,
and the buttons done / cancel / reopen on a row."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, answer, form_save, refusal_message, refuse
from apps.cooperations.gate import can_write
from apps.cooperations.models import Cooperation
from apps.meetings import selectors, services
from apps.meetings.forms import ActionFilterForm, ActionForm
from apps.meetings.models import Action, Meeting
from apps.meetings.views.common import (
    PER_PAGE,
    action_list_url,
    cooperation_of,
    meeting_url,
    page_context,
    read_only,
)
from apps.meetings.views.meetings import meeting_page


@login_required
def action_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    filter_form = ActionFilterForm(request.GET or None)
    status = filter_form.status_value()
    actions = selectors.actions_of(
        cooperation=cooperation, status=status, today=timezone.localdate()
    )
    page = Paginator(actions, PER_PAGE).get_page(request.GET.get("seite"))
    context = page_context(
        cooperation,
        page=page,
        filter_form=filter_form,
        status=status,
        query=f"status={status}",
        today=timezone.localdate(),
    )
    return render(request, "meetings/action_list.html", context)


def _action_form_page(
    request: AuthedRequest, cooperation: Cooperation, meeting: Meeting | None
) -> HttpResponse:
    members = selectors.current_members(cooperation=cooperation)
    form = ActionForm(request.POST or None, members=members, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        action = form_save(
            form,
            lambda: services.action_create(
                cooperation=cooperation, user=request.user, meeting=meeting, **form.cleaned_data
            ),
        )
        if action is not None:
            messages.success(request, _("Die Aufgabe ist angelegt."))
            if meeting is not None:
                return redirect(meeting_url(meeting) + "#aufgaben")
            return redirect(action_list_url(cooperation))
    if meeting is not None:
        return meeting_page(request, cooperation, meeting, action_form=form)
    return render(request, "meetings/action_form.html", page_context(cooperation, form=form))


@login_required
@require_POST
def action_add(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    """An action from the protocol page of a meeting."""
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    return _action_form_page(request, cooperation, meeting)


@login_required
def action_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """An action without a meeting."""
    cooperation = cooperation_of(request, pk)
    if not can_write(cooperation):
        return read_only(request, action_list_url(cooperation))
    return _action_form_page(request, cooperation, None)


@login_required
def action_edit(request: AuthedRequest, pk: int, action_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    action = selectors.action_in(cooperation=cooperation, pk=action_id)
    back = action_list_url(cooperation) + f"#aufgabe-{action.pk}"
    if not can_write(cooperation):
        return read_only(request, back)
    if not action.is_open:
        return refuse(request, _("Nur offene Aufgaben lassen sich ändern."), back=back)
    members = selectors.current_members(cooperation=cooperation)
    form = ActionForm(request.POST or None, instance=action, members=members)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.action_update(action=action, user=request.user, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, _("Die Aufgabe ist geändert."))
            return redirect(back)
    context = page_context(cooperation, form=form, action=action)
    return render(request, "meetings/action_form.html", context)


def _action_step(
    request: AuthedRequest, pk: int, action_id: int, step: Callable[..., Action], done: str
) -> HttpResponse:
    """Done, cancel, reopen: htmx swaps the action's row, otherwise back to the page."""
    cooperation = cooperation_of(request, pk)
    action = selectors.action_in(cooperation=cooperation, pk=action_id)
    error = None
    try:
        action = step(action=action, user=request.user)
    except (ValidationError, PermissionDenied) as refused:
        error = refusal_message(refused)
    context = page_context(
        cooperation,
        action=action,
        today=timezone.localdate(),
        show_cooperation=request.POST.get("ansicht") == "meine",
    )
    return answer(
        request,
        done=done,
        error=error,
        back=action_list_url(cooperation),
        partial="meetings/_action.html#action-answer",
        context=context,
    )


@login_required
@require_POST
def action_done(request: AuthedRequest, pk: int, action_id: int) -> HttpResponse:
    return _action_step(request, pk, action_id, services.action_complete, _("Erledigt – danke!"))


@login_required
@require_POST
def action_cancel(request: AuthedRequest, pk: int, action_id: int) -> HttpResponse:
    return _action_step(
        request, pk, action_id, services.action_cancel, _("Die Aufgabe ist abgebrochen.")
    )


@login_required
@require_POST
def action_reopen(request: AuthedRequest, pk: int, action_id: int) -> HttpResponse:
    return _action_step(
        request, pk, action_id, services.action_reopen, _("Die Aufgabe ist wieder offen.")
    )


@login_required
def my_actions(request: AuthedRequest) -> HttpResponse:
    cooperations = selectors.my_cooperations(user=request.user)
    filter_form = ActionFilterForm(request.GET or None, cooperations=cooperations)
    status = filter_form.status_value()
    actions = selectors.actions_for(
        user=request.user,
        status=status,
        today=timezone.localdate(),
        cooperation_id=filter_form.cooperation_value(),
    )
    page = Paginator(actions, PER_PAGE).get_page(request.GET.get("seite"))
    # Each row asks the gate for its own cooperation (the user's membership, no query each).
    selectors.with_memberships(actions=page, user=request.user)
    can_write_ids = {action.pk for action in page if can_write(action.cooperation)}
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "page": page,
        "filter_form": filter_form,
        "status": status,
        "query": query.urlencode(),
        "today": timezone.localdate(),
        "can_write_ids": can_write_ids,
    }
    return render(request, "meetings/my_actions.html", context)
