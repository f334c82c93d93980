"""Cooperations: members, invitations, the fit check, agreements and the exit, one
module per sub-domain. Every model keeps its app label (``cooperations``) and table;
import them from here: ``from apps.cooperations.models import Cooperation``.
"""

from apps.cooperations.models.agreements import (
    ACCEPTED_STATUSES,
    Acceptance,
    AgreementVersion,
    AgreementVersionQuerySet,
    Commitment,
    VersionStatus,
)
from apps.cooperations.models.cooperation import (
    Cooperation,
    CooperationKind,
    CooperationQuerySet,
    CooperationStatus,
    Event,
    EventKind,
    Invitation,
    InvitationQuerySet,
    MemberRole,
    Membership,
    MembershipQuerySet,
)
from apps.cooperations.models.exit import (
    DataDecision,
    ExitKind,
    ExitProcess,
    ItemState,
    Retrospective,
)
from apps.cooperations.models.fit_check import (
    RATING,
    DecisionStyle,
    FitCheck,
    FitCheckAnswer,
    FourDimensions,
    MoneyExpectation,
    Rhythm,
)

__all__ = [
    "ACCEPTED_STATUSES",
    "RATING",
    "Acceptance",
    "AgreementVersion",
    "AgreementVersionQuerySet",
    "Commitment",
    "Cooperation",
    "CooperationKind",
    "CooperationQuerySet",
    "CooperationStatus",
    "DataDecision",
    "DecisionStyle",
    "Event",
    "EventKind",
    "ExitKind",
    "ExitProcess",
    "FitCheck",
    "FitCheckAnswer",
    "FourDimensions",
    "Invitation",
    "InvitationQuerySet",
    "ItemState",
    "MemberRole",
    "Membership",
    "MembershipQuerySet",
    "MoneyExpectation",
    "Retrospective",
    "Rhythm",
    "VersionStatus",
]
