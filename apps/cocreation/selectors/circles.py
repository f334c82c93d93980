"""Reads of circles: the member's circles, the ones with room, a circle's page."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.cocreation.models import (
    BoardPost,
    BoardReply,
    Circle,
    CircleMembership,
    DimensionRating,
    Gathering,
    JoinRequest,
    JoinRequestStatus,
    Rsvp,
    Session,
)


def _with_member_count(circles: QuerySet[Circle]) -> QuerySet[Circle]:
    count = (
        CircleMembership.objects.current()
        .filter(circle=OuterRef("pk"))
        .order_by()
        .values("circle")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return circles.annotate(member_count=Subquery(count[:1]))


def circles_of(*, user: User) -> QuerySet[Circle]:
    return _with_member_count(
        Circle.objects.filter(memberships__user=user, memberships__left_at__isnull=True).distinct()
    )


def circles_open_to(*, user: User) -> QuerySet[Circle]:
    """Circles the user is not in, with room left (for the join list)."""
    mine = CircleMembership.objects.current().filter(user=user).values("circle_id")
    return (
        _with_member_count(Circle.objects.exclude(pk__in=mine))
        .filter(Q(member_count__lt=F("size_limit")) | Q(member_count__isnull=True))
        .order_by("name", "pk")
    )


def circle_for_member(*, user: User, pk: int) -> Circle:
    """The circle with the user's current membership as ``.membership``; 404 otherwise."""
    membership = (
        CircleMembership.objects.current()
        .select_related("circle")
        .filter(circle_id=pk, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    circle = membership.circle
    circle.membership = membership  # type: ignore[attr-defined]
    return circle


def circle_to_join(*, pk: int) -> Circle:
    """What anyone logged in may read before asking to join: name, purpose, norms."""
    circle = _with_member_count(Circle.objects.filter(pk=pk)).first()
    if circle is None:
        raise Http404
    return circle


def members_of(*, circle: Circle) -> list[CircleMembership]:
    return list(
        CircleMembership.objects.current()
        .filter(circle=circle)
        .select_related("user")
        .order_by("joined_at", "pk")
    )


def open_join_requests(*, circle: Circle) -> list[JoinRequest]:
    return list(circle.join_requests.filter(status=JoinRequestStatus.OPEN).select_related("user"))


@dataclass
class GatheringRow:
    gathering: Gathering
    my_answer: str
    yes: int
    maybe: int
    no: int


def gatherings_upcoming(
    *, circle: Circle, user: User, now: datetime | None = None, limit: int = 5
) -> list[GatheringRow]:
    """The next gatherings with the counts of answers and the user's own, in two queries."""
    now = now or timezone.now()
    gatherings = list(
        Gathering.objects.filter(circle=circle, ends_at__gte=now).order_by("starts_at")[:limit]
    )
    answers = Rsvp.objects.filter(gathering__in=gatherings).values_list(
        "gathering_id", "user_id", "answer"
    )
    counts: dict[int, dict[str, int]] = {g.pk: {"yes": 0, "maybe": 0, "no": 0} for g in gatherings}
    mine: dict[int, str] = {}
    for gathering_id, user_id, answer in answers:
        counts[gathering_id][answer] += 1
        if user_id == user.pk:
            mine[gathering_id] = answer
    return [GatheringRow(g, mine.get(g.pk, ""), **counts[g.pk]) for g in gatherings]


def posts_of(*, circle: Circle) -> QuerySet[BoardPost]:
    return (
        BoardPost.objects.filter(circle=circle)
        .select_related("author")
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at", "-pk")
    )


def post_in(*, circle: Circle, pk: int) -> BoardPost:
    post = (
        BoardPost.objects.filter(circle=circle, pk=pk)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=BoardReply.objects.select_related("author")))
        .first()
    )
    if post is None:
        raise Http404
    return post


@dataclass
class DimensionPoint:
    session: Session
    personality: float
    behaviour: float
    culture: float
    organisation: float
    count: int


def dimension_series(*, circle: Circle, limit: int = 12) -> list[DimensionPoint]:
    """The average of each dimension per finished session, oldest first (one query)."""
    rows = (
        DimensionRating.objects.filter(session__circle=circle)
        .values("session_id")
        .annotate(
            personality=Avg("personality"),
            behaviour=Avg("behaviour"),
            culture=Avg("culture"),
            organisation=Avg("organisation"),
            count=Count("pk"),
        )
        .order_by("-session_id")[:limit]
    )
    found = list(rows)
    sessions = Session.objects.in_bulk([row["session_id"] for row in found])
    points = [
        DimensionPoint(
            session=sessions[row["session_id"]],
            personality=float(row["personality"]),
            behaviour=float(row["behaviour"]),
            culture=float(row["culture"]),
            organisation=float(row["organisation"]),
            count=row["count"],
        )
        for row in found
    ]
    return sorted(points, key=lambda point: point.session.ended_at or point.session.created_at)
