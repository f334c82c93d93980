"""Cross-organisation trainings: the list, offering one, signing up, attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, refuse, run_action
from apps.organisations import selectors, services
from apps.organisations.forms import TrainingForm
from apps.organisations.models import Organisation, Training

PER_PAGE = 20
# Organisations a training can be published to, listed on the form.
MAX_PUBLISHED_TO = 200


def _url(training: Training) -> str:
    return reverse("organisations:training", args=[training.pk])


@login_required
def training_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.trainings_for(user=request.user), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "organisations/training_list.html", {"page": page})


@login_required
def training_new(request: AuthedRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    if not selectors.plans_trainings(user=request.user, organisation=organisation):
        message = _("Fortbildungen verwalten Verwaltung und Programmplanung der Organisation.")
        return refuse(request, message, back=reverse("organisations:detail", args=[pk]))
    targets = list(Organisation.objects.order_by("name", "pk")[:MAX_PUBLISHED_TO])
    form = TrainingForm(request.POST or None, organisations=targets)
    if request.method == "POST" and form.is_valid():
        training = form_save(
            form,
            lambda: services.training_create(
                organisation=organisation,
                user=request.user,
                title=form.cleaned_data["title"],
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
                online=form.cleaned_data["online"],
                description=form.cleaned_data["description"],
                seats=form.seats(),
            ),
        )
        if training is not None:
            messages.success(request, _("Die Fortbildung ist veröffentlicht."))
            return redirect(_url(training))
    context = {"organisation": organisation, "form": form}
    return render(request, "organisations/training_form.html", context)


@login_required
def training_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    training = selectors.training_for_member(user=request.user, pk=pk)
    seats = selectors.training_seats(training=training, user=request.user)
    plans = selectors.plans_trainings(user=request.user, organisation=training.organisation)
    signups = list(selectors.training_signups(training=training))
    my_orgs = {row.organisation.pk for row in seats if row.mine}
    context = {
        "training": training,
        "seats": seats,
        "plans": plans,
        # planners of the offering organisation see everyone; others their own colleagues
        "signups": [s for s in signups if plans or s.organisation_id in my_orgs],
        "my_signup": next((s for s in signups if s.user_id == request.user.pk), None),
    }
    return render(request, "organisations/training_detail.html", context)


@login_required
@require_POST
def training_signup(request: AuthedRequest, pk: int, organisation_id: int) -> HttpResponse:
    training = selectors.training_for_member(user=request.user, pk=pk)
    organisation = selectors.organisation_for_member(user=request.user, pk=organisation_id)
    return run_action(
        request,
        lambda: services.training_signup(
            training=training, user=request.user, organisation=organisation
        ),
        done=_("Sie sind angemeldet."),
        back=_url(training),
    )


@login_required
@require_POST
def training_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    training = selectors.training_for_member(user=request.user, pk=pk)
    return run_action(
        request,
        lambda: services.training_signup_cancel(training=training, user=request.user),
        done=_("Ihre Anmeldung ist zurückgenommen."),
        back=_url(training),
    )


@login_required
@require_POST
def training_attendance(request: AuthedRequest, pk: int, signup_id: int) -> HttpResponse:
    training = selectors.training_for_member(user=request.user, pk=pk)
    attended = request.POST.get("attended") == "ja"
    return run_action(
        request,
        lambda: services.training_attendance(
            training=training, user=request.user, signup_id=signup_id, attended=attended
        ),
        done=_("Die Teilnahme ist eingetragen."),
        back=_url(training),
    )
