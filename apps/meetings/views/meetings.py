"""Pages of meetings: the lists, planning and changing, the meeting page with its
agenda and protocol, the .ics download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, run_action
from apps.cooperations.gate import can_write
from apps.cooperations.models import Cooperation
from apps.meetings import ical, selectors, services
from apps.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    DecisionForm,
    MeetingForm,
    ProtocolForm,
)
from apps.meetings.models import Meeting
from apps.meetings.views.common import (
    PER_PAGE,
    cooperation_of,
    list_url,
    meeting_url,
    page_context,
    read_only,
)

UPCOMING, PAST = "kommende", "vergangene"


@login_required
def meeting_list(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    view = PAST if request.GET.get("ansicht") == PAST else UPCOMING
    find = selectors.past_meetings if view == PAST else selectors.upcoming_meetings
    meetings = find(cooperation=cooperation, now=timezone.now())
    page = Paginator(meetings, PER_PAGE).get_page(request.GET.get("seite"))
    context = page_context(
        cooperation,
        view=view,
        page=page,
        query=f"ansicht={view}",
        polls=selectors.polls_of(cooperation=cooperation),
    )
    return render(request, "meetings/meeting_list.html", context)


@login_required
def meeting_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    if not can_write(cooperation):
        return read_only(request, list_url(cooperation))
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
            return redirect(meeting_url(meeting))
    return render(request, "meetings/meeting_form.html", page_context(cooperation, form=form))


@login_required
def meeting_edit(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    if not can_write(cooperation):
        return read_only(request, meeting_url(meeting))
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
            return redirect(meeting_url(meeting))
    context = page_context(cooperation, form=form, meeting=meeting)
    return render(request, "meetings/meeting_form.html", context)


def meeting_page(
    request: AuthedRequest, cooperation: Cooperation, meeting: Meeting, **forms: BaseForm
) -> HttpResponse:
    """The meeting page; a form with errors (agenda, decision, action) is shown again."""
    members = selectors.current_members(cooperation=cooperation)
    supersedable = selectors.supersedable(cooperation=cooperation)
    writer = can_write(cooperation)
    membership = cooperation.membership  # type: ignore[attr-defined]
    agenda = selectors.agenda_of(meeting=meeting)
    context = page_context(
        cooperation,
        meeting=meeting,
        agenda=agenda,
        # Which agenda items this user may take off (the same rule as the service).
        removable_ids={
            item.pk
            for item in agenda
            if writer and services.agenda_item_removable(item=item, membership=membership)
        },
        can_edit_protocol=writer,
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
    cooperation = cooperation_of(request, pk)
    return meeting_page(
        request, cooperation, selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    )


@login_required
def meeting_protocol(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    if not can_write(cooperation):
        return read_only(request, meeting_url(meeting))
    initial = {"protocol": meeting.protocol, "revision": meeting.protocol_revision}
    form = ProtocolForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form_save(
            form,
            lambda: services.protocol_save(meeting=meeting, user=request.user, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, _("Das Protokoll ist gespeichert."))
            return redirect(meeting_url(meeting) + "#protokoll")
        meeting.refresh_from_db()  # show the newer text beside the user's own
    context = page_context(cooperation, meeting=meeting, form=form)
    return render(request, "meetings/protocol_form.html", context)


@login_required
def meeting_ics(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    response = HttpResponse(ical.calendar_bytes([meeting]), content_type="text/calendar")
    name = f"besprechung-{timezone.localtime(meeting.starts_at):%Y-%m-%d}-{meeting.pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Agenda -----------------------------------------------------------------------


@login_required
@require_POST
def agenda_add(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return meeting_page(request, cooperation, meeting, agenda_form=form)
    return run_action(
        request,
        lambda: services.agenda_item_add(meeting=meeting, user=request.user, **form.cleaned_data),
        done=_("Der Punkt steht auf der Tagesordnung."),
        back=meeting_url(meeting) + "#tagesordnung",
    )


@login_required
@require_POST
def agenda_move(request: AuthedRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    item = selectors.agenda_item_in(meeting=meeting, pk=item_id)
    up = request.POST.get("richtung") != "runter"
    return run_action(
        request,
        lambda: services.agenda_item_move(item=item, user=request.user, up=up),
        done=_("Die Reihenfolge ist geändert."),
        back=meeting_url(meeting) + "#tagesordnung",
    )


@login_required
@require_POST
def agenda_remove(request: AuthedRequest, pk: int, meeting_id: int, item_id: int) -> HttpResponse:
    cooperation = cooperation_of(request, pk)
    meeting = selectors.meeting_in(cooperation=cooperation, pk=meeting_id)
    item = selectors.agenda_item_in(meeting=meeting, pk=item_id)
    return run_action(
        request,
        lambda: services.agenda_item_remove(item=item, user=request.user),
        done=_("Der Punkt ist von der Tagesordnung genommen."),
        back=meeting_url(meeting) + "#tagesordnung",
    )
