"""The exit: any member proposes to end the cooperation or to leave it, the members
work through the checklist and write a retrospective, then the exit completes."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import current_membership, write_gate
from apps.cooperations.models import (
    Cooperation,
    EventKind,
    ExitKind,
    ExitProcess,
    Retrospective,
)
from apps.cooperations.services.common import current_user_ids, timeline_event
from apps.cooperations.services.lifecycle import cooperation_end
from apps.cooperations.services.members import after_membership_change, end_membership


def exit_propose(*, cooperation: Cooperation, user: User, kind: str, reason: str) -> ExitProcess:
    """Any member may propose to end the cooperation or to leave it; it opens the checklist."""
    write_gate(cooperation=cooperation, user=user)
    if len(reason.strip()) < 10:
        raise ValidationError(_("Bitte sagen Sie in ein paar Worten, warum."))
    if cooperation.exits.filter(completed_at__isnull=True, cancelled_at__isnull=True).exists():
        raise ValidationError(_("Es läuft bereits ein Ausstieg. Bitte schließen Sie ihn erst ab."))
    with transaction.atomic():
        exit_process = ExitProcess(
            cooperation=cooperation,
            kind=kind,
            proposed_by=user,
            leaving_user=user if kind == ExitKind.LEAVE else None,
            reason=reason.strip(),
        )
        exit_process.full_clean()
        exit_process.save()
        timeline_event(
            cooperation, user, EventKind.EXIT_PROPOSED, exit_kind=kind, reason=reason.strip()
        )
    return exit_process


CHECKLIST_FIELDS = (
    "settlement",
    "settlement_note",
    "resources",
    "resources_note",
    "clients",
    "clients_note",
    "data_decision",
    "data_note",
)


def exit_checklist_update(
    *, exit_process: ExitProcess, user: User, data: dict[str, Any]
) -> ExitProcess:
    cooperation = exit_process.cooperation
    write_gate(cooperation=cooperation, user=user)
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    for name in CHECKLIST_FIELDS:
        setattr(exit_process, name, data[name])
    exit_process.full_clean()
    exit_process.save(update_fields=[*CHECKLIST_FIELDS, "updated_at"])
    return exit_process


def exit_retrospective_save(
    *, exit_process: ExitProcess, user: User, data: dict[str, Any]
) -> Retrospective:
    write_gate(cooperation=exit_process.cooperation, user=user)
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    retrospective = Retrospective.objects.filter(
        exit=exit_process, user=user
    ).first() or Retrospective(exit=exit_process, user=user)
    for name, value in data.items():
        setattr(retrospective, name, value)
    retrospective.full_clean()
    retrospective.save()
    return retrospective


def exit_cancel(*, exit_process: ExitProcess, user: User) -> None:
    write_gate(cooperation=exit_process.cooperation, user=user)
    if user.pk not in (exit_process.proposed_by_id, exit_process.leaving_user_id):
        raise PermissionDenied(_("Nur wer den Ausstieg vorgeschlagen hat, kann ihn abbrechen."))
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    with transaction.atomic():
        exit_process.cancelled_at = timezone.now()
        exit_process.save(update_fields=["cancelled_at", "updated_at"])
        timeline_event(exit_process.cooperation, user, EventKind.EXIT_CANCELLED)


def exit_complete(*, exit_process: ExitProcess, user: User) -> None:
    """Finish the exit once every checklist item is done or marked as not applicable.

    Ending makes the cooperation read-only for everyone; leaving ends one membership,
    and a cooperation left with a single member ends too.
    """
    cooperation = exit_process.cooperation
    write_gate(cooperation=cooperation, user=user)
    if not exit_process.is_open:
        raise ValidationError(_("Dieser Ausstieg ist abgeschlossen."))
    if exit_process.kind == ExitKind.LEAVE and user.pk != exit_process.leaving_user_id:
        raise PermissionDenied(_("Den Austritt schließt die Person ab, die geht."))
    if exit_process.open_items:
        raise ValidationError(
            _("Bitte haken Sie erst alle Punkte der Checkliste ab (erledigt oder entfällt).")
        )
    with transaction.atomic():
        exit_process.completed_at = timezone.now()
        exit_process.save(update_fields=["completed_at", "updated_at"])
        timeline_event(cooperation, user, EventKind.EXIT_COMPLETED, exit_kind=exit_process.kind)
        if exit_process.kind == ExitKind.LEAVE:
            end_membership(current_membership(cooperation=cooperation, user=user))
            timeline_event(cooperation, user, EventKind.LEFT, member=user.get_full_name())
            if len(current_user_ids(cooperation)) >= 2:
                after_membership_change(cooperation, user)
                return
        cooperation_end(cooperation, user)
