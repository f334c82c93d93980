"""Pages of meetings, decisions, actions and date polls. Every view inside a
cooperation starts with ``cooperation_for_member``: outsiders get 404 first.
Former members and ended cooperations read everything and change nothing."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, answer, form_save, refusal_message, run_action
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperation_for_member
from apps.meetings import ical, selectors, services
from apps.meetings.forms import (
    ActionFilterForm,
    ActionForm,
    AgendaItemForm,
    DatePollForm,
    DecisionForm,
    MeetingForm,
    PollAnswerForm,
    ProtocolForm,
)
from apps.meetings.models import Action, Meeting

PER_PAGE = 20
UPCOMING, PAST = "kommende", "vergangene"


# Helpers ----------------------------------------------------------------------


def _cooperation(request: AuthedRequest, pk: int) -> Cooperation:
    return cooperation_for_member(user=request.user, pk=pk)


def writable(cooperation: Cooperation) -> bool:
    """Current members of a running cooperation may change things."""
    membership = cooperation.membership  # type: ignore[attr-defined]
    return bool(membership.is_current and not cooperation.is_ended)


def _read_only(request: AuthedRequest, back: str) -> HttpResponse:
    messages.error(request, _("Hier können Sie nichts mehr ändern: Sie lesen nur noch mit."))
    return redirect(back)


def _act(request: AuthedRequest, action: Callable[[], Any], done: str, back: str) -> HttpResponse:
    return run_action(request, action, done=done, back=back)


def _meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting-detail", args=[meeting.cooperation_id, meeting.pk])


def _list_url(cooperation: Cooperation) -> str:
    return reverse("meetings:meeting-list", args=[cooperation.pk])


def _context(cooperation: Cooperation, **extra: Any) -> dict[str, Any]:
    return {"cooperation": cooperation, "writable": writable(cooperation), **extra}


# Meetings ---------------------------------------------------------------------


@login_required
def meeting_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    view = PAST if request.GET.get("ansicht") == PAST else UPCOMING
    find = selectors.past_meetings if view == PAST else selectors.upcoming_meetings
    meetings = find(cooperation=cooperation, now=timezone.now())
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("seite"))
    context = _context(
        cooperation,
        view=view,
        page=page,
        query=f"ansicht={view}",
        polls=selectors.polls_of(cooperation=cooperation),
    )
    return render(request, "meetings/meeting_list.html", context)


@login_required
def meeting_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    if not writable(cooperation):
        return _read_only(request, _list_url(cooperation))
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form_save(
            form,
            lambda: services.meeting_create(
                cooperation=cooperation, user=request.user, **form.cleaned_data
            ),
        )
        if meeting is not None:
            messages.success(request, _("Die Besprechung ist geplant."))
            return redirect(_meeting_url(meeting))
    return render(request, "meetings/meeting_form.html", _context(cooperation, form=form))


@login_required
def meeting_edit(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    if not writable(cooperation):
        return _read_only(request, _meeting_url(meeting))
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        done = form_save(
            form,
            lambda: services.meeting_update(
                meeting=meeting, user=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Die Besprechung ist geändert."))
            return redirect(_meeting_url(meeting))
    context = _context(cooperation, form=form, meeting=meeting)
    return render(request, "meetings/meeting_form.html", context)


def _detail(
    request: AuthedRequest, cooperation: Cooperation, meeting: Meeting, **forms: BaseForm
) -> HttpResponse:
    members = selectors.current_members(cooperation=cooperation)
    supersedable = selectors.supersedable(cooperation=cooperation)
    context = _context(
        cooperation,
        meeting=meeting,
        agenda=selectors.agenda_of(meeting=meeting),
        decisions=selectors.decisions_of_meeting(meeting=meeting),
        actions=selectors.actions_of_meeting(meeting=meeting),
        agenda_form=forms.get("agenda_form") or AgendaItemForm(),
        decision_form=forms.get("decision_form") or DecisionForm(supersedable=supersedable),
        action_form=forms.get("action_form")
        or ActionForm(members=members, initial={"owner": request.user.pk}),
        today=timezone.localdate(),
        is_past=meeting.is_past(),
    )
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_detail(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    return _detail(
        request, cooperation, selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    )


@login_required
def meeting_protocol(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    if not writable(cooperation):
        return _read_only(request, _meeting_url(meeting))
    initial = {"protocol": meeting.protocol, "revision": meeting.protocol_revision}
    form = ProtocolForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.protocol_save(meeting=meeting, user=request.user, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, _("Das Protokoll ist gespeichert."))
            return redirect(_meeting_url(meeting) + "#protokoll")
        meeting.refresh_from_db()  # show the newer text beside the user's own
    context = _context(cooperation, meeting=meeting, form=form)
    return render(request, "meetings/protocol_form.html", context)


@login_required
def meeting_ics(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    response = HttpResponse(ical.calendar_bytes([meeting]), content_type="text/calendar")
    name = f"besprechung-{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{meeting.pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Agenda -----------------------------------------------------------------------


@login_required
@require_POST
def agenda_add(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return _detail(request, cooperation, meeting, agenda_form=form)
    return _act(
        request,
        lambda: services.agenda_item_add(meeting=meeting, user=request.user, **form.cleaned_data),
        _("Der Punkt steht auf der Tagesordnung."),
        _meeting_url(meeting) + "#tagesordnung",
    )


@login_required
@require_POST
def agenda_move(request: AuthedRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    item = selectors.agenda_item_in(meeting=meeting, pk=item_id)
    up = request.POST.get("richtung") != "runter"
    return _act(
        request,
        lambda: services.agenda_item_move(item=item, user=request.user, up=up),
        _("Die Reihenfolge ist geändert."),
        _meeting_url(meeting) + "#tagesordnung",
    )


@login_required
@require_POST
def agenda_remove(request: AuthedRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    item = selectors.agenda_item_in(meeting=meeting, pk=item_id)
    return _act(
        request,
        lambda: services.agenda_item_remove(item=item, user=request.user),
        _("Der Punkt ist von der Tagesordnung genommen."),
        _meeting_url(meeting) + "#tagesordnung",
    )


# Decisions --------------------------------------------------------------------


@login_required
@require_POST
def decision_add(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
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
            return redirect(_meeting_url(meeting) + "#beschluesse")
    return _detail(request, cooperation, meeting, decision_form=form)


@login_required
def decision_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    page = Paginator(selectors.decisions_of(cooperation=cooperation), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "meetings/decision_list.html", _context(cooperation, page=page))


@login_required
def decision_edit(request: AuthedRequest, pk: int, decision_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    decision = selectors.decision_in(cooperation=cooperation, pk=decision_id)
    back = _meeting_url(decision.meeting) + "#beschluesse"
    if not writable(cooperation):
        return _read_only(request, back)
    if decision.is_final:
        messages.error(
            request,
            _(
                "Ein gefasster Beschluss wird nie geändert. Fassen Sie einen neuen Beschluss, "
                "der ihn ersetzt."
            ),
        )
        return redirect(back)
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
    context = _context(cooperation, form=form, decision=decision)
    return render(request, "meetings/decision_form.html", context)


def _decision_step(
    request: AuthedRequest, pk: int, decision_id: int, *, confirm: bool
) -> HttpResponse:
    """GET asks once more (confirming cannot be undone); POST does it."""
    cooperation = _cooperation(request, pk)
    decision = selectors.decision_in(cooperation=cooperation, pk=decision_id)
    back = _meeting_url(decision.meeting) + "#beschluesse"
    if not writable(cooperation):
        return _read_only(request, back)
    if request.method != "POST":
        context = _context(cooperation, decision=decision, confirm=confirm, back=back)
        return render(request, "meetings/decision_confirm.html", context)
    if confirm:
        return _act(
            request,
            lambda: services.decision_confirm(decision=decision, user=request.user),
            _("Beschlossen. Der Beschluss ist jetzt festgehalten und wird nicht mehr geändert."),
            back,
        )
    return _act(
        request,
        lambda: services.decision_discard(decision=decision, user=request.user),
        _("Der Entwurf ist verworfen."),
        back,
    )


@login_required
def decision_confirm(request: AuthedRequest, pk: int, decision_id: int) -> HttpResponse:
    return _decision_step(request, pk, decision_id, confirm=True)


@login_required
def decision_discard(request: AuthedRequest, pk: int, decision_id: int) -> HttpResponse:
    return _decision_step(request, pk, decision_id, confirm=False)


# Actions ----------------------------------------------------------------------


@login_required
def action_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    filter_form = ActionFilterForm(request.GET or None)
    status = filter_form.status_value()
    actions = selectors.actions_of(
        cooperation=cooperation, status=status, today=timezone.localdate()
    )
    page = Paginator(actions, PER_PAGE).get_page(request.GET.get("seite"))
    context = _context(
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
                return redirect(_meeting_url(meeting) + "#aufgaben")
            return redirect(reverse("meetings:action-list", args=[cooperation.pk]))
    if meeting is not None:
        return _detail(request, cooperation, meeting, action_form=form)
    return render(request, "meetings/action_form.html", _context(cooperation, form=form))


@login_required
@require_POST
def action_add(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    """An action from the protocol page of a meeting."""
    cooperation = _cooperation(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    return _action_form_page(request, cooperation, meeting)


@login_required
def action_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """An action without a meeting."""
    cooperation = _cooperation(request, pk)
    if not writable(cooperation):
        return _read_only(request, reverse("meetings:action-list", args=[cooperation.pk]))
    return _action_form_page(request, cooperation, None)


@login_required
def action_edit(request: AuthedRequest, pk: int, action_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    action = selectors.action_in(cooperation=cooperation, pk=action_id)
    back = reverse("meetings:action-list", args=[cooperation.pk]) + f"#aufgabe-{action.pk}"
    if not writable(cooperation):
        return _read_only(request, back)
    if not action.is_open:
        messages.error(request, _("Nur offene Aufgaben lassen sich ändern."))
        return redirect(back)
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
    context = _context(cooperation, form=form, action=action)
    return render(request, "meetings/action_form.html", context)


def _action_step(
    request: AuthedRequest, pk: int, action_id: int, step: Callable[..., Action], done: str
) -> HttpResponse:
    """Done, cancel, reopen: htmx swaps the action's row, otherwise back to the page."""
    cooperation = _cooperation(request, pk)
    action = selectors.action_in(cooperation=cooperation, pk=action_id)
    error = None
    try:
        action = step(action=action, user=request.user)
    except (ValidationError, PermissionDenied) as refused:
        error = refusal_message(refused)
    context = _context(
        cooperation,
        action=action,
        today=timezone.localdate(),
        show_cooperation=request.POST.get("ansicht") == "meine",
    )
    return answer(
        request,
        done=done,
        error=error,
        back=reverse("meetings:action-list", args=[cooperation.pk]),
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
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "page": page,
        "filter_form": filter_form,
        "status": status,
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "meetings/my_actions.html", context)


