"""The finances' records: engagements with their lines and keys, shared running
costs, settlements with their transfers and receipts."""

from apps.finances.models.engagements import (
    Engagement,
    EngagementLine,
    EngagementStatus,
    LineKind,
)
from apps.finances.models.keys import (
    KeyConsent,
    KeyKind,
    KeyProposal,
    KeyPurpose,
    KeyShare,
    SharedCost,
    SharedCostShare,
)
from apps.finances.models.settlements import (
    Immutable,
    Settlement,
    Transfer,
    TransferReceipt,
)

__all__ = [
    "Engagement",
    "EngagementLine",
    "EngagementStatus",
    "Immutable",
    "KeyConsent",
    "KeyKind",
    "KeyProposal",
    "KeyPurpose",
    "KeyShare",
    "LineKind",
    "Settlement",
    "SharedCost",
    "SharedCostShare",
    "Transfer",
    "TransferReceipt",
]
