"""Who must never be suggested to whom: apps above matching register their reasons.

The engine ranks; it does not know the network. The network registers
"blocked in either direction" here (in its AppConfig.ready), and every ranking
of the matching app leaves those people out.
"""

from collections.abc import Callable
from typing import Any

ExclusionSource = Callable[[Any], set[int]]

_sources: list[ExclusionSource] = []


def exclusion_source(source: ExclusionSource) -> ExclusionSource:
    """Register ``source(user) -> user ids`` that must not be ranked for ``user``."""
    if source not in _sources:
        _sources.append(source)
    return source


def excluded_ids(user: Any) -> set[str]:
    """The profile ids (as the index keys them) never to rank for ``user``: themselves too."""
    ids = {user.pk}
    for source in _sources:
        ids |= source(user)
    return {str(pk) for pk in ids}
