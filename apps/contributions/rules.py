"""The driver's rule for contributions (found by the driver's autodiscovery).

``contribution_imbalance``: over the last ``DRIVER["imbalance_window_days"]`` (90)
days, a current member delivered a share of the cooperation's hours that falls
short of their committed share by more than ``DRIVER["imbalance_percent"]`` (25)
percentage points – or delivered no hours at all while others did. Everyone in the
cooperation is nudged (not urgent), once per ISO week while it lasts: the balance
is a matter of the whole cooperation, not a reproach to one person.

A member is judged only once bound for ``MIN_BOUND_DAYS`` of the window (a new
member or a fresh agreement first gets time to start), only with hours committed,
and only when someone delivered hours at all – a silent ledger is the silence
rule's business. Both thresholds can be overridden per cooperation.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext

from apps.contributions.selectors import MemberBalance, balances, window
from apps.cooperations.models import AgreementVersion, Cooperation, VersionStatus
from apps.driver.bulk import ids_in
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule

MIN_BOUND_DAYS = 14
WINDOW = "imbalance_window_days"
PERCENT = "imbalance_percent"


def _percent(value: str) -> str:
    return f"{formats.number_format(Decimal(value), decimal_pos=1, use_l10n=True)}\xa0%"


def _describe(params: Mapping[str, Any]) -> str:
    parts = []
    for member in params["behind"]:
        values = {
            "name": member["name"],
            "delivered": _percent(member["delivered_share"]),
            "committed": _percent(member["committed_share"]),
        }
        if Decimal(member["delivered_share"]) == 0:
            text = gettext(
                "%(name)s hat keine Stunden eingetragen, zugesagt sind %(committed)s der Stunden"
            )
        else:
            text = gettext(
                "%(name)s hat %(delivered)s der Stunden geleistet, zugesagt sind %(committed)s"
            )
        parts.append(text % values)
    return gettext(
        "Beiträge in „%(cooperation)s“ in den letzten %(days)s Tagen: %(balance)s. "
        "Zeit, gemeinsam über die Verteilung zu sprechen?"
    ) % {"cooperation": params["cooperation"], "days": params["days"], "balance": "; ".join(parts)}


def behind(figures: list[MemberBalance], *, percent: Decimal | int) -> list[MemberBalance]:
    """The current members whose delivered share of hours lags beyond ``percent`` points."""
    if not any(f.delivered_hours for f in figures):
        return []
    return [
        f
        for f in figures
        if f.is_current
        and f.committed_hours > 0
        and f.bound_days >= MIN_BOUND_DAYS
        and (f.delivered_hours == 0 or -f.share_gap > percent)
    ]


@driver_rule("contribution_imbalance", message=_describe)
def contribution_imbalance(run: DriverRun) -> Iterable[NudgeSpec]:
    in_force = AgreementVersion.objects.filter(
        cooperation=OuterRef("pk"), status=VersionStatus.IN_FORCE
    )
    running = Cooperation.objects.active().filter(Exists(in_force))
    # One batch per window length: the default for all, and one for each override.
    special: dict[int, list[int]] = defaultdict(list)
    for cooperation_id, values in run.overrides.items():
        if WINDOW in values:
            special[int(values[WINDOW])].append(cooperation_id)
    overridden = [pk for ids in special.values() for pk in ids]
    batches: list[tuple[int, Any]] = [
        (run.threshold(WINDOW), running.exclude(pk__in=overridden).values("pk"))
    ]
    batches += [(days, running.filter(pk__in=ids).values("pk")) for days, ids in special.items()]
    flagged: dict[int, tuple[int, list[MemberBalance], list[MemberBalance]]] = {}
    for days, ids in batches:
        since, until = window(days, today=run.today)
        for cooperation_id, figures in balances(ids, since=since, until=until).items():
            percent = run.threshold(PERCENT, cooperation_id=cooperation_id)
            lagging = behind(figures, percent=percent)
            if lagging:
                flagged[cooperation_id] = (days, figures, lagging)
    if not flagged:
        return
    titles = dict(
        Cooperation.objects.filter(pk__in=ids_in(list(flagged))).values_list("pk", "title")
    )
    for cooperation_id, (days, figures, lagging) in flagged.items():
        params = {
            "cooperation": titles[cooperation_id],
            "days": days,
            "behind": [
                {
                    "name": f.name,
                    "delivered_share": str(f.delivered_share),
                    "committed_share": str(f.committed_share),
                }
                for f in lagging
            ],
        }
        url = reverse("contributions:ledger", args=[cooperation_id]) + "#bilanz"
        for member in figures:
            if member.is_current:
                yield NudgeSpec(
                    user_id=member.user_id,
                    subject=f"contribution-balance:{cooperation_id}",
                    period=run.week,
                    params=params,
                    url=url,
                    cooperation_id=cooperation_id,
                )
