"""The person behind the token: profile and partner suggestions."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from apps.api.auth import user_of
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import answers
from apps.matching.selectors import Match, suggestions_for
from apps.profiles.models import Profile

router = Router(tags=["Ich"])

SUGGESTIONS = 50


class ProfileOut(Schema):
    headline: str
    about: str
    competences: list[str]
    offers: list[str]
    target_groups: list[str]
    industries: list[str]
    city: str
    remote: bool
    formats: list[str]
    languages: list[str]
    hours_per_month: int | None
    seeking: str
    intents: list[str]
    visibility: str
    updated_at: datetime


class MeOut(Schema):
    id: int
    name: str
    email: str
    profile: ProfileOut | None


class SuggestionOut(Schema):
    id: int
    name: str
    headline: str
    city: str
    score: float
    reason: str


@router.get("/me", response=answers(MeOut), summary="Mein Konto und Profil")
def me(request: HttpRequest) -> MeOut:
    user = user_of(request)
    profile = Profile.objects.filter(user=user).first()
    return MeOut(
        id=user.pk,
        name=str(user),
        email=user.email,
        profile=ProfileOut.from_orm(profile) if profile else None,
    )


def _suggestion(match: Match) -> SuggestionOut:
    profile = match.profile
    return SuggestionOut(
        id=profile.user_id,
        name=str(profile.user),
        headline=profile.headline,
        city=profile.city,
        score=round(float(match.score), 4),
        reason=str(match.reason),
    )


@router.get(
    "/me/suggestions",
    response=answers(Page[SuggestionOut]),
    summary="Partnervorschläge für eine Absicht",
)
def suggestions(
    request: HttpRequest,
    page: Query[PageParams],
    intent: Literal["complement", "capacity", "peer", "space", "founding"] = "complement",
) -> dict[str, object]:
    matches = suggestions_for(user=user_of(request), intent=intent, k=SUGGESTIONS)
    return paginate([_suggestion(m) for m in matches], page, key=lambda s: s.id)
