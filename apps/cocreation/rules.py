"""The driver's rules for circles (found by the driver's autodiscovery).

* ``circle_gathering_tomorrow``: a gathering starts tomorrow (Berlin time): members
  who said yes or have not answered get a reminder, once per gathering.
* ``circle_not_meeting``: a circle has had no gathering within its rhythm
  (``rhythm_days``) and none is planned: every member is nudged, once a week.
* ``circle_join_request``: someone asks to join: every member hears of it until one
  of them decides.

Each rule needs a constant number of queries, whatever the number of circles.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.cocreation.models import (
    Circle,
    CircleMembership,
    Gathering,
    JoinRequest,
    JoinRequestStatus,
    Rsvp,
    RsvpAnswer,
)
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, format_date


def _describe_tomorrow(params: Mapping[str, Any]) -> str:
    return gettext(
        "Morgen trifft sich Ihr Kreis „%(circle)s“: „%(title)s“ um %(time)s Uhr. Sind Sie dabei?"
    ) % {"circle": params["circle"], "title": params["title"], "time": params["time"]}


@driver_rule("circle_gathering_tomorrow", message=_describe_tomorrow)
def circle_gathering_tomorrow(run: DriverRun) -> Iterable[NudgeSpec]:
    tomorrow = run.today + timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(tomorrow, time.min), zone)
    gatherings = list(
        Gathering.objects.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .select_related("circle")
        .only("pk", "title", "starts_at", "circle__name")
    )
    if not gatherings:
        return
    circle_ids = {g.circle_id for g in gatherings}
    members: dict[int, list[int]] = defaultdict(list)
    for circle_id, user_id in (
        CircleMembership.objects.current()
        .filter(circle_id__in=circle_ids)
        .values_list("circle_id", "user_id")
    ):
        members[circle_id].append(user_id)
    declined = {
        (gathering_id, user_id)
        for gathering_id, user_id, answer in Rsvp.objects.filter(
            gathering__in=gatherings
        ).values_list("gathering_id", "user_id", "answer")
        if answer != RsvpAnswer.YES
    }
    for gathering in gatherings:
        url = reverse("cocreation:circle-detail", args=[gathering.circle_id])
        params = {
            "circle": gathering.circle.name,
            "title": gathering.title,
            "time": timezone.localtime(gathering.starts_at).strftime("%H:%M"),
        }
        for user_id in members[gathering.circle_id]:
            if (gathering.pk, user_id) in declined:
                continue  # "no" and "maybe" are answers; only yes or silence get the reminder
            yield NudgeSpec(
                user_id=user_id, subject=f"gathering:{gathering.pk}", params=params, url=url
            )


def _describe_not_meeting(params: Mapping[str, Any]) -> str:
    if params.get("last"):
        return gettext(
            "Ihr Kreis „%(circle)s“ hat sich zuletzt am %(date)s getroffen – "
            "Zeit, das nächste Treffen zu planen."
        ) % {"circle": params["circle"], "date": format_date(params["last"])}
    return gettext(
        "Ihr Kreis „%(circle)s“ hat sich noch nie getroffen. Planen Sie das erste Treffen?"
    ) % {"circle": params["circle"]}


@driver_rule("circle_not_meeting", message=_describe_not_meeting)
def circle_not_meeting(run: DriverRun) -> Iterable[NudgeSpec]:
    circles = Circle.objects.annotate(last=Max("gatherings__starts_at")).only(
        "pk", "name", "rhythm_days", "created_at"
    )
    due = [
        circle
        for circle in circles
        if (circle.last or circle.created_at) + timedelta(days=circle.rhythm_days) < run.now
    ]
    if not due:
        return
    members: dict[int, list[int]] = defaultdict(list)
    for circle_id, user_id in (
        CircleMembership.objects.current()
        .filter(circle__in=due)
        .values_list("circle_id", "user_id")
    ):
        members[circle_id].append(user_id)
    for circle in due:
        last = circle.last
        params = {"circle": circle.name, "last": last.isoformat() if last else ""}
        url = reverse("cocreation:gathering-new", args=[circle.pk])
        for user_id in members[circle.pk]:
            yield NudgeSpec(
                user_id=user_id,
                subject=f"circle:{circle.pk}",
                period=run.week,
                params=params,
                url=url,
            )


def _describe_join_request(params: Mapping[str, Any]) -> str:
    return gettext(
        "%(name)s möchte Ihrem Kreis „%(circle)s“ beitreten. Jedes Mitglied kann entscheiden."
    ) % {"name": params["name"], "circle": params["circle"]}


@driver_rule("circle_join_request", message=_describe_join_request)
def circle_join_request(run: DriverRun) -> Iterable[NudgeSpec]:
    """Every member hears of an open join request; the first decision resolves it."""
    requests = list(
        JoinRequest.objects.filter(status=JoinRequestStatus.OPEN).select_related("circle", "user")
    )
    if not requests:
        return
    members: dict[int, list[int]] = defaultdict(list)
    for circle_id, user_id in (
        CircleMembership.objects.current()
        .filter(circle_id__in={r.circle_id for r in requests})
        .values_list("circle_id", "user_id")
    ):
        members[circle_id].append(user_id)
    for request in requests:
        params = {"name": str(request.user), "circle": request.circle.name}
        url = reverse("cocreation:circle-detail", args=[request.circle_id])
        for user_id in members[request.circle_id]:
            yield NudgeSpec(
                user_id=user_id, subject=f"join_request:{request.pk}", params=params, url=url
            )
