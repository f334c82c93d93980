"""The money pages: overview with balances, shared costs, settlements and receipts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest, form_save, run_action
from apps.cooperations.selectors import cooperation_for_member
from apps.finances import charts, selectors, services
from apps.finances.forms import SharedCostForm
from apps.finances.views.common import current_members, page_context, read_only


@login_required
def overview(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    money = selectors.money_of(cooperation=cooperation)
    context = page_context(
        cooperation,
        money=money,
        chart=charts.balance_chart(money.members),
        settlement=selectors.latest_settlement(cooperation=cooperation),
        has_open=selectors.open_transfers(cooperation=cooperation).exists(),
        recent=money.engagements[:5],
    )
    return render(request, "finances/overview.html", context)


@login_required
def shared_costs(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    form = SharedCostForm(request.POST or None, members=current_members(cooperation))
    if request.method == "POST":
        if refused := read_only(request, cooperation):
            return refused
        if form.is_valid():
            data = form.cleaned_data
            created = form_save(
                form,
                lambda: services.shared_cost_create(
                    cooperation=cooperation,
                    user=request.user,
                    title=data["title"],
                    monthly_amount=data["monthly_amount"],
                    payer_id=data["payer"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    kind=data["kind"],
                    shares=form.shares(),
                ),
            )
            if created is not None:
                messages.success(request, _("Die laufenden Kosten sind eingetragen."))
                return redirect("finances:shared-costs", pk=cooperation.pk)
    money = selectors.money_of(cooperation=cooperation)
    context = page_context(cooperation, form=form, items=money.shared_costs)
    return render(request, "finances/shared_costs.html", context)


@login_required
def settlements(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    history = Paginator(selectors.settlements_of(cooperation=cooperation), 10)
    page = history.get_page(request.GET.get("seite"))
    money = selectors.money_of(cooperation=cooperation)
    latest = selectors.latest_settlement(cooperation=cooperation)
    context = page_context(
        cooperation,
        page=page,
        money=money,
        latest_id=latest.pk if latest else None,
        has_open=selectors.open_transfers(cooperation=cooperation).exists(),
    )
    return render(request, "finances/settlements.html", context)


@login_required
@require_POST
def settlement_propose(request: AuthedRequest, pk: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    return run_action(
        request,
        lambda: services.settlement_propose(cooperation=cooperation, user=request.user),
        done=_("Der Ausgleich ist vorgeschlagen."),
        back=reverse("finances:settlements", args=[cooperation.pk]),
    )


@login_required
@require_POST
def transfer_confirm(request: AuthedRequest, pk: int, transfer_id: int) -> HttpResponse:
    cooperation = cooperation_for_member(user=request.user, pk=pk)
    transfer = selectors.transfer_in(cooperation=cooperation, pk=transfer_id)
    transfer.settlement.cooperation = cooperation
    return run_action(
        request,
        lambda: services.transfer_confirm(transfer=transfer, user=request.user),
        done=_("Der Zahlungseingang ist bestätigt."),
        back=reverse("finances:settlements", args=[cooperation.pk]),
    )
