"""Meetings, decisions and actions of a cooperation; actions can be created and
marked done (read-write tokens; the meetings services ask the write gate)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator, AwareDatetime

from apps.accounts.models import User
from apps.api.auth import user_of, write_auth
from apps.api.pagination import MAX_ID, Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, cooperation_of, id_path, person, text
from apps.cooperations.selectors import member_in
from apps.meetings import selectors, services
from apps.meetings.models import Action, Decision, Meeting

router = Router(tags=["Treffen, Beschlüsse, Aufgaben"])


class MeetingOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    place: str
    video_url: str
    protocol: str
    protocol_updated_at: datetime | None


class DecisionOut(Schema):
    id: int
    number: int | None
    title: str
    text: str
    status: str
    meeting_id: int | None
    supersedes_id: int | None
    confirmed_at: datetime | None


class ActionOut(Schema):
    id: int
    title: str
    note: str
    owner: UserRef | None
    due_on: date
    status: str
    meeting_id: int | None
    closed_at: datetime | None


class ActionIn(Schema):
    title: text(200, min_length=1)  # type: ignore[valid-type]
    due_on: date
    owner_id: int | None = Field(None, ge=1, le=MAX_ID, description="Standard: ich selbst")
    note: text(2000) = ""  # type: ignore[valid-type]


def _plausible(moment: datetime) -> datetime:
    if not 2000 <= moment.year <= 2100:
        raise ValueError("year out of range (2000–2100)")
    return moment


class MeetingIn(Schema):
    title: text(120, min_length=1)  # type: ignore[valid-type]
    starts_at: Annotated[AwareDatetime, AfterValidator(_plausible)]
    duration_minutes: int = Field(60, ge=1, le=24 * 60)
    place: text(200) = ""  # type: ignore[valid-type]
    video_url: text(500) = ""  # type: ignore[valid-type]


def _meeting(meeting: Meeting) -> dict[str, object]:
    return {name: getattr(meeting, name) for name in MeetingOut.model_fields}


def _decision(decision: Decision) -> dict[str, object]:
    return {name: getattr(decision, name) for name in DecisionOut.model_fields}


def _action(action: Action) -> dict[str, object]:
    fields = {name: getattr(action, name) for name in ActionOut.model_fields if name != "owner"}
    return {**fields, "owner": person(action.owner)}


@router.get(
    "/cooperations/{cooperation_id}/meetings",
    response=answers(Page[MeetingOut]),
    summary="Treffen (kommende und vergangene)",
)
def meetings(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    now = timezone.now()
    rows = [
        *selectors.upcoming_meetings(cooperation=cooperation, now=now),
        *selectors.past_meetings(cooperation=cooperation, now=now),
    ]
    rows = [selectors.as_seen_protocol(m, cooperation) for m in rows]
    result = paginate(rows, page)
    result["items"] = [_meeting(m) for m in result["items"]]
    return result


@router.post(
    "/cooperations/{cooperation_id}/meetings",
    auth=write_auth,
    response=answers(MeetingOut, status=201),
    summary="Treffen planen",
)
def meeting_create(
    request: HttpRequest, payload: MeetingIn, cooperation_id: int = id_path()
) -> Status[object]:
    cooperation = cooperation_of(request, cooperation_id)
    created = services.meeting_create(
        cooperation=cooperation, user=user_of(request), **payload.dict()
    )
    return Status(201, _meeting(created))


@router.get(
    "/cooperations/{cooperation_id}/meetings/{meeting_id}",
    response=answers(MeetingOut),
    summary="Ein Treffen mit Protokoll",
)
def meeting(
    request: HttpRequest, cooperation_id: int = id_path(), meeting_id: int = id_path()
) -> object:
    cooperation = cooperation_of(request, cooperation_id)
    return _meeting(selectors.meeting_in(cooperation=cooperation, pk=meeting_id))


@router.get(
    "/cooperations/{cooperation_id}/decisions",
    response=answers(Page[DecisionOut]),
    summary="Beschlüsse",
)
def decisions(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    result = paginate(selectors.decisions_of(cooperation=cooperation), page)
    result["items"] = [_decision(d) for d in result["items"]]
    return result


@router.get(
    "/cooperations/{cooperation_id}/actions",
    response=answers(Page[ActionOut]),
    summary="Aufgaben",
)
def actions(
    request: HttpRequest,
    page: Query[PageParams],
    cooperation_id: int = id_path(),
    status: Literal["open", "overdue", "done", "cancelled", "all"] = "open",
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    today = timezone.localdate()
    found = selectors.actions_of(cooperation=cooperation, status=status, today=today)
    result = paginate(found, page)
    result["items"] = [_action(a) for a in result["items"]]
    return result


@router.post(
    "/cooperations/{cooperation_id}/actions",
    auth=write_auth,
    response=answers(ActionOut, status=201),
    summary="Aufgabe anlegen",
)
def action_create(
    request: HttpRequest, payload: ActionIn, cooperation_id: int = id_path()
) -> Status[object]:
    user = user_of(request)
    cooperation = cooperation_of(request, cooperation_id)
    owner: User | None = user
    if payload.owner_id is not None:
        try:
            owner = member_in(cooperation=cooperation, user_id=payload.owner_id)
        except Http404:
            owner = None  # the service refuses with its own message
    created = services.action_create(
        cooperation=cooperation,
        user=user,
        title=payload.title,
        owner=owner,
        due_on=payload.due_on,
        note=payload.note,
    )
    return Status(201, _action(created))


@router.post(
    "/cooperations/{cooperation_id}/actions/{action_id}/done",
    auth=write_auth,
    response=answers(ActionOut),
    summary="Aufgabe als erledigt markieren",
)
def action_done(
    request: HttpRequest, cooperation_id: int = id_path(), action_id: int = id_path()
) -> object:
    cooperation = cooperation_of(request, cooperation_id)
    action = selectors.action_in(cooperation=cooperation, pk=action_id)
    done = services.action_complete(action=action, user=user_of(request))
    done.refresh_from_db()
    return _action(done)
