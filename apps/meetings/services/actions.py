"""Writes of actions: create, change, complete, cancel, reopen.

The rule of every write: ``write_gate`` (current members of a running cooperation).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, EventKind
from apps.cooperations.services import event_record
from apps.driver.services import nudges_resolve
from apps.meetings.models import Action, ActionStatus, Meeting
from apps.meetings.services.common import action_subject, owner_in


def _check_due(due_on: date) -> None:
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Das Fälligkeitsdatum liegt in der Vergangenheit.")})


def action_create(
    *,
    cooperation: Cooperation,
    user: User,
    title: str,
    owner: User | None,
    due_on: date,
    note: str = "",
    meeting: Meeting | None = None,
) -> Action:
    """Any current member creates an action for a current member (often from the
    protocol of a meeting); the due date is today or later."""
    write_gate(cooperation=cooperation, user=user)
    if meeting is not None and meeting.cooperation_id != cooperation.pk:
        raise ValidationError(_("Die Besprechung gehört zu einer anderen Kooperation."))
    owner_in(cooperation, owner)
    _check_due(due_on)
    action = Action(
        cooperation=cooperation,
        meeting=meeting,
        created_by=user,
        title=title.strip(),
        note=note.strip(),
        owner=owner,
        due_on=due_on,
    )
    action.full_clean()
    with transaction.atomic():
        action.save()
        event_record(
            cooperation=cooperation,
            actor=user,
            kind=EventKind.ACTION_CREATED,
            item=action.title,
            action=action.pk,
        )
    return action


def _locked_action(action: Action) -> Action:
    return Action.objects.select_for_update().select_related("cooperation").get(pk=action.pk)


def action_update(
    *,
    action: Action,
    user: User,
    title: str,
    owner: User | None,
    due_on: date,
    note: str = "",
) -> Action:
    """Any current member changes an open action: title, owner, due date, note."""
    write_gate(cooperation=action.cooperation, user=user)
    with transaction.atomic():
        locked = _locked_action(action)
        if not locked.is_open:
            raise ValidationError(_("Nur offene Aufgaben lassen sich ändern."))
        owner_in(locked.cooperation, owner)
        due_changed = due_on != locked.due_on
        if due_changed:
            _check_due(due_on)
        owner_changed = locked.owner_id != (owner.pk if owner else None)
        locked.title, locked.note, locked.owner, locked.due_on = (
            title.strip(),
            note.strip(),
            owner,
            due_on,
        )
        locked.full_clean()
        locked.save()
        if owner_changed or due_changed:
            # Nudges about the old owner or date are out of date; the next run decides anew.
            nudges_resolve(subject=action_subject(locked.pk))
    return locked


def _close(action: Action, user: User, status: str, kind: str) -> Action:
    write_gate(cooperation=action.cooperation, user=user)
    with transaction.atomic():
        locked = _locked_action(action)
        if not locked.is_open:
            raise ValidationError(_("Diese Aufgabe ist bereits abgeschlossen."))
        locked.status = status
        locked.closed_at = timezone.now()
        locked.closed_by = user
        locked.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
        nudges_resolve(subject=action_subject(locked.pk))
        event_record(
            cooperation=locked.cooperation,
            actor=user,
            kind=kind,
            item=locked.title,
            action=locked.pk,
        )
    return locked


def action_complete(*, action: Action, user: User) -> Action:
    """The owner or any other current member marks the action done; its nudges
    disappear at once."""
    return _close(action, user, ActionStatus.DONE, EventKind.ACTION_DONE)


def action_cancel(*, action: Action, user: User) -> Action:
    """Any current member cancels an action that is no longer needed."""
    return _close(action, user, ActionStatus.CANCELLED, EventKind.ACTION_CANCELLED)


def action_reopen(*, action: Action, user: User) -> Action:
    """A done or cancelled action is open again (the driver watches its date anew)."""
    write_gate(cooperation=action.cooperation, user=user)
    with transaction.atomic():
        locked = _locked_action(action)
        if locked.is_open:
            return locked
        locked.status = ActionStatus.OPEN
        locked.closed_at = None
        locked.closed_by = None
        locked.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    return locked
