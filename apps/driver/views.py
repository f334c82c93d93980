from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from apps.base.http import AuthedRequest, answer, refusal_message
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperation_for_member
from apps.driver import selectors, services
from apps.driver.charts import trend_chart
from apps.driver.forms import CheckInForm, NotificationSettingsForm, SnoozeForm
from apps.driver.health import health_for
from apps.driver.models import CheckInAnswer, CheckInChoice, Nudge
from apps.driver.rules import DriverRun

NUDGES_PER_PAGE = 20
LATER_TAB = "spaeter"


@login_required
def nudges(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    tab = LATER_TAB if request.GET.get("ansicht") == LATER_TAB else "offen"
    if tab == LATER_TAB:
        found = selectors.later_nudges(user=request.user, today=today)
    else:
        found = selectors.open_nudges(user=request.user, today=today)
    page = Paginator(found, NUDGES_PER_PAGE).get_page(request.GET.get("seite"))
    context = {
        "page": page,
        "tab": tab,
        "today": today,
        "snooze_default": services.snooze_default(today),
        "query": f"ansicht={LATER_TAB}" if tab == LATER_TAB else "",
    }
    return render(request, "driver/nudges.html", context)


def _answer(
    request: AuthedRequest, nudge: Nudge, *, done: str, error: ValidationError | None
) -> HttpResponse:
    """htmx swaps the nudge's row (and the header counter); otherwise back to the list."""
    context = {
        "nudge": nudge,
        "today": timezone.localdate(),
        "snooze_default": services.snooze_default(),
    }
    return answer(
        request,
        done=done,
        error=refusal_message(error) if error else None,
        back=reverse("driver:nudges"),
        partial="driver/nudges.html#nudge-answer",
        context=context,
    )


@login_required
@require_POST
def nudge_done(request: AuthedRequest, pk: int) -> HttpResponse:
    nudge = selectors.nudge_for_owner(user=request.user, pk=pk)
    try:
        nudge = services.nudge_done(nudge=nudge, user=request.user)
    except ValidationError as error:
        return _answer(request, nudge, done="", error=error)
    return _answer(request, nudge, done=_("Als erledigt markiert."), error=None)


@login_required
@require_POST
def nudge_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    nudge = selectors.nudge_for_owner(user=request.user, pk=pk)
    try:
        nudge = services.nudge_dismiss(nudge=nudge, user=request.user)
    except ValidationError as error:
        return _answer(request, nudge, done="", error=error)
    return _answer(request, nudge, done=_("Impuls verworfen."), error=None)


@login_required
@require_POST
def nudge_snooze(request: AuthedRequest, pk: int) -> HttpResponse:
    nudge = selectors.nudge_for_owner(user=request.user, pk=pk)
    form = SnoozeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Bitte geben Sie ein gültiges Datum an."))
        nudge = services.nudge_snooze(
            nudge=nudge, user=request.user, until=form.cleaned_data["until"]
        )
    except ValidationError as error:
        return _answer(request, nudge, done="", error=error)
    assert nudge.snoozed_until is not None
    until = formats.date_format(nudge.snoozed_until, "DATE_FORMAT")
    done = _("Zurückgestellt bis %(date)s.") % {"date": until}
    return _answer(request, nudge, done=done, error=None)


@login_required
def notification_settings(request: AuthedRequest) -> HttpResponse:
    current = selectors.notification_settings_for(user=request.user)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(
            user=request.user,
            urgent_immediately=form.cleaned_data["urgent_immediately"],
            digest=form.cleaned_data["digest"],
        )
        messages.success(request, _("Ihre E-Mail-Einstellungen sind gespeichert."))
        return redirect("driver:settings")
    return render(request, "driver/settings.html", {"form": form})


@csrf_exempt  # mail programs POST here without a session (RFC 8058 one-click)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Signed link from every mail: GET asks to confirm, POST turns all nudge mail off."""
    user = selectors.user_for_unsubscribe(token=token)
    if request.method == "POST":
        services.notification_settings_unsubscribe(user=user)
        return render(request, "driver/unsubscribe.html", {"done": True, "person": user})
    return render(request, "driver/unsubscribe.html", {"done": False, "person": user})


# Check-in and health, inside a cooperation ----------------------------------------------

TREND_DAYS = 90
MIN_TREND_DAYS = 7


def _checkin_context(request: AuthedRequest, cooperation: Cooperation) -> dict[str, Any]:
    schedules = selectors.checkin_schedules(run=DriverRun.start(), cooperation_ids=[cooperation.pk])
    return {
        "cooperation": cooperation,
        "membership": cooperation.membership,  # type: ignore[attr-defined]
        "health": health_for(cooperation),
        "next_due": schedules[0].next_due if schedules else None,
    }


@login_required
def checkin_overview(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    check_in = selectors.latest_check_in(cooperation=cooperation)
    view = selectors.checkin_view(cooperation=cooperation, user=request.user, check_in=check_in)
    form = CheckInForm(request.POST or None, instance=view.my_answer)
    if request.method == "POST":
        if check_in is None:
            raise Http404
        if form.is_valid():
            try:
                answer = services.checkin_answer(
                    check_in=check_in, user=request.user, data=form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error if isinstance(error, ValidationError) else str(error))
            else:
                messages.success(request, _answered_message(answer))
                return redirect("checkins:overview", pk=cooperation.pk)
    context = _checkin_context(request, cooperation)
    context |= {
        "view": view,
        "form": form,
        "rounds": selectors.check_ins_of(cooperation=cooperation),
    }
    return render(request, "driver/checkin.html", context)


def _answered_message(answer: CheckInAnswer) -> str:
    if answer.choice == CheckInChoice.LEAVE:
        return _(
            "Ihre Antwort ist gespeichert. Die anderen Mitglieder erfahren, dass Sie aussteigen "
            "möchten – sprechen Sie miteinander."
        )
    return _("Ihre Antwort ist gespeichert.")


@login_required
def checkin_round(request: AuthedRequest, pk: int, check_in_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    check_in = selectors.check_in_in(cooperation=cooperation, pk=check_in_id)
    view = selectors.checkin_view(cooperation=cooperation, user=request.user, check_in=check_in)
    context = _checkin_context(request, cooperation) | {"view": view, "single_round": True}
    return render(request, "driver/checkin.html", context)


@login_required
def health(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    until = (
        timezone.localdate(cooperation.ended_at) if cooperation.ended_at else timezone.localdate()
    )
    values = selectors.health_trend(
        cooperation=cooperation, since=until - timedelta(days=TREND_DAYS - 1)
    )
    # The chart spans the stored values (a young cooperation's fill the width), at least a week.
    since = min(values[0][0] if values else until, until - timedelta(days=MIN_TREND_DAYS))
    context = {
        "cooperation": cooperation,
        "health": health_for(cooperation),
        "chart": trend_chart(values, since=since, until=until),
        "values": list(reversed(values)),
        "trend_days": TREND_DAYS,
    }
    return render(request, "driver/health.html", context)
