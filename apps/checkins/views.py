from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest, form_save
from apps.checkins import selectors, services
from apps.checkins.charts import trend_chart
from apps.checkins.forms import CheckInForm
from apps.checkins.health import health_for
from apps.checkins.models import CheckInAnswer, CheckInChoice
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperation_for_member
from apps.driver.rules import DriverRun

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
        answer = form.is_valid() and form_save(
            form,
            lambda: services.checkin_answer(
                check_in=check_in, user=request.user, data=form.cleaned_data
            ),
        )
        if answer:
            messages.success(request, _answered_message(answer))
            return redirect("checkins:overview", pk=cooperation.pk)
    context = _checkin_context(request, cooperation)
    context |= {
        "view": view,
        "form": form,
        "rounds": selectors.check_ins_of(cooperation=cooperation),
    }
    return render(request, "checkins/checkin.html", context)


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
    return render(request, "checkins/checkin.html", context)


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
    return render(request, "checkins/health.html", context)
