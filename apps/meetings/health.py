"""Health signals of the meetings app: overdue actions and no meeting ahead.

Registered with the driver's ``@health_signal`` (this module is found like
``rules.py``); ``apps.checkins`` adds the points up. Each signal needs a fixed
number of queries for any batch.
"""

from datetime import timedelta

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext, ngettext

from apps.cooperations.models import Cooperation, CooperationStatus
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
