from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from apps.matching import index_store
from apps.matching.engine import Filters, ProfileData, Suggestion
from apps.matching.exclusions import excluded_ids
from apps.matching.explain import explanation
from apps.profiles.models import Profile, Visibility


@dataclass
class Match:
    profile: Profile
    score: float
    reason: str


def _with_profiles(suggestions: list[Suggestion], *, members_only: bool = False) -> list[Match]:
    ids = [int(s.profile_id) for s in suggestions]
    profiles = Profile.objects.select_related("user").filter(user_id__in=ids)
    if members_only:
        profiles = profiles.filter(visibility=Visibility.MEMBERS)
    by_id = {p.user_id: p for p in profiles}
    return [
        Match(by_id[int(s.profile_id)], s.score, explanation(s))
        for s in suggestions
        if int(s.profile_id) in by_id
    ]


def suggestions_for(*, user: Any, intent: str, k: int = 10) -> list[Match]:
    """Partner suggestions for the user's own profile, without blocked people."""
    index = index_store.get_index()
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return []
    exclude = excluded_ids(user)
    if str(user.pk) in index:
        suggestions = index.suggest(str(user.pk), intent, k=k, exclude=exclude)
    else:
        data = index_store.profile_data(profile)
        suggestions = index.suggest_for(data, intent, k=k, exclude=exclude)
    return _with_profiles(suggestions)


def search(*, user: Any, text: str, filters: Filters, k: int = 20) -> list[Match]:
    """Free-text search over offers; only profiles visible to all members are listed."""
    index = index_store.get_index()
    suggestions = index.search(text, k=k, exclude=excluded_ids(user), filters=filters)
    return _with_profiles(suggestions, members_only=True)


def people_for_text(
    *, user: Any, text: str, k: int, filters: Filters | None = None
) -> list[tuple[int, float, str]]:
    """(user id, score, reason) of the people whose profile answers ``text``, best first.

    For rankings that other apps keep (an ask's matches): the caller writes them.
    """
    found = index_store.get_index().search(text, k=k, exclude=excluded_ids(user), filters=filters)
    return [(int(s.profile_id), s.score, explanation(s)) for s in found]


def suggestions_for_data(
    *, user: Any, data: ProfileData, intent: str, k: int = 10, exclude: Collection[str] = ()
) -> list[Match]:
    """Suggestions for a profile the index does not hold (an organisation's, built by
    the app that owns it), without the people ``user`` blocked and ``exclude``."""
    index = index_store.get_index()
    suggestions = index.suggest_for(data, intent, k=k, exclude={*excluded_ids(user), *exclude})
    return _with_profiles(suggestions)
