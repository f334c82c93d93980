"""Pages of a cooperation, one module per sub-domain. Every view inside a cooperation
starts with ``selectors.cooperation_for_member``: outsiders get 404 before anything
else runs. Templates learn what the user may do from ``common.page`` (``can_write``,
``can_coordinate``: the write gate's rules), never by re-typing them.
"""

from apps.cooperations.views.agreements import (
    agreement,
    agreement_accept,
    agreement_compare,
    agreement_discard,
    agreement_draft,
    agreement_pdf,
    agreement_propose,
    agreement_version,
    agreement_withdraw,
)
from apps.cooperations.views.exit import (
    exit_cancel,
    exit_checklist,
    exit_complete,
    exit_overview,
    exit_retrospective,
)
from apps.cooperations.views.fit_check import (
    fit_check,
    fit_check_start,
)
from apps.cooperations.views.members import (
    invitation_accept,
    invitation_decline,
    invitation_link,
    invitation_revoke,
    join_request_answer,
    member_invite,
    member_remove,
    member_role,
)
from apps.cooperations.views.overview import (
    archive,
    cooperation_delete,
    cooperation_detail,
    cooperation_edit,
    cooperation_list,
    cooperation_new,
    cooperation_timeline,
)
from apps.cooperations.views.receipts import agreement_receipt, agreement_verify

__all__ = [
    "agreement",
    "agreement_accept",
    "agreement_compare",
    "agreement_discard",
    "agreement_draft",
    "agreement_pdf",
    "agreement_propose",
    "agreement_receipt",
    "agreement_verify",
    "agreement_version",
    "agreement_withdraw",
    "archive",
    "cooperation_delete",
    "cooperation_detail",
    "cooperation_edit",
    "cooperation_list",
    "cooperation_new",
    "cooperation_timeline",
    "exit_cancel",
    "exit_checklist",
    "exit_complete",
    "exit_overview",
    "exit_retrospective",
    "fit_check",
    "fit_check_start",
    "invitation_accept",
    "invitation_decline",
    "invitation_link",
    "invitation_revoke",
    "join_request_answer",
    "member_invite",
    "member_remove",
    "member_role",
]
