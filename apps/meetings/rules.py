"""The driver's rules for meetings and actions (found by the driver's autodiscovery).

* ``action_overdue``: an open action is overdue from the day after its due date. Its
  owner gets an urgent nudge (period ``"owner"``); once it is more than
  ``DRIVER["action_overdue_escalate_days"]`` (7) days overdue, every other current
  member gets one too (period ``"everyone"``): the escalation is a nudge of its own.
  An owner who left the cooperation is not nudged; then the others are at once.
  Marking the action done or cancelling it closes all of them immediately.
* ``no_meeting_planned``: an agreed (active) cooperation with no meeting in the next
  ``DRIVER["no_meeting_days"]`` (30) days nudges its coordination, once a month.

Both thresholds can be overridden per cooperation. Each rule needs two queries,
whatever the number of cooperations, actions or members.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext

from apps.cooperations.models import Cooperation, CooperationStatus, MemberRole, Membership
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, format_date
from apps.meetings.models import Action, Meeting
from apps.meetings.services import NO_MEETING_RULE, action_subject, meetings_subject

OWNER = "owner"
EVERYONE = "everyone"


def _describe_overdue(params: Mapping[str, Any]) -> str:
    values = {
        "title": params["title"],
        "cooperation": params["cooperation"],
        "date": format_date(params["due"]),
        "owner": params.get("owner", ""),
    }
    if not params.get("escalated"):
        return (
            gettext(
                "Ihre Aufgabe „%(title)s“ in „%(cooperation)s“ war am %(date)s fällig. "
                "Erledigt? Dann haken Sie sie ab – sonst vereinbaren Sie ein neues Datum."
            )
            % values
        )
    if values["owner"]:
        return (
            gettext(
                "Die Aufgabe „%(title)s“ von %(owner)s in „%(cooperation)s“ war am %(date)s "
                "fällig und ist noch offen. Können Sie unterstützen?"
            )
            % values
        )
    return (
        gettext(
            "Die Aufgabe „%(title)s“ in „%(cooperation)s“ war am %(date)s fällig, und "
            "niemand in der Kooperation ist mehr dafür zuständig. Wer übernimmt sie?"
        )
        % values
    )


@driver_rule("action_overdue", message=_describe_overdue)
def action_overdue(run: DriverRun) -> Iterable[NudgeSpec]:
    today = run.today
    overdue = Action.objects.overdue(today).exclude(cooperation__status=CooperationStatus.ENDED)
    rows = list(
        overdue.values_list(
            "pk",
            "title",
            "due_on",
            "owner_id",
            "owner__name",
            "owner__email",
            "cooperation_id",
            "cooperation__title",
        ).order_by("pk")
    )
    if not rows:
        return
    members: dict[int, list[int]] = defaultdict(list)
    current = Membership.objects.current().filter(
        cooperation_id__in=overdue.values("cooperation_id")
    )
    for cooperation_id, user_id in current.values_list("cooperation_id", "user_id").order_by(
        "cooperation_id", "created_at", "pk"
    ):
        members[cooperation_id].append(user_id)
    for pk, title, due_on, owner_id, name, email, cooperation_id, cooperation_title in rows:
        people = members.get(cooperation_id, [])
        owner_is_member = owner_id in people
        params = {"title": title, "due": due_on.isoformat(), "cooperation": cooperation_title}
        url = reverse("meetings:action-list", args=[cooperation_id]) + f"#aufgabe-{pk}"
        if owner_is_member:
            yield NudgeSpec(
                user_id=owner_id,
                subject=action_subject(pk),
                period=OWNER,
                params=params,
                url=url,
                urgent=True,
                cooperation_id=cooperation_id,
            )
        days_late = (today - due_on).days
        escalate_after = run.threshold(
            "action_overdue_escalate_days", cooperation_id=cooperation_id
        )
        if owner_is_member and days_late <= escalate_after:
            continue
        escalated = {
            **params,
            "escalated": True,
            "owner": (name or email) if owner_is_member else "",
        }
        for user_id in people:
            if user_id != owner_id:
                yield NudgeSpec(
                    user_id=user_id,
                    subject=action_subject(pk),
                    period=EVERYONE,
                    params=escalated,
                    url=url,
                    cooperation_id=cooperation_id,
                )


def _describe_no_meeting(params: Mapping[str, Any]) -> str:
    values = {"cooperation": params["cooperation"], "days": params["days"]}
    text = (
        gettext(
            "Für „%(cooperation)s“ ist in den nächsten %(days)s Tagen keine Besprechung "
            "geplant. Legen Sie einen Termin fest oder starten Sie eine Terminumfrage."
        )
        % values
    )
    if params.get("last"):
        text += " " + gettext("Die letzte Besprechung war am %(date)s.") % {
            "date": format_date(params["last"])
        }
    return text


@driver_rule(NO_MEETING_RULE, message=_describe_no_meeting)
def no_meeting_planned(run: DriverRun) -> Iterable[NudgeSpec]:
    month = f"{run.today.year}-{run.today.month:02d}"
    meetings = Meeting.objects.filter(cooperation=OuterRef("pk")).order_by()
    following = meetings.filter(starts_at__gt=run.now).order_by("starts_at")
    previous = meetings.filter(starts_at__lte=run.now).order_by("-starts_at")
    active = Cooperation.objects.filter(status=CooperationStatus.AGREED)
    rows = active.annotate(
        next_start=Subquery(following.values("starts_at")[:1]),
        last_start=Subquery(previous.values("starts_at")[:1]),
    ).values_list("pk", "title", "next_start", "last_start")
    lacking = {}
    for pk, title, next_start, last_start in rows.order_by("pk"):
        days = run.threshold("no_meeting_days", cooperation_id=pk)
        if next_start is None or next_start > run.now + timedelta(days=days):
            lacking[pk] = {
                "cooperation": title,
                "days": days,
                "last": last_start.isoformat() if last_start else "",
            }
    if not lacking:
        return
    coordinators = Membership.objects.current().filter(
        role=MemberRole.COORDINATOR, cooperation__status=CooperationStatus.AGREED
    )
    for cooperation_id, user_id in coordinators.values_list("cooperation_id", "user_id").order_by(
        "pk"
    ):
        if cooperation_id in lacking:
            yield NudgeSpec(
                user_id=user_id,
                subject=meetings_subject(cooperation_id),
                period=month,
                params=lacking[cooperation_id],
                url=reverse("meetings:meeting-list", args=[cooperation_id]),
                cooperation_id=cooperation_id,
            )
