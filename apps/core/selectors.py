from typing import Any

from apps.cooperations.selectors import cooperations_needing
from apps.driver.selectors import open_nudges
from apps.network.selectors import asks_fitting_user, incoming_requests
from apps.profiles.models import Profile


def dashboard_data(*, user: Any) -> dict[str, Any]:
    """What the dashboard shows: the user's own data only."""
    return {
        "profile": Profile.objects.filter(user=user).first(),
        "incoming_requests": list(incoming_requests(user=user)[:5]),
        "fitting_asks": asks_fitting_user(user=user, limit=3),
        "nudges": list(open_nudges(user=user)[:3]),
        "cooperations": cooperations_needing(user=user),
    }