# Date polls -------------------------------------------------------------------


@login_required
def poll_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    if not writable(cooperation):
        return _read_only(request, _list_url(cooperation))
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
    return render(request, "meetings/poll_form.html", _context(cooperation, form=form))


@login_required
def poll_detail(request: AuthedRequest, pk: int, poll_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
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
    membership = cooperation.membership  # type: ignore[attr-defined]
    may_schedule = writable(cooperation) and (
        membership.is_coordinator or poll.created_by_id == request.user.pk
    )
    context = _context(
        cooperation, poll=poll, results=results, form=form, may_schedule=may_schedule
    )
    return render(request, "meetings/poll_detail.html", context)


@login_required
@require_POST
def poll_schedule(request: AuthedRequest, pk: int, poll_id: int) -> HttpResponse:
    cooperation = _cooperation(request, pk)
    poll = selectors.poll_in(cooperation=cooperation, pk=poll_id)
    slot_id = request.POST.get("termin", "")
    slot = selectors.slot_in(poll=poll, pk=int(slot_id) if slot_id.isdigit() else 0)
    try:
        meeting = services.date_poll_schedule(poll=poll, user=request.user, slot=slot)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
        return redirect(reverse("meetings:poll-detail", args=[cooperation.pk, poll.pk]))
    messages.success(request, _("Der Termin steht. Die Besprechung ist geplant."))
    return redirect(_meeting_url(meeting))


# Calendar ---------------------------------------------------------------------


@login_required
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    feed = selectors.active_feed(user=request.user)
    url = ""
    if feed is not None:
        url = request.build_absolute_uri(reverse("meetings:calendar-feed", args=[feed.token]))
    return render(request, "meetings/calendar.html", {"feed": feed, "feed_url": url})


@login_required
@require_POST
def calendar_create(request: AuthedRequest) -> HttpResponse:
    services.calendar_feed_create(user=request.user)
    messages.success(request, _("Ihre Kalenderadresse ist bereit. Die bisherige gilt nicht mehr."))
    return redirect("meetings:calendar")


@login_required
def calendar_revoke(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_revoke(user=request.user)
        messages.success(request, _("Die Kalenderadresse ist widerrufen."))
        return redirect("meetings:calendar")
    return render(request, "meetings/calendar_revoke.html")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed: no login, the secret address is the key; 404 when revoked."""
    feed = selectors.feed_for_token(token=token)
    meetings = selectors.feed_meetings(user=feed.user)
    body = ical.calendar_bytes(meetings, name=_("WirWerk – Besprechungen"), feed=True)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
