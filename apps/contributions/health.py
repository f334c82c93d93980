"""Health signal of the contributions app: members lagging behind their commitments.

Registered with the driver's ``@health_signal`` (this module is found like
``rules.py``); ``apps.checkins`` adds the points up. A fixed number of queries for
any batch.
"""

from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import formats
from django.utils.translation import gettext

from apps.contributions.rules import behind
from apps.contributions.selectors import balances, window
from apps.cooperations.models import AgreementVersion, Cooperation, CooperationStatus, VersionStatus
from apps.driver.health import CooperationIds, HealthReason, health_signal
from apps.driver.rules import DriverRun


def _percent(value: Decimal) -> str:
    return f"{formats.number_format(value, decimal_pos=1, use_l10n=True)}\xa0%"


@health_signal("contribution_imbalance")
def contribution_imbalance(
    cooperation_ids: CooperationIds, run: DriverRun
) -> dict[int, list[HealthReason]]:
    """Each current member whose delivered share of hours lags the committed one by more
    than ``imbalance_percent`` points over ``imbalance_window_days``: −10, at most −20
    (the same judgement as the contribution_imbalance rule)."""
    with_agreement = Cooperation.objects.filter(
        pk__in=cooperation_ids,
        status=CooperationStatus.AGREED,
    ).filter(
        Exists(
            AgreementVersion.objects.filter(
                cooperation=OuterRef("pk"), status=VersionStatus.IN_FORCE
            )
        )
    )
    since, until = window(run.threshold("imbalance_window_days"), today=run.today)
    found: dict[int, list[HealthReason]] = {}
    for cooperation_id, figures in balances(
        with_agreement.values("pk"), since=since, until=until
    ).items():
        lagging = behind(
            figures, percent=run.threshold("imbalance_percent", cooperation_id=cooperation_id)
        )
        reasons = [
            HealthReason(
                10,
                gettext(
                    "%(name)s hat %(delivered)s der Stunden geleistet, zugesagt sind %(committed)s"
                )
                % {
                    "name": member.name,
                    "delivered": _percent(member.delivered_share),
                    "committed": _percent(member.committed_share),
                },
            )
            for member in lagging[:2]
        ]
        if reasons:
            found[cooperation_id] = reasons
    return found
