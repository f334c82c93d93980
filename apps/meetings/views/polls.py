"""Pages of date polls: propose slots, answer, fix the date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, refusal_message, refuse
from apps.cooperations.gate import can_write
from apps.meetings import selectors, services
from apps.meetings.forms import DatePollForm, PollAnswerForm
from apps.meetings.views.common import (
    cooperation_of,
    list_url,
    meeting_url,
    page_context,
    read_only,
)


@login_required
def poll_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    if not can_write(cooperation):
        return read_only(request, list_url(cooperation))
    form = DatePollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in DatePollForm.Meta.fields}
        poll = form_save(
            form,
            lambda: services.date_poll_create(
                cooperation=cooperation, user=request.user, slots=form.slots(), **fields
            ),
        )
        if poll is not None:
            messages.success(request, _("Die Terminumfrage läuft. Bitte antworten Sie selbst."))
            return redirect(reverse("meetings:poll-detail", args=[cooperation.pk, poll.pk]))
    return render(request, "meetings/poll_form.html", page_context(cooperation, form=form))


@login_required
def poll_detail(request: AuthedRequest, pk: int, poll_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    poll = selectors.poll_in(cooperation=cooperation, pk=poll_id)
    results = selectors.poll_results(poll=poll, user=request.user)
    slots = [result.slot for result in results.slots]
    form = PollAnswerForm(request.POST or None, slots=slots, mine=results.mine)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.date_poll_answer(poll=poll, user=request.user, answers=form.answers()),
        )
        if saved:
            messages.success(request, _("Ihre Antworten sind gespeichert."))
            return redirect(reverse("meetings:poll-detail", args=[cooperation.pk, poll.pk]))
    writer = can_write(cooperation)
    membership = cooperation.membership  # type: ignore[attr-defined]
    context = page_context(
        cooperation,
        poll=poll,
        results=results,
        form=form,
        can_answer=writer and poll.is_open,
        can_schedule=writer
        and poll.is_open
        and services.poll_schedulable(poll=poll, membership=membership),
    )
    return render(request, "meetings/poll_detail.html", context)


@login_required
@require_POST
def poll_schedule(request: AuthedRequest, pk: int, poll_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    poll = selectors.poll_in(cooperation=cooperation, pk=poll_id)
    slot_id = request.POST.get("termin", "")
    slot = selectors.slot_in(poll=poll, pk=int(slot_id) if slot_id.isdigit() else 0)
    try:
        meeting = services.date_poll_schedule(poll=poll, user=request.user, slot=slot)
    except (ValidationError, PermissionDenied) as error:
        back = reverse("meetings:poll-detail", args=[cooperation.pk, poll.pk])
        return refuse(request, refusal_message(error), back=back)
    messages.success(request, _("Der Termin steht. Die Besprechung ist geplant."))
    return redirect(meeting_url(meeting))
