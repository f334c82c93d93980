from typing import Any

from django.db.models import Value
from django.db.models.functions import Coalesce

from apps.checkins.health import band, latest_score
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperations_owing, open_invitations_for
from apps.driver.selectors import open_nudges
from apps.network.selectors import asks_fitting_user, incoming_requests
from apps.profiles.models import Profile


def cooperations_needing(*, user: Any, limit: int = 5) -> list[Cooperation]:
    """The user's running cooperations, the ones waiting for the user first, then the
    least healthy (latest daily health score; none yet counts as healthy).

    ``health_score`` is the latest score (None before the first), ``health_band`` its
    band (``good``, ``watch``, ``critical``) for the colour.
    """
    found: list[Cooperation] = list(
        cooperations_owing(user=user)
        .annotate(health_score=latest_score())
        .order_by(
            "-waits_for_acceptance",
            "-waits_for_answer",
            Coalesce("health_score", Value(100)),
            "-last_activity_at",
            "-pk",
        )[:limit]
    )
    for cooperation in found:
        score = cooperation.health_score  # type: ignore[attr-defined]
        cooperation.health_band = band(score) if score is not None else None  # type: ignore[attr-defined]
    return found


def dashboard_data(*, user: Any) -> dict[str, Any]:
    """What the dashboard shows: the user's own data only."""
    return {
        "profile": Profile.objects.filter(user=user).first(),
        "incoming_requests": list(incoming_requests(user=user)[:5]),
        "fitting_asks": asks_fitting_user(user=user, limit=3),
        "nudges": list(open_nudges(user=user)[:3]),
        "cooperations": cooperations_needing(user=user),
        "invitations": list(open_invitations_for(user=user)[:5]),
    }
