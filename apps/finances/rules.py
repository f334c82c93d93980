"""The driver's rules for money (found by the driver's autodiscovery).

``pilot_over_budget``: the recorded costs of a pilot (Experiment) exceed the risk
budget every member agreed to. Every current member is nudged, urgently and once per
pilot and budget, before more is spent.

``transfer_open``: a transfer of the latest settlement proposal is not confirmed
``OPEN_DAYS`` days after the proposal. The payer is reminded to pay, the receiver to
confirm the receipt – once per ISO week while it stays open.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils.translation import gettext

from apps.base.templatetags.wirwerk import euro
from apps.cooperations.models import Cooperation, Membership
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule
from apps.finances.models import Engagement, KeyProposal, KeyPurpose, LineKind, Settlement, Transfer

OPEN_DAYS = 7


def _over_budget(params: Mapping[str, Any]) -> str:
    return gettext(
        "Das Experiment „%(title)s“ in „%(cooperation)s“ hat %(costs)s Kosten – mehr als "
        "das vereinbarte Risikobudget von %(budget)s. Bitte sprechen Sie sich ab, bevor "
        "weiteres Geld ausgegeben wird."
    ) % {
        "title": params["title"],
        "cooperation": params["cooperation"],
        "costs": euro(params["costs"]),
        "budget": euro(params["budget"]),
    }


@driver_rule("pilot_over_budget", message=_over_budget)
def pilot_over_budget(run: DriverRun) -> Iterable[NudgeSpec]:
    budget = (
        KeyProposal.objects.filter(
            engagement=OuterRef("pk"), purpose=KeyPurpose.LOSS, effective_at__isnull=False
        )
        .order_by("-effective_at", "-pk")
        .values("risk_budget")[:1]
    )
    pilots = list(
        Engagement.objects.filter(is_pilot=True, cooperation__in=Cooperation.objects.active())
        .annotate(
            budget=Subquery(budget),
            costs=Sum("lines__amount", filter=Q(lines__kind=LineKind.COST)),
        )
        .filter(budget__isnull=False, costs__gt=F("budget"))
        .values("pk", "title", "cooperation_id", "cooperation__title", "budget", "costs")
    )
    if not pilots:
        return
    members: dict[int, list[int]] = defaultdict(list)
    for cooperation_id, user_id in (
        Membership.objects.current()
        .filter(cooperation_id__in={p["cooperation_id"] for p in pilots})
        .values_list("cooperation_id", "user_id")
    ):
        members[cooperation_id].append(user_id)
    for pilot in pilots:
        budget_value = Decimal(pilot["budget"]).quantize(Decimal("0.01"))
        url = reverse("finances:engagement", args=[pilot["cooperation_id"], pilot["pk"]])
        for user_id in members[pilot["cooperation_id"]]:
            yield NudgeSpec(
                user_id=user_id,
                subject=f"pilot-budget:{pilot['pk']}",
                period=str(budget_value),
                params={
                    "title": pilot["title"],
                    "cooperation": pilot["cooperation__title"],
                    "costs": str(Decimal(pilot["costs"]).quantize(Decimal("0.01"))),
                    "budget": str(budget_value),
                },
                url=url,
                urgent=True,
                cooperation_id=pilot["cooperation_id"],
            )


def _transfer_open(params: Mapping[str, Any]) -> str:
    values = {
        "amount": euro(params["amount"]),
        "payer": params["payer"],
        "receiver": params["receiver"],
        "cooperation": params["cooperation"],
    }
    if params["role"] == "payer":
        return (
            gettext(
                "Ausgleich in „%(cooperation)s“: Bitte überweisen Sie %(amount)s an %(receiver)s."
            )
            % values
        )
    return (
        gettext(
            "Ausgleich in „%(cooperation)s“: %(payer)s überweist Ihnen %(amount)s. "
            "Bitte bestätigen Sie den Eingang, sobald das Geld da ist."
        )
        % values
    )


@driver_rule("transfer_open", message=_transfer_open)
def transfer_open(run: DriverRun) -> Iterable[NudgeSpec]:
    latest = Settlement.objects.filter(cooperation=OuterRef("settlement__cooperation")).order_by(
        "-created_at", "-pk"
    )
    transfers = (
        Transfer.objects.filter(
            receipt__isnull=True,
            settlement__created_at__lte=run.now - timedelta(days=OPEN_DAYS),
            settlement__cooperation__in=Cooperation.objects.active(),
        )
        .annotate(latest=Subquery(latest.values("pk")[:1]))
        .filter(settlement_id=F("latest"))
        .select_related("payer", "receiver", "settlement__cooperation")
    )
    for transfer in transfers:
        cooperation = transfer.settlement.cooperation
        params = {
            "amount": str(transfer.amount),
            "payer": str(transfer.payer),
            "receiver": str(transfer.receiver),
            "cooperation": cooperation.title,
        }
        url = reverse("finances:settlements", args=[cooperation.pk])
        for role, user_id in (("payer", transfer.payer_id), ("receiver", transfer.receiver_id)):
            yield NudgeSpec(
                user_id=user_id,
                subject=f"transfer:{transfer.pk}",
                period=f"{run.week}-{role}",
                params={**params, "role": role},
                url=url,
                cooperation_id=cooperation.pk,
            )
