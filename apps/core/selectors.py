from typing import Any

from apps.profiles.models import Profile


def dashboard_data(*, user: Any) -> dict[str, Any]:
    """What the dashboard shows: the user's own data only."""
    profile = Profile.objects.filter(user=user).first()
    return {"profile": profile}
