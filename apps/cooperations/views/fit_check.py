"""The fit check pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, refusal_message
from apps.cooperations import selectors, services
from apps.cooperations.forms import (
    FitCheckForm,
)
from apps.cooperations.views.common import cooperation_url, page


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
    context = page(cooperation, view=view, form=form)
    return render(request, "cooperations/fit_check.html", context)
