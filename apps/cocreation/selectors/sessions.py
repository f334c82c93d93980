"""Reads of sessions: the access-checked fetch, the cheap version for the ETag and
the live board (ideas, clusters, dots) in a constant number of queries."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.cocreation.models import (
    CaseNote,
    Circle,
    CircleMembership,
    Cluster,
    DimensionRating,
    Idea,
    Phase,
    Session,
)
from apps.cooperations.models import Cooperation, CooperationStatus, Membership
from apps.cooperations.selectors import cooperation_for_member


def _sessions() -> QuerySet[Session]:
    return Session.objects.select_related(
        "circle", "cooperation", "facilitator", "case_giver", "winner", "result_cooperation"
    )


def session_for_member(*, user: User, pk: int) -> Session:
    """The session for a member of its circle or cooperation; 404 for everyone else.

    ``session.can_write`` tells whether the user takes part now (a former member of
    the cooperation, or one that ended, reads only).
    """
    session = _sessions().filter(pk=pk).first()
    if session is None:
        raise Http404
    if session.cooperation_id is not None:
        cooperation = cooperation_for_member(user=user, pk=session.cooperation_id)
        session.cooperation = cooperation
        writable = cooperation.membership.is_current and not cooperation.is_ended  # type: ignore[attr-defined]
    else:
        if not CircleMembership.objects.current().filter(circle=session.circle, user=user).exists():
            raise Http404
        writable = True
    session.can_write = writable  # type: ignore[attr-defined]
    return session


def session_etag_source(*, user: User, pk: int) -> dict[str, Any]:
    """What the live fragment's ETag is made of, in two small queries; 404 for outsiders."""
    row = (
        Session.objects.filter(pk=pk)
        .values("version", "circle_id", "cooperation_id", "phase", "phase_started_at")
        .first()
    )
    if row is None:
        raise Http404
    if row["cooperation_id"] is not None:
        member = Membership.objects.filter(cooperation_id=row["cooperation_id"], user=user)
    else:
        member = CircleMembership.objects.current().filter(circle_id=row["circle_id"], user=user)
    if not member.exists():
        raise Http404
    return dict(row)


def sessions_of_circle(*, circle: Circle) -> QuerySet[Session]:
    return (
        _sessions()
        .filter(circle=circle)
        .annotate(idea_count=Count("ideas"))
        .order_by("-created_at", "-pk")
    )


def sessions_of_cooperation(*, cooperation: Cooperation) -> QuerySet[Session]:
    return (
        _sessions()
        .filter(cooperation=cooperation)
        .annotate(idea_count=Count("ideas"))
        .order_by("-created_at", "-pk")
    )


@dataclass
class LiveIdea:
    idea: Idea
    dots: int
    my_dots: int
    mine: bool

    @property
    def author(self) -> str:
        return self.idea.shown_author


@dataclass
class LiveCluster:
    cluster: Cluster | None
    ideas: list[LiveIdea] = field(default_factory=list)


@dataclass
class LiveBoard:
    session: Session
    groups: list[LiveCluster]
    clusters: list[Cluster]
    dots_used: int
    rated: bool
    rating_count: int
    case_note: str | None
    steps: dict[str, list[LiveIdea]]

    @property
    def dots_left(self) -> int:
        return max(0, self.session.dots_per_person - self.dots_used)

    @property
    def ideas(self) -> list[LiveIdea]:
        return [idea for group in self.groups for idea in group.ideas]


def live_board(*, session: Session, user: User | None) -> LiveBoard:
    """Everything the live fragment shows, in four queries whatever the numbers.

    ``user=None`` is the neutral view of exports: no own dots, no private notes."""
    user_id = user.pk if user is not None else 0
    rows = (
        Idea.objects.filter(session=session)
        .select_related("author")
        .annotate(
            dot_count=Count("dots"),
            my_dot_count=Count("dots", filter=Q(dots__voter_id=user_id)),
        )
        .order_by("created_at", "pk")
    )
    ideas = [
        LiveIdea(
            idea=row,
            dots=row.dot_count,
            my_dots=row.my_dot_count,
            mine=user_id != 0 and row.author_id == user_id,
        )
        for row in rows
    ]
    if session.phase in (Phase.DECIDE, Phase.DONE):
        ideas.sort(key=lambda live: (-live.dots, live.idea.created_at))
    clusters = list(Cluster.objects.filter(session=session))
    groups = [LiveCluster(cluster) for cluster in clusters]
    by_cluster = {group.cluster.pk: group for group in groups if group.cluster is not None}
    loose = LiveCluster(None)
    steps: dict[str, list[LiveIdea]] = {}
    for live in ideas:
        by_cluster.get(live.idea.cluster_id or 0, loose).ideas.append(live)
        steps.setdefault(live.idea.step, []).append(live)
    ratings = list(
        DimensionRating.objects.filter(session=session).values_list("user_id", flat=True)
    )
    note = None
    if user_id and session.case_giver_id == user_id:
        found = CaseNote.objects.filter(session=session, author_id=user_id).first()
        note = found.text if found else ""
    return LiveBoard(
        session=session,
        groups=[*groups, loose] if loose.ideas or not groups else groups,
        clusters=clusters,
        dots_used=sum(live.my_dots for live in ideas),
        rated=user_id in ratings,
        rating_count=len(ratings),
        case_note=note,
        steps=steps,
    )


def cooperations_to_act_in(*, user: User) -> QuerySet[Cooperation]:
    """Running cooperations the user is a current member of (targets for actions)."""
    mine = Membership.objects.current().filter(user=user).values("cooperation_id")
    return (
        Cooperation.objects.filter(pk__in=mine)
        .exclude(status=CooperationStatus.ENDED)
        .order_by("title")
    )
