"""The live fragment of a session, polled every two seconds by every participant.

Each answer carries an ETag built from the session's ``version`` (bumped by every
change), the person (the fragment shows their dots and buttons), the language and,
while a Beratung step runs, the minute of its timer. A poll whose ``If-None-Match``
matches costs two small queries and answers 304 without rendering anything.
"""

import math
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from apps.base.http import AuthedRequest
from apps.cocreation import selectors
from apps.cocreation.forms import ActionsForm, ClusterForm, ProposalForm, RatingForm
from apps.cocreation.models import BERATUNG_STEPS, IDEA_PHASES, Phase, Session

POLL_SECONDS = 2


def timer_minute(phase: str, started_at: Any) -> int:
    """The running minute of a Beratung step (part of the ETag); 0 otherwise."""
    if phase not in BERATUNG_STEPS:
        return 0
    return int((timezone.now() - started_at).total_seconds() // 60) + 1


def etag_for(request: AuthedRequest, source: dict[str, Any]) -> str:
    minute = timer_minute(source["phase"], source["phase_started_at"])
    return f'"s{source["version"]}-u{request.user.pk}-{get_language()}-t{minute}"'


def _phases(session: Session) -> list[tuple[str, str, str]]:
    """(value, label, state) for the stepper: done, current or next."""
    order = [*BERATUNG_STEPS, Phase.DONE] if session.is_beratung else IDEA_PHASES
    current = order.index(Phase(session.phase))
    return [
        (
            phase.value,
            str(phase.label),
            "done" if i < current else "current" if i == current else "next",
        )
        for i, phase in enumerate(order)
    ]


def _remaining(session: Session) -> int | None:
    ends = session.step_ends_at
    if ends is None:
        return None
    return max(0, math.ceil((ends - timezone.now()).total_seconds()))


def _result_forms(request: AuthedRequest, session: Session) -> dict[str, Any]:
    """The facilitator's forms for what becomes of the decided winner."""
    if not (session.is_done and session.winner_id and session.facilitator_id == request.user.pk):
        return {}
    targets = selectors.cooperations_to_act_in(user=request.user)
    winner = session.winner.text if session.winner else ""
    actions_form = ActionsForm(
        initial={"titles": winner, "cooperation": session.cooperation_id}, cooperations=targets
    )
    return {
        "actions_form": actions_form,
        "proposal_form": ProposalForm(initial={"title": session.question[:120]}),
    }


def live_context(request: AuthedRequest, session: Session) -> dict[str, Any]:
    board = selectors.live_board(session=session, user=request.user)
    remaining = _remaining(session)
    return {
        **_result_forms(request, session),
        "session": session,
        "board": board,
        "phases": _phases(session),
        "is_facilitator": session.facilitator_id == request.user.pk,
        "is_case_giver": session.case_giver_id == request.user.pk,
        "can_take_part": getattr(session, "can_write", False),
        "cluster_form": ClusterForm(),
        "rating_form": RatingForm(),
        "remaining": remaining,
        "remaining_minutes": None if remaining is None else math.ceil(remaining / 60),
        "poll_seconds": POLL_SECONDS,
        "etag": etag_for(
            request,
            {
                "version": session.version,
                "phase": session.phase,
                "phase_started_at": session.phase_started_at,
            },
        ),
    }


@login_required
def session_live(request: AuthedRequest, pk: int) -> HttpResponse:
    source = selectors.session_etag_source(user=request.user, pk=pk)
    etag = etag_for(request, source)
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        session = selectors.session_for_member(user=request.user, pk=pk)
        response = render(request, "cocreation/_live.html", live_context(request, session))
    response["ETag"] = etag
    # Always ask again: the ETag, not a lifetime, tells whether anything changed.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie, HX-Request"
    return response
