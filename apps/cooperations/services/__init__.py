"""Every write of a cooperation, one module per sub-domain:

``lifecycle`` (create, update, end, archive), ``members``, ``invitations`` and
``join_requests`` (joining under another address), ``fit_check``,
``agreements``, ``exit``, and ``common`` (timeline events, activity).

Each service asks the write gate (``apps.cooperations.gate``) who may act: an
ended cooperation refuses every write, former members and outsiders are refused
(non-members rarely get here: the selectors answer 404), and what only the
coordination does asks ``coordinator_gate``. Each writes an audit event.

Callers use ``from apps.cooperations import services`` and ``services.<name>``;
the names below are that interface.
"""

from apps.cooperations.gate import ensure_open
from apps.cooperations.services.agreements import (
    AGREEMENT_TEXT_FIELDS,
    DraftConflict,
    agreement_accept,
    agreement_draft,
    agreement_draft_discard,
    agreement_draft_save,
    agreement_propose,
    agreement_withdraw,
)
from apps.cooperations.services.common import activity_record, event_record
from apps.cooperations.services.exit import (
    CHECKLIST_FIELDS,
    exit_cancel,
    exit_checklist_update,
    exit_complete,
    exit_propose,
    exit_retrospective_save,
)
from apps.cooperations.services.fit_check import (
    FIT_CHECK_FIELDS,
    fit_check_answer,
    fit_check_start,
)
from apps.cooperations.services.invitations import (
    INVITATION_VALID_FOR,
    invitation_accept,
    invitation_create,
    invitation_create_by_email,
    invitation_decline,
    invitation_for_token,
    invitation_revoke,
)
from apps.cooperations.services.join_requests import (
    invitation_request_confirm,
    invitation_request_decline,
    invitation_request_join,
    needs_confirmation,
)
from apps.cooperations.services.lifecycle import (
    cooperation_archive,
    cooperation_create,
    cooperation_update,
)
from apps.cooperations.services.members import member_remove, member_set_role
from wirwerk.lib.money import HUNDRED, equal_shares

__all__ = [
    "AGREEMENT_TEXT_FIELDS",
    "CHECKLIST_FIELDS",
    "FIT_CHECK_FIELDS",
    "HUNDRED",
    "INVITATION_VALID_FOR",
    "DraftConflict",
    "activity_record",
    "agreement_accept",
    "agreement_draft",
    "agreement_draft_discard",
    "agreement_draft_save",
    "agreement_propose",
    "agreement_withdraw",
    "cooperation_archive",
    "cooperation_create",
    "cooperation_update",
    "ensure_open",
    "equal_shares",
    "event_record",
    "exit_cancel",
    "exit_checklist_update",
    "exit_complete",
    "exit_propose",
    "exit_retrospective_save",
    "fit_check_answer",
    "fit_check_start",
    "invitation_accept",
    "invitation_create",
    "invitation_create_by_email",
    "invitation_decline",
    "invitation_for_token",
    "invitation_request_confirm",
    "invitation_request_decline",
    "invitation_request_join",
    "invitation_revoke",
    "member_remove",
    "member_set_role",
    "needs_confirmation",
]
