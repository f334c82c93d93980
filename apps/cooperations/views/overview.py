"""The cooperation's own pages: the list, founding, the overview, its details, the
timeline and the archive download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.base import idempotency
from apps.base.http import AuthedRequest, refusal_message
from apps.cooperations import documents, selectors, services
from apps.cooperations.forms import (
    ArchiveForm,
    CooperationForm,
)
from apps.cooperations.views.common import cooperation_url, page
from apps.network.selectors import connected_user_ids

EVENTS_PER_PAGE = 30


@login_required
def cooperation_list(request: AuthedRequest) -> HttpResponse:
    cooperations = selectors.cooperations_for(user=request.user)
    context = {
        "cooperations": cooperations.filter(archived_at__isnull=True),
        "archived": cooperations.filter(archived_at__isnull=False),
        "invitations": selectors.open_invitations_for(user=request.user),
    }
    return render(request, "cooperations/list.html", context)


@login_required
def cooperation_new(request: AuthedRequest) -> HttpResponse:
    partner = None
    if partner_id := request.GET.get("mit") or request.POST.get("mit"):
        if not str(partner_id).isdigit() or int(partner_id) not in connected_user_ids(
            user=request.user
        ):
            raise Http404
        partner = User.objects.get(pk=partner_id)
    form = CooperationForm(request.POST or None)
    if request.method == "POST":
        once = idempotency.claim(request, scope="cooperation-new", fallback=reverse_list())
        if once.repeat_of:
            return redirect(once.repeat_of)
        cooperation = None
        if form.is_valid():
            try:
                cooperation = services.cooperation_create(
                    founder=request.user, invite=partner, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
        if cooperation is None:
            once.release()
        else:
            once.done(cooperation_url(cooperation))
            messages.success(request, _("Ihre Kooperation ist angelegt."))
            return redirect(cooperation_url(cooperation))
    context = {"form": form, "partner": partner, "once_token": idempotency.token_of(request)}
    return render(request, "cooperations/form.html", context)


def reverse_list() -> str:
    return reverse("cooperations:list")


@login_required
def cooperation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    versions = selectors.versions_of(cooperation=cooperation)
    context = page(
        cooperation,
        members=selectors.members_of(cooperation=cooperation),
        invitations=selectors.open_invitations_of(cooperation=cooperation),
        events=selectors.timeline(cooperation=cooperation)[:8],
        in_force=next((v for v in versions if v.status == "in_force"), None),
        pending=next((v for v in versions if v.status == "proposed"), None),
        fit=selectors.fit_check_view(cooperation=cooperation, user=request.user),
        open_exit=selectors.open_exit(cooperation=cooperation),
    )
    return render(request, "cooperations/detail.html", context)


@login_required
def cooperation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    form = CooperationForm(request.POST or None, instance=cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            services.cooperation_update(
                cooperation=cooperation, user=request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("Die Angaben sind gespeichert."))
            return redirect(cooperation_url(cooperation))
    return render(request, "cooperations/form.html", page(cooperation, form=form))


@login_required
def cooperation_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    """ "Löschen" asks for a confirmation and archives: records stay (see the service)."""
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cooperation_archive(cooperation=cooperation, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(
                request,
                _("„%(title)s“ ist archiviert. Sie finden sie unter „Archiviert“.")
                % {"title": cooperation.title},
            )
            return redirect(reverse_list())
    return render(request, "cooperations/delete.html", page(cooperation, form=form))


@login_required
def cooperation_timeline(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    events = Paginator(selectors.timeline(cooperation=cooperation), EVENTS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "cooperations/timeline.html", page(cooperation, page=events))


@login_required
def archive(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_for_member(user=request.user, pk=pk)
    response = HttpResponse(documents.archive_zip(cooperation), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.archive_name(cooperation)}"'
    )
    return response
