from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest
from apps.referrals import charts, selectors, services
from apps.referrals.forms import FindForm, ReferralForm, StatusFilterForm, ThankForm, WonForm
from apps.referrals.models import Referral, ReferralAction

PER_PAGE = 20
BALANCE_PER_PAGE = 25
GIVEN, RECEIVED = "gegeben", "erhalten"

# Status changes without further input: the service and the message that confirms it.
SIMPLE_ACTIONS: dict[str, tuple[Callable[..., Referral], Callable[[Referral], str]]] = {
    ReferralAction.ACCEPTED: (
        services.referral_accept,
        lambda r: _("Sie haben die Empfehlung von %(name)s angenommen.") % {"name": r.giver},
    ),
    ReferralAction.DECLINED: (
        services.referral_decline,
        lambda r: _("Sie haben die Empfehlung von %(name)s abgelehnt.") % {"name": r.giver},
    ),
    ReferralAction.WITHDRAWN: (
        services.referral_withdraw,
        lambda r: _("Sie haben Ihre Empfehlung an %(name)s zurückgezogen.") % {"name": r.receiver},
    ),
    ReferralAction.CONTACTED: (
        services.referral_mark_contacted,
        lambda r: _("Notiert: Sie haben Kontakt aufgenommen."),
    ),
    ReferralAction.LOST: (
        services.referral_mark_lost,
        lambda r: _("Notiert: Der Auftrag ist nicht zustande gekommen."),
    ),
    ReferralAction.VALUE_SHARED: (
        services.referral_share_value,
        lambda r: _("%(name)s sieht jetzt den Auftragswert.") % {"name": r.giver},
    ),
    ReferralAction.CLIENT_DATA_ERASED: (
        services.referral_erase_client_data,
        lambda r: _("Die Kontaktdaten der Kundin oder des Kunden sind gelöscht."),
    ),
}


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise Http404 from None


# Lists and pages ----------------------------------------------------------------------


@login_required
def referral_list(request: AuthedRequest) -> HttpResponse:
    view = GIVEN if request.GET.get("ansicht") == GIVEN else RECEIVED
    filter_form = StatusFilterForm(request.GET or None)
    status = filter_form.status_value()
    find = selectors.referrals_given if view == GIVEN else selectors.referrals_received
    page = Paginator(find(user=request.user, status=status), PER_PAGE).get_page(
        request.GET.get("seite")
    )
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "view": view,
        "page": page,
        "filter_form": filter_form,
        "status": status,
        "query": query.urlencode(),
        "open_received": selectors.open_received_count(user=request.user),
    }
    return render(request, "referrals/list.html", context)


@login_required
def referral_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_for_participant(user=request.user, pk=pk)
    return _detail(request, referral)


def _detail(
    request: AuthedRequest, referral: Referral, *, thank_form: ThankForm | None = None
) -> HttpResponse:
    user = request.user
    other = referral.other(user)
    actions = services.available_actions(referral=referral, user=user)
    context = {
        "referral": referral,
        "role": referral.role_of(user),
        "other": other,
        "actions": actions,
        "next_steps": actions - {ReferralAction.THANKED, ReferralAction.CLIENT_DATA_ERASED},
        "history": selectors.referral_history(referral=referral),
        "thank_form": thank_form or ThankForm(),
        "show_contact": referral.contact_data_visible_to(user),
        "show_value": referral.value_visible_to(user),
        "pair": selectors.pair_balance(user=user, other=other),
        "retention_months": settings.REFERRALS_CLIENT_DATA_RETENTION_MONTHS,
    }
    return render(request, "referrals/detail.html", context)


@login_required
def referral_create(request: AuthedRequest) -> HttpResponse:
    giver = request.user
    initial: dict[str, Any] = {"need": request.GET.get("bedarf", "")[:3000]}
    if "an" in request.GET:
        initial["receiver"] = selectors.referral_partner(user=giver, pk=_int(request.GET["an"]))
    form = ReferralForm(request.POST or None, giver=giver, initial=initial)
    consent_text = services.consent_text_for(giver=giver)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_offer(giver=giver, **form.service_arguments(consent_text))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Ihre Empfehlung an %(name)s ist unterwegs.") % {"name": referral.receiver},
            )
            return redirect("referrals:detail", pk=referral.pk)
    context = {"form": form, "consent_text": consent_text, "receiver": initial.get("receiver")}
    return render(request, "referrals/form.html", context)


