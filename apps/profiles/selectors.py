from typing import Any

from django.http import Http404

from apps.matching.engine import geo_lookup
from apps.matching.exclusions import excluded_ids
from apps.profiles import access
from apps.profiles.access import was_suggested
from apps.profiles.models import Profile, Visibility


def profile_for_viewer(*, viewer: Any, user_id: int, suggested: str = "") -> Profile:
    """A profile as another member may see it, else 404: hidden profiles, profiles
    between people where one blocked the other, and profiles "only in partner
    suggestions" for someone who was neither suggested them (``suggested``: the signed
    note of the suggestion's link) nor knows the owner."""
    profile = Profile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None:
        raise Http404
    if profile.user_id == viewer.pk:
        return profile
    if profile.visibility == Visibility.HIDDEN or str(user_id) in excluded_ids(viewer):
        raise Http404
    if profile.visibility == Visibility.MATCHING and not (
        was_suggested(suggested, viewer_id=viewer.pk, owner_id=profile.user_id)
        or access.knows(viewer, profile.user_id)
    ):
        raise Http404
    return profile


def unknown_place(*, city: str, postal_code: str) -> bool:
    """True when WirWerk cannot place the city (and so cannot compute distances)."""
    if not city:
        return False
    result = geo_lookup(city, postal_code)
    return result is None or not result.city_known
