"""Every write of the co-creation space, one module per sub-domain: ``circles``
(membership, join requests, norms), ``gatherings`` (Treffen, RSVP), ``board``,
``sessions`` (ideas, clusters, dots, the result), ``beratung`` (steps, notes) and
``access`` (who takes part)."""

from apps.cocreation.services.access import circle_gate, participant_gate
from apps.cocreation.services.beratung import case_note_save, step_advance
from apps.cocreation.services.board import post_create, reply_create
from apps.cocreation.services.circles import (
    circle_create,
    circle_leave,
    join_request_create,
    join_request_decide,
)
from apps.cocreation.services.gatherings import gathering_create, rsvp_set
from apps.cocreation.services.sessions import (
    cluster_create,
    dot_add,
    dot_remove,
    idea_add,
    idea_assign,
    idea_withdraw,
    phase_advance,
    rating_save,
    result_to_actions,
    result_to_cooperation,
    session_create,
    session_decide,
)

__all__ = [
    "case_note_save",
    "circle_create",
    "circle_gate",
    "circle_leave",
    "cluster_create",
    "dot_add",
    "dot_remove",
    "gathering_create",
    "idea_add",
    "idea_assign",
    "idea_withdraw",
    "join_request_create",
    "join_request_decide",
    "participant_gate",
    "phase_advance",
    "post_create",
    "rating_save",
    "reply_create",
    "result_to_actions",
    "result_to_cooperation",
    "rsvp_set",
    "session_create",
    "session_decide",
    "step_advance",
]
