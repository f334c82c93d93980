from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, answer, refusal_message
from apps.driver import selectors, services
from apps.driver.forms import SnoozeForm
from apps.driver.models import Nudge

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
