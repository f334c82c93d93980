"""Reads of the check-ins and the health; they expect a cooperation already fetched
by ``cooperation_for_member``."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.db.models import Count, Field, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.checkins.models import CheckIn, CheckInAnswer, CheckInChoice, HealthSnapshot
from apps.cooperations.models import (
    AgreementVersion,
    Cooperation,
    CooperationStatus,
    VersionStatus,
)
from apps.cooperations.selectors import members_of
from apps.driver.rules import DriverRun
from apps.meetings.models import AgendaItem

# Check-ins -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInSchedule:
    """When a cooperation's next check-in round is due, and its rhythm."""

    cooperation_id: int
    interval_days: int
    next_due: date


def checkin_interval(run: DriverRun, cooperation_id: int, review_days: int | None) -> int:
    """The rhythm: a per-cooperation override of ``checkin_interval_days`` if set, else
    the review rhythm of the agreement in force, else the default."""
    override = run.overrides.get(cooperation_id, {}).get("checkin_interval_days")
    if override:
        return int(override)
    return int(review_days or run.threshold("checkin_interval_days"))


def next_due_on(*, anchor: date, last_due: date | None, interval: int, today: date) -> date:
    """``interval`` days after the last round was due (or after the first agreement came
    into force); if more than a whole interval was missed, today – one round, no backlog."""
    due = (last_due or anchor) + timedelta(days=interval)
    if due + timedelta(days=interval) <= today:
        return today
    return due


def checkin_schedules(*, run: DriverRun, cooperation_ids: Any = None) -> list[CheckInSchedule]:
    """The schedule of every agreed cooperation (or of ``cooperation_ids``), one query."""
    in_force = AgreementVersion.objects.filter(
        cooperation=OuterRef("pk"), status=VersionStatus.IN_FORCE
    ).values("review_every_days")[:1]
    first_in_force = (
        AgreementVersion.objects.filter(cooperation=OuterRef("pk"), in_force_at__isnull=False)
        .order_by("in_force_at")
        .values("in_force_at")[:1]
    )
    last_round = (
        CheckIn.objects.filter(cooperation=OuterRef("pk")).order_by("-due_on").values("due_on")[:1]
    )
    cooperations = Cooperation.objects.filter(status=CooperationStatus.AGREED)
    if cooperation_ids is not None:
        cooperations = cooperations.filter(pk__in=cooperation_ids)
    rows = cooperations.annotate(
        review_days=Subquery(in_force),
        agreed_at=Subquery(first_in_force),
        last_due=Subquery(last_round),
    ).values_list("pk", "review_days", "agreed_at", "last_due")
    schedules = []
    for pk, review_days, agreed_at, last_due in rows:
        if agreed_at is None:  # agreed without a version in force: nothing to review yet
            continue
        interval = checkin_interval(run, pk, review_days)
        due = next_due_on(
            anchor=timezone.localdate(agreed_at),
            last_due=last_due,
            interval=interval,
            today=run.today,
        )
        schedules.append(CheckInSchedule(pk, interval, due))
    return schedules


@dataclass
class CheckInView:
    """What a member may see of a round: their own answer always, the others' only
    once everyone answered or the deadline passed."""

    check_in: CheckIn | None
    my_answer: CheckInAnswer | None = None
    answered_names: list[str] = field(default_factory=list)
    waiting_names: list[str] = field(default_factory=list)
    revealed: bool = False
    can_answer: bool = False
    answers: list[CheckInAnswer] = field(default_factory=list)
    averages: list[tuple[str, float]] = field(default_factory=list)
    rows: list[tuple[str, list[int]]] = field(default_factory=list)  # dimension × member
    topics_waiting: bool = False  # open topics still go on the next meeting's agenda
    topics: list[CheckInAnswer] = field(default_factory=list)  # "Change it"
    leaving: list[CheckInAnswer] = field(default_factory=list)  # "Leave it"


def _revealed(check_in: CheckIn, now: datetime, members: set[int], answered: set[int]) -> bool:
    return (
        check_in.revealed_at is not None
        or check_in.deadline_passed(now)
        or bool(members and members <= answered)
    )