@login_required
def referral_find(request: AuthedRequest) -> HttpResponse:
    form = FindForm(request.GET or None)
    text = form.text()
    context = {
        "form": form,
        "text": text,
        "matches": selectors.rank_partners_for_need(user=request.user, text=text) if text else None,
        "partner_count": selectors.referral_partners_for(request.user).count(),
    }
    template = "referrals/find.html#results" if request.htmx else "referrals/find.html"
    return render(request, template, context)


@login_required
def balance(request: AuthedRequest) -> HttpResponse:
    figures = selectors.reciprocity_for(user=request.user)
    context = {
        "figures": figures,
        "charts": [
            charts.balance_chart(figures.total, figures.pairs, metric=metric)
            for metric in ("count", "value")
        ],
        "page": Paginator(figures.pairs, BALANCE_PER_PAGE).get_page(request.GET.get("seite")),
    }
    return render(request, "referrals/balance.html", context)


@login_required
def export(request: AuthedRequest) -> HttpResponse:
    """Meine Empfehlungen exportieren: everything the user may see, as JSON."""
    response = JsonResponse(
        selectors.referrals_export_for(request.user),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="wirwerk-empfehlungen.json"'
    return response


# Actions ------------------------------------------------------------------------------


def _apply(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    referral = selectors.referral_for_participant(user=request.user, pk=pk)
    service, done = SIMPLE_ACTIONS[action]
    try:
        service(referral=referral, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done(referral))
    return redirect("referrals:detail", pk=referral.pk)


def _confirm_or_apply(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """Actions that close something ask first (GET), then act (POST)."""
    if request.method == "POST":
        return _apply(request, pk, action)
    referral = selectors.referral_for_participant(user=request.user, pk=pk)
    if action not in services.available_actions(referral=referral, user=request.user):
        messages.error(request, _("Das ist bei dieser Empfehlung nicht (mehr) möglich."))
        return redirect("referrals:detail", pk=referral.pk)
    context = {"referral": referral, "action": action, "other": referral.other(request.user)}
    return render(request, "referrals/confirm.html", context)


@login_required
@require_POST
def referral_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    return _apply(request, pk, ReferralAction.ACCEPTED)


@login_required
def referral_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    return _confirm_or_apply(request, pk, ReferralAction.DECLINED)


@login_required
def referral_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    return _confirm_or_apply(request, pk, ReferralAction.WITHDRAWN)


@login_required
@require_POST
def referral_contacted(request: AuthedRequest, pk: int) -> HttpResponse:
    return _apply(request, pk, ReferralAction.CONTACTED)


@login_required
def referral_lost(request: AuthedRequest, pk: int) -> HttpResponse:
    return _confirm_or_apply(request, pk, ReferralAction.LOST)


@login_required
def referral_erase(request: AuthedRequest, pk: int) -> HttpResponse:
    return _confirm_or_apply(request, pk, ReferralAction.CLIENT_DATA_ERASED)


@login_required
@require_POST
def referral_share_value(request: AuthedRequest, pk: int) -> HttpResponse:
    return _apply(request, pk, ReferralAction.VALUE_SHARED)


@login_required
def referral_won(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_for_participant(user=request.user, pk=pk)
    form = WonForm(request.POST or None, giver=referral.giver)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_mark_won(
                referral=referral,
                user=request.user,
                value=form.cleaned_data["value"],
                share_value=form.cleaned_data["share_value"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Glückwunsch zum Auftrag! Er ist notiert."))
            return redirect("referrals:detail", pk=referral.pk)
    elif ReferralAction.WON not in services.available_actions(referral=referral, user=request.user):
        messages.error(request, _("Das ist bei dieser Empfehlung nicht (mehr) möglich."))
        return redirect("referrals:detail", pk=referral.pk)
    return render(request, "referrals/won.html", {"referral": referral, "form": form})


@login_required
@require_POST
def referral_thank(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_for_participant(user=request.user, pk=pk)
    form = ThankForm(request.POST)
    if form.is_valid():
        try:
            services.referral_thank(
                referral=referral, user=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Ihr Dankeschön an %(name)s ist angekommen.") % {"name": referral.giver}
            )
            return redirect("referrals:detail", pk=referral.pk)
    return _detail(request, referral, thank_form=form)
