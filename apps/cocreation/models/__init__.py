"""Circles (Kreise) with gatherings and a board, and co-creation sessions (ideas,
clusters, dots, Kollegiale Beratung, the four dimensions)."""

from apps.cocreation.models.circles import (
    BoardPost,
    BoardReply,
    Circle,
    CircleMembership,
    Gathering,
    JoinRequest,
    JoinRequestStatus,
    Rsvp,
    RsvpAnswer,
)
from apps.cocreation.models.sessions import (
    BERATUNG_STEPS,
    IDEA_PHASES,
    CaseNote,
    Cluster,
    DimensionRating,
    Dot,
    Idea,
    Phase,
    Session,
    SessionFormat,
)

__all__ = [
    "BERATUNG_STEPS",
    "IDEA_PHASES",
    "BoardPost",
    "BoardReply",
    "CaseNote",
    "Circle",
    "CircleMembership",
    "Cluster",
    "DimensionRating",
    "Dot",
    "Gathering",
    "Idea",
    "JoinRequest",
    "JoinRequestStatus",
    "Phase",
    "Rsvp",
    "RsvpAnswer",
    "Session",
    "SessionFormat",
]
