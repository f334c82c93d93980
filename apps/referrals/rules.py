"""The driver's rules for referrals (found by the driver's autodiscovery).

* ``referral_stale``: an open referral whose status has not changed for
  ``DRIVER["referral_stale_days"]`` (14) days nudges the person who must act – the
  receiver, who answers, gets in touch or closes it. One nudge per referral and status.
* ``referral_imbalance``: over the last 12 months one person received at least
  ``referral_imbalance_min_received`` (3) referrals from another and gave back a
  ``referral_imbalance_ratio``-th (a third) or less: the taker is nudged to give back,
  at most once a quarter per pair.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, format_date
from apps.referrals.models import ReferralStatus
from apps.referrals.selectors import one_sided_balances, referrals_awaiting_update


def _describe_stale(params: Mapping[str, Any]) -> str:
    values = {
        "client": params["client"],
        "giver": params["giver"],
        "date": format_date(params["since"]),
    }
    if params["status"] == ReferralStatus.OFFERED:
        return (
            gettext(
                "Die Empfehlung „%(client)s“ von %(giver)s wartet seit %(date)s auf Ihre "
                "Antwort: annehmen oder ablehnen?"
            )
            % values
        )
    return (
        gettext(
            "Wie steht es um die Empfehlung „%(client)s“ von %(giver)s? Der Status ist seit "
            "%(date)s unverändert – %(giver)s freut sich über ein kurzes Update."
        )
        % values
    )


@driver_rule("referral_stale", message=_describe_stale)
def referral_stale(run: DriverRun) -> Iterable[NudgeSpec]:
    days = run.threshold("referral_stale_days")
    for referral, person in referrals_awaiting_update(now=run.now, days=days):
        yield NudgeSpec(
            user_id=person.pk,
            subject=f"referral:{referral.pk}",
            period=referral.status,
            params={
                "client": referral.client_label,
                "giver": str(referral.giver),
                "status": referral.status,
                "since": referral.status_changed_at.isoformat(),
            },
            url=reverse("referrals:detail", args=[referral.pk]),
        )


def _describe_imbalance(params: Mapping[str, Any]) -> str:
    return gettext(
        "Geben und Nehmen mit %(giver)s in den letzten 12 Monaten: %(received)s Empfehlungen "
        "an Sie, %(given)s von Ihnen. Wen aus Ihrem Kundenkreis könnten Sie %(giver)s "
        "empfehlen?"
    ) % {"giver": params["giver"], "received": params["received"], "given": params["given"]}


@driver_rule("referral_imbalance", message=_describe_imbalance)
def referral_imbalance(run: DriverRun) -> Iterable[NudgeSpec]:
    quarter = f"{run.today.year}-Q{(run.today.month - 1) // 3 + 1}"
    found = one_sided_balances(
        now=run.now,
        min_received=run.threshold("referral_imbalance_min_received"),
        ratio=run.threshold("referral_imbalance_ratio"),
    )
    for imbalance in found:
        yield NudgeSpec(
            user_id=imbalance.taker.pk,
            subject=f"referral-balance:{imbalance.giver.pk}",
            period=quarter,
            params={
                "giver": str(imbalance.giver),
                "received": imbalance.received,
                "given": imbalance.given,
            },
            url=reverse("referrals:balance"),
        )
