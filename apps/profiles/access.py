"""Who may open a profile that is shown "only in partner suggestions".

Such a profile opens for its owner, for people who already know the owner (apps above
register how: the network its connections and contact requests, cooperations their
co-members), and through the link on a suggestion made to the viewer: that link
carries a signed note "suggested to this viewer", valid for SUGGESTION_DAYS.
"""

from collections.abc import Callable
from typing import Any

from django.core import signing

Acquaintance = Callable[[Any, int], bool]

SUGGESTION_DAYS = 30
_SALT = "profiles.suggested"
_sources: list[Acquaintance] = []


def acquaintance_source(source: Acquaintance) -> Acquaintance:
    """Register ``source(viewer, owner_id) -> bool``: the viewer knows the owner."""
    if source not in _sources:
        _sources.append(source)
    return source


def knows(viewer: Any, owner_id: int) -> bool:
    return any(source(viewer, owner_id) for source in _sources)


def suggestion_token(*, viewer_id: int, owner_id: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(f"{viewer_id}:{owner_id}")


def was_suggested(token: str, *, viewer_id: int, owner_id: int) -> bool:
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(
            token, max_age=SUGGESTION_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return False
    return bool(value == f"{viewer_id}:{owner_id}")
