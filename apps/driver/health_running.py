"""Health signals from running the cooperation: overdue actions and no meeting ahead
(apps.meetings), contributions lagging behind the commitments (apps.contributions).

Kept apart from :mod:`apps.driver.health` so that reading a score (the dashboard)
does not import the meetings and contributions apps; imported by
``DriverConfig.ready``. Each signal needs a fixed number of queries for any batch.
"""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import formats
from django.utils.translation import gettext, ngettext

from apps.contributions.rules import behind
from apps.contributions.selectors import balances, window
from apps.cooperations.models import AgreementVersion, Cooperation, CooperationStatus, VersionStatus
from apps.driver.health import CooperationIds, HealthReason, health_signal
from apps.driver.rules import DriverRun
from apps.meetings.models import Action, Meeting


@health_signal("actions_overdue")
def actions_overdue(
    cooperation_ids: CooperationIds, run: DriverRun
) -> dict[int, list[HealthReason]]:
    """Each open action past its due date −5, at most −20."""
    rows = (
        Action.objects.overdue(run.today)
        .filter(cooperation_id__in=cooperation_ids)
        .order_by()
        .values("cooperation_id")
        .annotate(count=Count("pk"))
        .values_list("cooperation_id", "count")
    )
    return {
        cooperation_id: [
            HealthReason(
                min(20, 5 * count),
                ngettext("%(count)s Aufgabe überfällig", "%(count)s Aufgaben überfällig", count)
                % {"count": count},
            )
        ]
        for cooperation_id, count in rows
    }


@health_signal("no_meeting_planned")
def no_meeting_planned(
    cooperation_ids: CooperationIds, run: DriverRun
) -> dict[int, list[HealthReason]]:
    """An agreed cooperation without a meeting in the next ``no_meeting_days`` (30): −10."""
    next_start = (
        Meeting.objects.filter(cooperation=OuterRef("pk"), starts_at__gt=run.now)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    rows = (
        Cooperation.objects.filter(pk__in=cooperation_ids, status=CooperationStatus.AGREED)
        .annotate(next_start=Subquery(next_start))
        .values_list("pk", "next_start")
    )
    found: dict[int, list[HealthReason]] = {}
    for pk, next_start_at in rows:
        days = run.threshold("no_meeting_days", cooperation_id=pk)
        if next_start_at is not None and next_start_at <= run.now + timedelta(days=days):
            continue
        text = gettext("keine Besprechung in den nächsten %(days)s Tagen geplant") % {"days": days}
        found[pk] = [HealthReason(10, text)]
    return found


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
