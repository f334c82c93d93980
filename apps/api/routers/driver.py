"""Nudges (Impulse): the open ones, mark done or dismiss (read-write tokens)."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema

from apps.api.auth import user_of, write_auth
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import answers, id_path
from apps.driver import selectors, services
from apps.driver.models import Nudge

router = Router(tags=["Impulse"])


class NudgeOut(Schema):
    id: int
    rule: str
    message: str
    url: str
    urgent: bool
    cooperation_id: int | None
    status: str
    created_at: datetime


def _nudge(nudge: Nudge) -> dict[str, object]:
    return {name: getattr(nudge, name) for name in NudgeOut.model_fields}


@router.get("/nudges", response=answers(Page[NudgeOut]), summary="Offene Impulse")
def nudges(request: HttpRequest, page: Query[PageParams]) -> dict[str, object]:
    result = paginate(selectors.open_nudges(user=user_of(request)), page)
    result["items"] = [_nudge(n) for n in result["items"]]
    return result


@router.post(
    "/nudges/{nudge_id}/done",
    auth=write_auth,
    response=answers(NudgeOut),
    summary="Impuls als erledigt markieren",
)
def nudge_done(request: HttpRequest, nudge_id: int = id_path()) -> object:
    user = user_of(request)
    nudge = selectors.nudge_for_owner(user=user, pk=nudge_id)
    return _nudge(services.nudge_done(nudge=nudge, user=user))


@router.post(
    "/nudges/{nudge_id}/dismiss",
    auth=write_auth,
    response=answers(NudgeOut),
    summary="Impuls verwerfen",
)
def nudge_dismiss(request: HttpRequest, nudge_id: int = id_path()) -> object:
    user = user_of(request)
    nudge = selectors.nudge_for_owner(user=user, pk=nudge_id)
    return _nudge(services.nudge_dismiss(nudge=nudge, user=user))
