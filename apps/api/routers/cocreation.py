"""Circles and co-creation sessions (read)."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from apps.api.auth import user_of
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, cooperation_of, id_path, person
from apps.cocreation.models import Circle, Session
from apps.cocreation.selectors import circles as circle_selectors
from apps.cocreation.selectors import sessions as session_selectors
from apps.cooperations.selectors import as_seen

router = Router(tags=["Kreise und Sessions"])


class CircleOut(Schema):
    id: int
    name: str
    purpose: str
    norms: str
    norms_version: int
    size_limit: int
    rhythm_days: int | None
    member_count: int
    created_at: datetime


class SessionOut(Schema):
    id: int
    circle_id: int | None
    cooperation_id: int | None
    format: str
    question: str
    phase: str
    facilitator: UserRef | None
    idea_count: int
    created_at: datetime
    ended_at: datetime | None


def _circle(circle: Circle) -> dict[str, object]:
    fields = {n: getattr(circle, n, None) for n in CircleOut.model_fields}
    return {**fields, "member_count": fields["member_count"] or 0}


def _session(session: Session) -> dict[str, object]:
    fields = {n: getattr(session, n, None) for n in SessionOut.model_fields}
    idea_count = fields["idea_count"]
    if idea_count is None:
        idea_count = session.ideas.count()
    return {**fields, "facilitator": person(session.facilitator), "idea_count": idea_count}


@router.get("/circles", response=answers(Page[CircleOut]), summary="Meine Kreise")
def circles(request: HttpRequest, page: Query[PageParams]) -> dict[str, object]:
    result = paginate(circle_selectors.circles_of(user=user_of(request)), page)
    result["items"] = [_circle(c) for c in result["items"]]
    return result


@router.get("/circles/{circle_id}", response=answers(CircleOut), summary="Ein Kreis")
def circle(request: HttpRequest, circle_id: int = id_path()) -> object:
    found = circle_selectors.circle_for_member(user=user_of(request), pk=circle_id)
    counted = circle_selectors.circle_to_join(pk=found.pk)  # with its member count
    return _circle(counted)


@router.get(
    "/circles/{circle_id}/sessions",
    response=answers(Page[SessionOut]),
    summary="Sessions eines Kreises",
)
def circle_sessions(
    request: HttpRequest, page: Query[PageParams], circle_id: int = id_path()
) -> dict[str, object]:
    found = circle_selectors.circle_for_member(user=user_of(request), pk=circle_id)
    result = paginate(session_selectors.sessions_of_circle(circle=found), page)
    result["items"] = [_session(s) for s in result["items"]]
    return result


@router.get(
    "/cooperations/{cooperation_id}/sessions",
    response=answers(Page[SessionOut]),
    summary="Sessions einer Kooperation",
)
def cooperation_sessions(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    found = as_seen(session_selectors.sessions_of_cooperation(cooperation=cooperation), cooperation)
    result = paginate(found, page)
    result["items"] = [_session(s) for s in result["items"]]
    return result


@router.get("/sessions/{session_id}", response=answers(SessionOut), summary="Eine Session")
def session(request: HttpRequest, session_id: int = id_path()) -> object:
    found = session_selectors.session_for_member(user=user_of(request), pk=session_id)
    if found.cooperation is not None:
        visible = as_seen(Session.objects.filter(pk=found.pk), found.cooperation)
        if not visible.exists():
            raise Http404
    return _session(found)
