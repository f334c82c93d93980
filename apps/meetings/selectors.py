"""Reads of meetings, decisions, actions, polls and calendar feeds.

Everything inside a cooperation is fetched through the cooperation the view got from
``apps.cooperations.selectors.cooperation_for_member`` (the one access check), so an
id from another cooperation answers 404 as well.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, Membership
from apps.cooperations.selectors import as_seen, seen_until
from apps.meetings.models import (
    Action,
    ActionQuerySet,
    ActionStatus,
    AgendaItem,
    Availability,
    CalendarFeed,
    DatePoll,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingQuerySet,
    PollAnswer,
    PollSlot,
)

# The personal feed reaches this far back; calendars keep older entries themselves.
FEED_PAST = timedelta(days=365)
FEED_LIMIT = 1000


T = TypeVar("T")


def _or_404(value: T | None) -> T:
    if value is None:
        raise Http404
    return value


# Meetings ---------------------------------------------------------------------


def _with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Counts as subqueries, so that several of them do not multiply each other."""

    def count(
        model: type[AgendaItem] | type[Decision] | type[Action], **filters: object
    ) -> Subquery:
        rows = (
            model.objects.filter(meeting=OuterRef("pk"), **filters)
            .order_by()
            .values("meeting")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Subquery(rows[:1])

    return meetings.annotate(
        agenda_count=count(AgendaItem),
        decision_count=count(Decision, status=DecisionStatus.FINAL),
        open_action_count=count(Action, status=ActionStatus.OPEN),
    )


def _meetings(cooperation: Cooperation) -> MeetingQuerySet:
    """The cooperation's meetings; for a former member those planned before they left."""
    meetings: MeetingQuerySet = Meeting.objects.filter(cooperation=cooperation)
    return as_seen(meetings, cooperation)


def as_seen_protocol(meeting: Meeting, cooperation: Cooperation) -> Meeting:
    """A protocol written after a former member left is not theirs to read (the
    protocol keeps no older versions, so it is left out as a whole)."""
    until = seen_until(cooperation)
    if until is not None and meeting.protocol_updated_at and meeting.protocol_updated_at > until:
        meeting.protocol = ""
        meeting.protocol_updated_at = None
        meeting.protocol_updated_by = None
    return meeting


def upcoming_meetings(*, cooperation: Cooperation, now: datetime) -> QuerySet[Meeting]:
    return _with_counts(_meetings(cooperation).upcoming(now))


def past_meetings(*, cooperation: Cooperation, now: datetime) -> QuerySet[Meeting]:
    return _with_counts(_meetings(cooperation).past(now))


def meeting_in(*, cooperation: Cooperation, pk: int) -> Meeting:
    meeting = _or_404(
        _meetings(cooperation)
        .filter(pk=pk)
        .select_related("created_by", "protocol_updated_by")
        .first()
    )
    meeting.cooperation = cooperation  # keeps ``.membership`` from the access check
    return as_seen_protocol(meeting, cooperation)


def next_meeting(*, cooperation_id: int, now: datetime | None = None) -> Meeting | None:
    """The next meeting that has not started yet (e.g. for a check-in's agenda item)."""
    return (
        Meeting.objects.filter(cooperation_id=cooperation_id, starts_at__gt=now or timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


def agenda_of(*, meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.select_related("added_by"))


def agenda_item_in(*, meeting: Meeting, pk: int) -> AgendaItem:
    item = _or_404(meeting.agenda_items.filter(pk=pk).first())
    item.meeting = meeting
    return item


# Decisions --------------------------------------------------------------------


def _with_successor(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """Each decision with the final one that superseded it (``later_id``, ``later_number``)."""
    later = Decision.objects.filter(supersedes=OuterRef("pk"), status=DecisionStatus.FINAL)
    return decisions.select_related("supersedes", "confirmed_by", "meeting").annotate(
        later_id=Subquery(later.values("pk")[:1]),
        later_number=Subquery(later.values("number")[:1]),
        later_title=Subquery(later.values("title")[:1]),
    )


def decisions_of_meeting(*, meeting: Meeting) -> list[Decision]:
    decisions = as_seen(meeting.decisions.all(), meeting.cooperation)
    return list(_with_successor(decisions.order_by("created_at", "pk")))


def decisions_of(*, cooperation: Cooperation) -> QuerySet[Decision]:
    """The register: every final decision, newest first, superseded ones included."""
    return _with_successor(
        as_seen(Decision.objects.filter(cooperation=cooperation).final(), cooperation).order_by(
            "-number"
        )
    )


def decision_in(*, cooperation: Cooperation, pk: int) -> Decision:
    decision = _or_404(
        as_seen(Decision.objects.filter(cooperation=cooperation, pk=pk), cooperation)
        .select_related("meeting")
        .first()
    )
    decision.cooperation = cooperation
    decision.meeting.cooperation = cooperation
    return decision


def supersedable(*, cooperation: Cooperation) -> QuerySet[Decision]:
    """Decisions a new one may supersede: final and still in force."""
    return Decision.objects.filter(cooperation=cooperation).in_force().order_by("-number")


# Actions ----------------------------------------------------------------------


def current_members(*, cooperation: Cooperation) -> list[User]:
    """Who can own an action: the current members, in the order they joined."""
    return [
        m.user
        for m in Membership.objects.current()
        .filter(cooperation=cooperation)
        .select_related("user")
        .order_by("created_at", "pk")
    ]


def actions_of_meeting(*, meeting: Meeting) -> list[Action]:
    actions = as_seen(meeting.actions.all(), meeting.cooperation)
    return list(actions.select_related("owner").order_by("status", "due_on", "pk"))


ACTION_FILTERS = ("open", "overdue", "done", "cancelled", "all")


def _filtered(actions: ActionQuerySet, status: str, today: date) -> QuerySet[Action]:
    if status == "overdue":
        return actions.overdue(today).order_by("due_on", "pk")
    if status in (ActionStatus.DONE, ActionStatus.CANCELLED):
        return actions.filter(status=status).order_by("-closed_at", "-pk")
    if status == "all":
        return actions.order_by("status", "due_on", "pk")
    return actions.open().order_by("due_on", "pk")


def actions_of(*, cooperation: Cooperation, status: str, today: date) -> QuerySet[Action]:
    actions = as_seen(Action.objects.filter(cooperation=cooperation), cooperation)
    return _filtered(actions.select_related("owner", "meeting"), status, today)


def actions_for(
    *, user: User, status: str, today: date, cooperation_id: int | None = None
) -> QuerySet[Action]:
    """ "Meine Aufgaben": the user's actions in the cooperations the user belongs or
    belonged to."""
    actions = Action.objects.filter(owner=user, cooperation__memberships__user=user)
    if cooperation_id is not None:
        actions = actions.filter(cooperation_id=cooperation_id)
    actions = actions.select_related("cooperation", "meeting", "owner")
    return _filtered(actions, status, today)


def with_memberships(*, actions: Iterable[Action], user: User) -> None:
    """Put the user's membership on each action's cooperation (one query for all), as
    ``cooperation_for_member`` does, so that the write gate can answer per row."""
    rows = list(actions)
    if not rows:
        return
    memberships = {
        membership.cooperation_id: membership
        for membership in Membership.objects.filter(
            user=user, cooperation_id__in={action.cooperation_id for action in rows}
        )
    }
    for action in rows:
        action.cooperation.membership = memberships[action.cooperation_id]  # type: ignore[attr-defined]


def action_in(*, cooperation: Cooperation, pk: int) -> Action:
    action = _or_404(
        as_seen(Action.objects.filter(cooperation=cooperation, pk=pk), cooperation)
        .select_related("owner")
        .first()
    )
    action.cooperation = cooperation
    return action


def action_of_member(*, user: User, pk: int) -> Action:
    """An action the user may act on from "Meine Aufgaben" (404 for anyone else)."""
    action = _or_404(
        Action.objects.filter(pk=pk, cooperation__memberships__user=user)
        .select_related("cooperation", "meeting", "owner")
        .first()
    )
    membership = Membership.objects.get(cooperation=action.cooperation, user=user)
    action.cooperation.membership = membership  # type: ignore[attr-defined]
    return action


def my_cooperations(*, user: User) -> QuerySet[Cooperation]:
    return Cooperation.objects.visible_to(user).order_by("title", "pk")


def open_action_count(*, user: User) -> int:
    return Action.objects.open().filter(owner=user).count()


# Date polls -------------------------------------------------------------------


def polls_of(*, cooperation: Cooperation) -> list[DatePoll]:
    """Open polls first, then the latest closed ones."""
    return list(
        as_seen(DatePoll.objects.filter(cooperation=cooperation), cooperation)
        .select_related("meeting", "created_by")
        .annotate(slot_count=Count("slots"))
        .order_by("closed_at", "-created_at")[:10]
    )


def poll_in(*, cooperation: Cooperation, pk: int) -> DatePoll:
    poll = _or_404(
        as_seen(DatePoll.objects.filter(cooperation=cooperation), cooperation)
        .filter(pk=pk)
        .select_related("meeting", "created_by")
        .first()
    )
    poll.cooperation = cooperation
    return poll


def slot_in(*, poll: DatePoll, pk: int) -> PollSlot:
    return _or_404(poll.slots.filter(pk=pk).first())


@dataclass
class SlotResult:
    slot: PollSlot
    yes: int = 0
    maybe: int = 0
    no: int = 0
    best: bool = False

    @property
    def score(self) -> tuple[int, int]:
        return (self.yes, self.maybe)


@dataclass
class PollRow:
    member: User
    answers: list[str | None]

    @property
    def answered(self) -> bool:
        return any(a is not None for a in self.answers)


@dataclass
class PollResults:
    slots: list[SlotResult]
    rows: list[PollRow]
    mine: dict[int, str] = field(default_factory=dict)

    @property
    def best(self) -> SlotResult | None:
        return next((s for s in self.slots if s.best), None)

    @property
    def waiting(self) -> list[User]:
        return [row.member for row in self.rows if not row.answered]


def poll_results(*, poll: DatePoll, user: User, now: datetime | None = None) -> PollResults:
    """Answers of the current members per slot, the counts, and the best slot still
    ahead: most yes, then most maybe, then the earliest."""
    now = now or timezone.now()
    slots = list(
        poll.slots.prefetch_related(
            Prefetch(
                "answers",
                queryset=PollAnswer.objects.only("slot_id", "user_id", "availability"),
                to_attr="all_answers",
            )
        )
    )
    members = current_members(cooperation=poll.cooperation)
    member_ids = {m.pk for m in members}
    results = [SlotResult(slot) for slot in slots]
    given: dict[tuple[int, int], str] = {}
    for result in results:
        for answer in result.slot.all_answers:  # type: ignore[attr-defined]
            if answer.user_id not in member_ids:
                continue  # former members no longer count
            given[(answer.user_id, result.slot.pk)] = answer.availability
            if answer.availability == Availability.YES:
                result.yes += 1
            elif answer.availability == Availability.MAYBE:
                result.maybe += 1
            else:
                result.no += 1
    ahead = [r for r in results if r.slot.starts_at > now and (r.yes or r.maybe)]
    if ahead:
        max(ahead, key=lambda r: (r.score, -r.slot.starts_at.timestamp())).best = True
    rows = [PollRow(m, [given.get((m.pk, s.pk)) for s in slots]) for m in members]
    mine = {s.pk: given[(user.pk, s.pk)] for s in slots if (user.pk, s.pk) in given}
    return PollResults(results, rows, mine)


# Calendar feeds ---------------------------------------------------------------


def active_feed(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.active().filter(user=user).first()


def feed_for_token(*, token: str) -> CalendarFeed:
    """The active feed with this token; unknown or revoked tokens answer 404."""
    return _or_404(CalendarFeed.objects.active().filter(token=token).select_related("user").first())


def feed_meetings(*, user: User, now: datetime | None = None) -> list[Meeting]:
    """Meetings of the cooperations the user belongs to now (not the ones left)."""
    since = (now or timezone.now()) - FEED_PAST
    return list(
        Meeting.objects.filter(
            Q(cooperation__memberships__user=user)
            & Q(cooperation__memberships__left_at__isnull=True),
            starts_at__gte=since,
        )
        .select_related("cooperation")
        .prefetch_related("agenda_items")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
