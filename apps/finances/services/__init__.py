"""Every write of the finances: engagements and their lines, key overrides and consent,
shared running costs, settlements and receipts.

The rules: only current members of a cooperation that has not ended write (the one
``write_gate``); the lead partner is a current member; amounts are Decimals in whole
cents (never floats); a key that differs from the agreement takes effect only when
every current member consented; settlements and transfers are never edited – a new
proposal replaces the open transfers of the previous one, and only the receiver of a
transfer confirms that it arrived.
"""

from apps.finances.services.engagements import (
    EngagementData,
    engagement_create,
    engagement_update,
    line_add,
    line_reverse,
)
from apps.finances.services.keys import (
    key_consent,
    key_propose,
    shared_cost_create,
    shared_cost_remove,
)
from apps.finances.services.settlements import settlement_propose, transfer_confirm

__all__ = [
    "EngagementData",
    "engagement_create",
    "engagement_update",
    "key_consent",
    "key_propose",
    "line_add",
    "line_reverse",
    "settlement_propose",
    "shared_cost_create",
    "shared_cost_remove",
    "transfer_confirm",
]