def checkin_view(
    *, cooperation: Cooperation, user: User, check_in: CheckIn | None, now: datetime | None = None
) -> CheckInView:
    if check_in is None:
        return CheckInView(check_in=None)
    now = now or timezone.now()
    answers = list(check_in.answers.select_related("user"))
    members = [m for m in members_of(cooperation=cooperation) if m.is_current]
    member_ids = {m.user_id for m in members}
    answered = {a.user_id for a in answers}
    membership = getattr(cooperation, "membership", None)
    view = CheckInView(
        check_in=check_in,
        my_answer=next((a for a in answers if a.user_id == user.pk), None),
        answered_names=[str(m.user) for m in members if m.user_id in answered],
        waiting_names=[str(m.user) for m in members if m.user_id not in answered],
        revealed=_revealed(check_in, now, member_ids, answered),
    )
    view.can_answer = (
        not view.revealed
        and not cooperation.is_ended
        and membership is not None
        and membership.is_current
    )
    if view.revealed:
        view.answers = answers
        view.topics = [a for a in answers if a.choice == CheckInChoice.CHANGE]
        _add_meetings(view.topics)
        # Only the latest revealed round hands its topics over (see checkin_topics_hand_over).
        view.topics_waiting = bool(view.topics) and (
            CheckIn.objects.filter(cooperation=cooperation)
            .filter(Q(revealed_at__isnull=False) | Q(deadline__lte=now))
            .order_by("-due_on", "-pk")
            .values_list("pk", flat=True)
            .first()
            == check_in.pk
        )
        view.leaving = [a for a in answers if a.choice == CheckInChoice.LEAVE]
        if answers:
            view.averages = [
                (
                    dimension_label(name),
                    round(sum(getattr(a, name) for a in answers) / len(answers), 1),
                )
                for name in CheckInAnswer.DIMENSIONS
            ]
            view.rows = [
                (dimension_label(name), [getattr(a, name) for a in answers])
                for name in CheckInAnswer.DIMENSIONS
            ]
    return view


def _add_meetings(topics: list[CheckInAnswer]) -> None:
    """``topic.meeting_id``: the meeting whose agenda has the topic (None if not, or if
    the item was taken off the agenda again)."""

    item_ids = [t.agenda_item_id for t in topics if t.agenda_item_id]
    meetings = (
        dict(AgendaItem.objects.filter(pk__in=item_ids).values_list("pk", "meeting_id"))
        if item_ids
        else {}
    )
    for topic in topics:
        found = meetings.get(topic.agenda_item_id) if topic.agenda_item_id else None
        topic.meeting_id = found  # type: ignore[attr-defined]


def dimension_label(name: str) -> str:
    """The German label of a dimension (Persönlichkeit, Verhalten, Kultur, Organisation)."""
    return str(cast(Field[Any, Any], CheckInAnswer._meta.get_field(name)).verbose_name)


def check_ins_of(*, cooperation: Cooperation) -> QuerySet[CheckIn]:
    """The cooperation's rounds, newest first, with the number of answers."""
    return (
        CheckIn.objects.filter(cooperation=cooperation)
        .annotate(answer_count=Count("answers"))
        .order_by("-due_on", "-pk")
    )


def latest_check_in(*, cooperation: Cooperation) -> CheckIn | None:
    return CheckIn.objects.filter(cooperation=cooperation).order_by("-due_on", "-pk").first()


def check_in_in(*, cooperation: Cooperation, pk: int) -> CheckIn:
    check_in = CheckIn.objects.filter(cooperation=cooperation, pk=pk).first()
    if check_in is None:
        raise Http404
    return check_in


# Health ----------------------------------------------------------------------------------


def health_trend(*, cooperation: Cooperation, since: date) -> list[tuple[date, int]]:
    """The stored daily scores from ``since`` on, oldest first."""
    return list(
        HealthSnapshot.objects.filter(cooperation=cooperation, day__gte=since)
        .order_by("day")
        .values_list("day", "score")
    )
