"""Referrals given and received. The client's contact data never leaves through the
API; the won value only for the receiver, or once the receiver shared it."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from apps.accounts.models import User
from apps.api.auth import user_of, write_auth
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, id_path, person
from apps.referrals import selectors, services
from apps.referrals.models import Referral

router = Router(tags=["Empfehlungen"])


class ReferralOut(Schema):
    id: int
    role: str
    giver: UserRef
    receiver: UserRef
    client_label: str
    need: str
    expected_value: Decimal | None
    status: str
    status_changed_at: datetime | None
    won_value: Decimal | None
    created_at: datetime


def _referral(referral: Referral, user: User) -> dict[str, object]:
    role = referral.role_of(user)
    shown = role == "receiver" or referral.value_shared
    return {
        "id": referral.pk,
        "role": role,
        "giver": person(referral.giver),
        "receiver": person(referral.receiver),
        "client_label": referral.client_label,
        "need": referral.need,
        "expected_value": referral.expected_value,
        "status": referral.status,
        "status_changed_at": referral.status_changed_at,
        "won_value": referral.won_value if shown else None,
        "created_at": referral.created_at,
    }


@router.get("/referrals", response=answers(Page[ReferralOut]), summary="Empfehlungen")
def referrals(
    request: HttpRequest,
    page: Query[PageParams],
    role: Literal["given", "received"] = "received",
) -> dict[str, object]:
    user = user_of(request)
    select = selectors.referrals_given if role == "given" else selectors.referrals_received
    result = paginate(select(user=user).select_related("giver", "receiver"), page)
    result["items"] = [_referral(r, user) for r in result["items"]]
    return result


@router.post(
    "/referrals/{referral_id}/accept",
    auth=write_auth,
    response=answers(ReferralOut),
    summary="Empfehlung annehmen (wer sie erhalten hat)",
)
def referral_accept(request: HttpRequest, referral_id: int = id_path()) -> object:
    user = user_of(request)
    found = selectors.referral_for_participant(user=user, pk=referral_id)
    return _referral(services.referral_accept(referral=found, user=user), user)


@router.post(
    "/referrals/{referral_id}/decline",
    auth=write_auth,
    response=answers(ReferralOut),
    summary="Empfehlung ablehnen (wer sie erhalten hat)",
)
def referral_decline(request: HttpRequest, referral_id: int = id_path()) -> object:
    user = user_of(request)
    found = selectors.referral_for_participant(user=user, pk=referral_id)
    return _referral(services.referral_decline(referral=found, user=user), user)


@router.get("/referrals/{referral_id}", response=answers(ReferralOut), summary="Eine Empfehlung")
def referral(request: HttpRequest, referral_id: int = id_path()) -> object:
    user = user_of(request)
    return _referral(selectors.referral_for_participant(user=user, pk=referral_id), user)
