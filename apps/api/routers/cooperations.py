"""Cooperations, their members and agreements (read): every path inside a
cooperation loads it with ``cooperation_for_member`` (404 for outsiders); former
members see what existed when they left (the selectors' ``as_seen``)."""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from apps.api.auth import user_of
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, cooperation_of, id_path, person
from apps.cooperations import selectors
from apps.cooperations.gate import can_coordinate, can_write
from apps.cooperations.models import AgreementVersion, Cooperation, Membership

router = Router(tags=["Kooperationen"])


class CooperationOut(Schema):
    id: int
    title: str
    purpose: str
    kind: str
    status: str
    created_at: datetime
    last_activity_at: datetime
    ended_at: datetime | None
    my_role: str
    i_left_at: datetime | None
    can_write: bool
    can_coordinate: bool


class MemberOut(Schema):
    id: int
    person: UserRef
    role: str
    joined_at: datetime
    left_at: datetime | None


class CommitmentOut(Schema):
    person: UserRef
    hours_per_month: Decimal
    resources: str
    revenue_share: Decimal
    cost_share: Decimal


class AgreementOut(Schema):
    id: int
    number: int
    status: str
    goals: str
    decision_rules: str
    confidentiality: str
    starts_on: date | None
    ends_on: date | None
    review_every_days: int | None
    exit_clause: str
    free_text: str
    proposed_at: datetime | None
    in_force_at: datetime | None
    content_hash: str
    commitments: list[CommitmentOut]
    accepted_by: list[int] = Field(..., description="wer angenommen hat (Personen-ids)")


def _cooperation(cooperation: Cooperation) -> dict[str, object]:
    membership: Membership = cooperation.membership  # type: ignore[attr-defined]
    return {
        "id": cooperation.pk,
        "title": cooperation.title,
        "purpose": cooperation.purpose,
        "kind": cooperation.kind,
        "status": cooperation.status,
        "created_at": cooperation.created_at,
        "last_activity_at": cooperation.last_activity_at,
        "ended_at": cooperation.ended_at,
        "my_role": membership.role,
        "i_left_at": membership.left_at,
        "can_write": can_write(cooperation),
        "can_coordinate": can_coordinate(cooperation),
    }


def _agreement(version: AgreementVersion) -> dict[str, object]:
    return {
        **{
            name: getattr(version, name)
            for name in AgreementOut.model_fields
            if name not in ("commitments", "accepted_by", "id")
        },
        "id": version.pk,
        "commitments": [
            {
                "person": person(c.user),
                "hours_per_month": c.hours_per_month,
                "resources": c.resources,
                "revenue_share": c.revenue_share,
                "cost_share": c.cost_share,
            }
            for c in version.commitments.all()
        ],
        "accepted_by": sorted(a.user_id for a in version.acceptances.all() if a.user_id),
    }


@router.get("/cooperations", response=answers(Page[CooperationOut]), summary="Meine Kooperationen")
def cooperations(request: HttpRequest, page: Query[PageParams]) -> dict[str, object]:
    user = user_of(request)
    result = paginate(selectors.cooperations_for(user=user), page)
    ids = [c.pk for c in result["items"]]
    memberships = {
        m.cooperation_id: m for m in Membership.objects.filter(user=user, cooperation_id__in=ids)
    }
    for cooperation in result["items"]:
        cooperation.membership = memberships[cooperation.pk]
    result["items"] = [_cooperation(c) for c in result["items"]]
    return result


@router.get(
    "/cooperations/{cooperation_id}", response=answers(CooperationOut), summary="Eine Kooperation"
)
def cooperation(request: HttpRequest, cooperation_id: int = id_path()) -> object:
    return _cooperation(cooperation_of(request, cooperation_id))


@router.get(
    "/cooperations/{cooperation_id}/members",
    response=answers(Page[MemberOut]),
    summary="Mitglieder (aktuelle und frühere)",
)
def members(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    result = paginate(selectors.members_of(cooperation=cooperation), page)
    result["items"] = [
        {
            "id": m.pk,
            "person": person(m.user),
            "role": m.role,
            "joined_at": m.created_at,
            "left_at": m.left_at,
        }
        for m in result["items"]
    ]
    return result


@router.get(
    "/cooperations/{cooperation_id}/agreements",
    response=answers(Page[AgreementOut]),
    summary="Vereinbarungen (vorgelegte und angenommene Fassungen)",
)
def agreements(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    result = paginate(selectors.versions_of(cooperation=cooperation), page)
    result["items"] = [_agreement(v) for v in result["items"]]
    return result


@router.get(
    "/cooperations/{cooperation_id}/agreements/{number}",
    response=answers(AgreementOut),
    summary="Eine Fassung der Vereinbarung",
)
def agreement(
    request: HttpRequest, cooperation_id: int = id_path(), number: int = id_path()
) -> object:
    cooperation = cooperation_of(request, cooperation_id)
    return _agreement(selectors.version_in(cooperation=cooperation, number=number))
