"""Pages of the finances. Every view starts with ``cooperation_for_member``: outsiders
get 404 before anything else runs. Former members and members of an ended
cooperation read everything and write nothing (``can_write``)."""

from apps.finances.views.engagements import (
    engagement_detail,
    engagement_edit,
    engagement_list,
    engagement_new,
    key_consent,
    key_propose,
    line_add,
    line_reverse,
)
from apps.finances.views.money import (
    overview,
    settlement_propose,
    settlements,
    shared_costs,
    transfer_confirm,
)

__all__ = [
    "engagement_detail",
    "engagement_edit",
    "engagement_list",
    "engagement_new",
    "key_consent",
    "key_propose",
    "line_add",
    "line_reverse",
    "overview",
    "settlement_propose",
    "settlements",
    "shared_costs",
    "transfer_confirm",
]
