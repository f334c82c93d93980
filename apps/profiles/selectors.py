from typing import Any

from django.http import Http404

from apps.matching.engine import geo_lookup
from apps.profiles.models import Profile, Visibility


def profile_for_viewer(*, viewer: Any, user_id: int) -> Profile:
    """A profile as another member may see it; hidden profiles answer 404."""
    profile = Profile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or (
        profile.visibility == Visibility.HIDDEN and profile.user_id != viewer.pk
    ):
        raise Http404
    return profile


def unknown_place(*, city: str, postal_code: str) -> bool:
    """True when WirWerk cannot place the city (and so cannot compute distances)."""
    if not city:
        return False
    result = geo_lookup(city, postal_code)
    return result is None or not result.city_known
