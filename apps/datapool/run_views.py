"""Pages and endpoints of an overlap run. The page scripts (static/datapool/run.js)
read the CSV in the browser and send only blinded values; these views check access,
hand out the messages the other side needs and call the services."""

from collections.abc import Callable
from typing import TypeVar, cast

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, refusal_message, run_action
from apps.datapool import psi, selectors
from apps.datapool.models import OverlapRun, Pool
from apps.datapool.overlap import MAX_LIST_SIZE, run_answer, run_cancel, run_finish, run_start
from apps.organisations.selectors import is_admin

View = TypeVar("View", bound=Callable[..., HttpResponse])


def with_import_map(view: View) -> View:
    """The import map that lets the module script import @noble/curves is inline: it
    needs a nonce (the rest of the policy stays 'self' only)."""
    return cast(View, csp_update({"script-src": [NONCE]})(view))


def _body(request: AuthedRequest) -> bytes:
    """The raw blinded bytes of the POST (read from the stream: a list of 100,000
    is 3.2 MB, more than Django's limit for form data, which does not apply here)."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if not length or length > 2 * MAX_LIST_SIZE * psi.POINT_SIZE:
        raise ValidationError(_("Die Nachricht fehlt oder ist zu groß."))
    return request.read(length)


def _json_outcome(
    request: AuthedRequest,
    action: Callable[[], OverlapRun],
    run_url: Callable[[OverlapRun], str],
) -> JsonResponse:
    try:
        run = action()
    except (ValidationError, PermissionDenied) as error:
        return JsonResponse({"error": refusal_message(error)}, status=400)
    return JsonResponse({"run": run.pk, "url": run_url(run)})


@login_required
@with_import_map
def run_new(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_participant(user=request.user, pk=pk)
    own = selectors.admin_organisations(user=request.user, pool=pool)
    partners = selectors.active_organisations(pool=pool).exclude(pk__in=[o.pk for o in own])
    return render(
        request,
        "datapool/run_new.html",
        {
            "pool": pool,
            "own": own,
            "partners": partners,
            "runs": selectors.runs_of(pool=pool)[:20],
        },
    )


@login_required
@require_POST
def run_create(request: AuthedRequest, pk: int) -> JsonResponse:
    pool = selectors.pool_for_participant(user=request.user, pk=pk)
    active = selectors.active_organisations(pool=pool)
    initiator = active.filter(pk=request.GET.get("initiator") or 0).first()
    responder = active.filter(pk=request.GET.get("responder") or 0).first()
    if initiator is None or responder is None:
        return JsonResponse({"error": _("Bitte wählen Sie beide Organisationen.")}, status=400)
    try:
        salt = bytes.fromhex(request.GET.get("salt", ""))
    except ValueError:
        salt = b""
    return _json_outcome(
        request,
        lambda: run_start(
            user=request.user,
            pool=pool,
            initiator=initiator,
            responder=responder,
            salt=salt,
            a_blinded=_body(request),
        ),
        lambda run: reverse("datapool:run", args=[pool.pk, run.pk]),
    )


def _run(request: AuthedRequest, pk: int, run_pk: int) -> tuple[Pool, OverlapRun]:
    pool = selectors.pool_for_participant(user=request.user, pk=pk)
    return pool, selectors.run_for_member(pool=pool, pk=run_pk)


@login_required
@with_import_map
def run_detail(request: AuthedRequest, pk: int, run_pk: int) -> HttpResponse:
    pool, run = _run(request, pk, run_pk)
    return render(
        request,
        "datapool/run_detail.html",
        {
            "pool": pool,
            "run": run,
            "salt": bytes(OverlapRun.objects.values_list("salt", flat=True).get(pk=run.pk)).hex(),
            "is_initiator": is_admin(user=request.user, organisation=run.initiator),
            "is_responder": is_admin(user=request.user, organisation=run.responder),
        },
    )


@login_required
def run_message(request: AuthedRequest, pk: int, run_pk: int, name: str) -> HttpResponse:
    """The blinded message the caller's side needs for its next step."""
    if name not in ("anfrage", "antwort"):
        raise Http404
    _pool, run = _run(request, pk, run_pk)
    side = run.responder if name == "anfrage" else run.initiator
    if not is_admin(user=request.user, organisation=side):
        raise Http404
    field = "a_blinded" if name == "anfrage" else "b_blinded"
    data = bytes(OverlapRun.objects.values_list(field, flat=True).get(pk=run.pk))
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def run_answer_view(request: AuthedRequest, pk: int, run_pk: int) -> JsonResponse:
    pool, run = _run(request, pk, run_pk)
    split = run.initiator_size * psi.POINT_SIZE

    def answer() -> OverlapRun:
        body = _body(request)
        return run_answer(
            user=request.user,
            run=OverlapRun.objects.get(pk=run.pk),
            ab=body[:split],
            b_blinded=body[split:],
        )

    return _json_outcome(
        request,
        answer,
        lambda run: reverse("datapool:run", args=[pool.pk, run.pk]),
    )


@login_required
@require_POST
def run_finish_view(request: AuthedRequest, pk: int, run_pk: int) -> JsonResponse:
    pool, run = _run(request, pk, run_pk)
    return _json_outcome(
        request,
        lambda: run_finish(
            user=request.user, run=OverlapRun.objects.get(pk=run.pk), ba=_body(request)
        ),
        lambda run: reverse("datapool:run", args=[pool.pk, run.pk]),
    )


@login_required
@require_POST
def run_cancel_view(request: AuthedRequest, pk: int, run_pk: int) -> HttpResponse:
    pool, run = _run(request, pk, run_pk)
    return run_action(
        request,
        lambda: run_cancel(user=request.user, run=run),
        done=_("Der Abgleich ist abgebrochen."),
        back=reverse("datapool:run", args=[pool.pk, run.pk]),
    )
