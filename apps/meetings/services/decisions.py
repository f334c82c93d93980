"""Writes of decisions: drafts, and the confirmation that makes a decision a record.

The rule of every write: ``write_gate`` (current members of a running cooperation).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, EventKind
from apps.cooperations.services import event_record
from apps.meetings.models import Decision, DecisionStatus, Meeting


def _check_supersedes(cooperation: Cooperation, supersedes: Decision | None) -> None:
    if supersedes is None:
        return
    if supersedes.cooperation_id != cooperation.pk or not supersedes.is_final:
        raise ValidationError(
            {"supersedes": _("Ersetzt werden kann nur ein gefasster Beschluss dieser Kooperation.")}
        )
    if Decision.objects.final().filter(supersedes=supersedes).exists():
        raise ValidationError(
            {"supersedes": _("Dieser Beschluss wurde bereits durch einen späteren ersetzt.")}
        )


def decision_record(
    *,
    meeting: Meeting,
    user: User,
    title: str,
    text: str = "",
    supersedes: Decision | None = None,
) -> Decision:
    """A current member records a decision of the meeting as a draft."""
    write_gate(cooperation=meeting.cooperation, user=user)
    _check_supersedes(meeting.cooperation, supersedes)
    decision = Decision(
        cooperation=meeting.cooperation,
        meeting=meeting,
        created_by=user,
        title=title.strip(),
        text=text.strip(),
        supersedes=supersedes,
    )
    decision.full_clean()
    decision.save()
    return decision


def _locked_draft(decision: Decision) -> Decision:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.is_final:
        raise ValidationError(
            _(
                "Ein gefasster Beschluss wird nie geändert. Fassen Sie einen neuen Beschluss, "
                "der ihn ersetzt."
            ),
            code="final",
        )
    return locked


def decision_update(
    *,
    decision: Decision,
    user: User,
    title: str,
    text: str = "",
    supersedes: Decision | None = None,
) -> Decision:
    """Drafts only: a final decision is a record and refuses every change."""
    write_gate(cooperation=decision.cooperation, user=user)
    with transaction.atomic():
        draft = _locked_draft(decision)
        _check_supersedes(draft.cooperation, supersedes)
        draft.title, draft.text, draft.supersedes = title.strip(), text.strip(), supersedes
        draft.full_clean()
        draft.save()
    return draft


def decision_discard(*, decision: Decision, user: User) -> None:
    """Drafts only: a draft that was not decided after all goes away."""
    write_gate(cooperation=decision.cooperation, user=user)
    with transaction.atomic():
        _locked_draft(decision).delete()


def decision_confirm(*, decision: Decision, user: User) -> Decision:
    """A current member confirms a draft: it becomes final, gets the next number of
    the cooperation and from now on is never edited. If it supersedes an earlier
    decision, that one stays as it is and is shown as superseded."""
    cooperation = decision.cooperation
    write_gate(cooperation=cooperation, user=user)
    with transaction.atomic():
        # One confirmation at a time per cooperation: numbers stay gapless and unique.
        Cooperation.objects.select_for_update().filter(pk=cooperation.pk).exists()
        draft = _locked_draft(decision)
        _check_supersedes(cooperation, draft.supersedes)
        last = Decision.objects.final().filter(cooperation=cooperation).aggregate(n=Max("number"))
        draft.number = (last["n"] or 0) + 1
        draft.status = DecisionStatus.FINAL
        draft.confirmed_at = timezone.now()
        draft.confirmed_by = user
        draft.full_clean()
        draft.save()
        event_record(
            cooperation=cooperation,
            actor=user,
            kind=EventKind.DECISION_CONFIRMED,
            item=f"{draft.number}. {draft.title}",
            decision=draft.pk,
        )
    return draft
