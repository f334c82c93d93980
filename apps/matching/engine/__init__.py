"""WirWerk partner matching: a pure Python/NumPy/SciPy engine without Django."""

from .explain import Reason, Suggestion, render_reason_de
from .features import INTENTS, ProfileData
from .geo import GeoResult, geo_lookup
from .index import Filters, MatchIndex
from .vocabulary import suggest_labels

__all__ = [
    "INTENTS",
    "Filters",
    "GeoResult",
    "MatchIndex",
    "ProfileData",
    "Reason",
    "Suggestion",
    "geo_lookup",
    "render_reason_de",
    "suggest_labels",
]
