"""Writes of date polls: propose slots, answer, turn a slot into a meeting.

The rule of every write: ``write_gate`` (current members of a running cooperation).
"""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, EventKind, Membership
from apps.cooperations.services import event_record
from apps.meetings.models import Availability, DatePoll, Meeting, PollAnswer, PollSlot
from apps.meetings.services.common import assign_stripped
from apps.meetings.services.meetings import meeting_create

MAX_POLL_SLOTS = 10


def poll_schedulable(*, poll: DatePoll, membership: Membership) -> bool:
    """The coordination or whoever started the poll fixes the date."""
    return membership.is_coordinator or poll.created_by_id == membership.user_id


def date_poll_create(
    *,
    cooperation: Cooperation,
    user: User,
    title: str,
    slots: list[datetime],
    duration_minutes: int = 60,
    place: str = "",
    video_url: str = "",
) -> DatePoll:
    """Any current member proposes 1–10 future slots for a meeting."""
    write_gate(cooperation=cooperation, user=user)
    unique = sorted(set(slots))
    if not unique:
        raise ValidationError(_("Bitte schlagen Sie mindestens einen Termin vor."))
    if len(unique) > MAX_POLL_SLOTS:
        raise ValidationError(
            _("Bitte schlagen Sie höchstens %(count)d Termine vor.") % {"count": MAX_POLL_SLOTS}
        )
    if unique[0] <= timezone.now():
        raise ValidationError(_("Alle vorgeschlagenen Termine müssen in der Zukunft liegen."))
    poll = DatePoll(cooperation=cooperation, created_by=user)
    assign_stripped(
        poll, title=title, duration_minutes=duration_minutes, place=place, video_url=video_url
    )
    poll.full_clean()
    with transaction.atomic():
        poll.save()
        PollSlot.objects.bulk_create([PollSlot(poll=poll, starts_at=start) for start in unique])
        event_record(
            cooperation=cooperation,
            actor=user,
            kind=EventKind.DATE_POLL_STARTED,
            item=poll.title,
            poll=poll.pk,
        )
    return poll


def date_poll_answer(*, poll: DatePoll, user: User, answers: Mapping[int, str]) -> int:
    """A current member answers yes / maybe / no per slot; answering again replaces it.
    Returns the number of answers saved."""
    write_gate(cooperation=poll.cooperation, user=user)
    if not poll.is_open:
        raise ValidationError(_("Diese Terminumfrage ist abgeschlossen."))
    slot_ids = set(poll.slots.values_list("pk", flat=True))
    if set(answers) - slot_ids:
        raise ValidationError(_("Unbekannter Terminvorschlag."))
    if any(value not in Availability.values for value in answers.values()):
        raise ValidationError(_("Bitte antworten Sie mit Ja, Vielleicht oder Nein."))
    now = timezone.now()
    with transaction.atomic():
        PollAnswer.objects.filter(slot_id__in=list(answers), user=user).delete()
        PollAnswer.objects.bulk_create(
            [
                PollAnswer(slot_id=slot_id, user=user, availability=value, answered_at=now)
                for slot_id, value in answers.items()
            ]
        )
    return len(answers)


def date_poll_schedule(*, poll: DatePoll, user: User, slot: PollSlot) -> Meeting:
    """The coordination or whoever started the poll turns a slot into a meeting, in
    one step; the poll is closed then."""
    membership = write_gate(cooperation=poll.cooperation, user=user)
    if not poll_schedulable(poll=poll, membership=membership):
        raise PermissionDenied(
            _("Den Termin legt die Koordination fest oder wer die Umfrage gestartet hat.")
        )
    if slot.poll_id != poll.pk:
        raise ValidationError(_("Unbekannter Terminvorschlag."))
    with transaction.atomic():
        locked = DatePoll.objects.select_for_update().get(pk=poll.pk)
        if not locked.is_open:
            raise ValidationError(_("Diese Terminumfrage ist abgeschlossen."))
        if slot.starts_at <= timezone.now():
            raise ValidationError(_("Dieser Termin liegt schon in der Vergangenheit."))
        meeting = meeting_create(
            cooperation=poll.cooperation,
            user=user,
            title=locked.title,
            starts_at=slot.starts_at,
            duration_minutes=locked.duration_minutes,
            place=locked.place,
            video_url=locked.video_url,
        )
        locked.meeting = meeting
        locked.closed_at = timezone.now()
        locked.save(update_fields=["meeting", "closed_at", "updated_at"])
    return meeting
