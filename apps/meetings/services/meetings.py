"""Writes of meetings, their agenda and their protocol.

The rule of every write: ``write_gate`` (current members of a running cooperation).
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import ensure_open, write_gate
from apps.cooperations.models import Cooperation, EventKind, Membership
from apps.cooperations.services import event_record
from apps.driver.services import nudges_resolve
from apps.meetings.models import AgendaItem, Meeting
from apps.meetings.services.common import NO_MEETING_RULE, assign_stripped, meetings_subject

# Saving the protocol again within this time does not add another timeline event.
PROTOCOL_EVENT_QUIET = timedelta(hours=1)


def meeting_create(
    *,
    cooperation: Cooperation,
    user: User,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    place: str = "",
    video_url: str = "",
) -> Meeting:
    """Any current member plans a meeting (also one that already took place, to keep
    its protocol). A meeting ahead closes the "no meeting planned" nudge at once."""
    write_gate(cooperation=cooperation, user=user)
    meeting = Meeting(cooperation=cooperation, created_by=user)
    assign_stripped(
        meeting,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        video_url=video_url,
    )
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        event_record(
            cooperation=cooperation,
            actor=user,
            kind=EventKind.MEETING_PLANNED,
            item=meeting.title,
            meeting=meeting.pk,
        )
        if meeting.starts_at > timezone.now():
            # The next driver run opens it again if this meeting is still too far away.
            nudges_resolve(subject=meetings_subject(cooperation.pk), rule=NO_MEETING_RULE)
    return meeting


def meeting_update(
    *,
    meeting: Meeting,
    user: User,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    place: str = "",
    video_url: str = "",
) -> Meeting:
    """Any current member changes a meeting; a new time or place raises the calendar
    sequence so that subscribed calendars update the entry."""
    write_gate(cooperation=meeting.cooperation, user=user)
    before = (meeting.starts_at, meeting.duration_minutes, meeting.place, meeting.video_url)
    assign_stripped(
        meeting,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        video_url=video_url,
    )
    if before != (meeting.starts_at, meeting.duration_minutes, meeting.place, meeting.video_url):
        meeting.sequence += 1
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        event_record(
            cooperation=meeting.cooperation,
            actor=user,
            kind=EventKind.MEETING_CHANGED,
            item=meeting.title,
            meeting=meeting.pk,
        )
        if meeting.starts_at > timezone.now():
            nudges_resolve(subject=meetings_subject(meeting.cooperation_id), rule=NO_MEETING_RULE)
    return meeting


def protocol_save(*, meeting: Meeting, user: User, protocol: str, revision: int) -> Meeting:
    """Save the protocol, unless someone else saved it since ``revision`` was read
    (then nothing is lost: the person sees the newer text and merges)."""
    write_gate(cooperation=meeting.cooperation, user=user)
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.protocol_revision != revision:
            raise ValidationError(
                _(
                    "%(name)s hat das Protokoll inzwischen geändert. Bitte übernehmen Sie "
                    "Ihre Ergänzungen in die neue Fassung."
                )
                % {"name": current.protocol_updated_by or _("Jemand")},
                code="stale",
            )
        now = timezone.now()
        quiet = (
            current.protocol_updated_by_id == user.pk
            and current.protocol_updated_at is not None
            and current.protocol_updated_at > now - PROTOCOL_EVENT_QUIET
        )
        current.protocol = protocol.strip()
        current.protocol_revision += 1
        current.protocol_updated_at = now
        current.protocol_updated_by = user
        current.full_clean()
        current.save(
            update_fields=[
                "protocol",
                "protocol_revision",
                "protocol_updated_at",
                "protocol_updated_by",
                "ends_at",
                "updated_at",
            ]
        )
        if not quiet:
            event_record(
                cooperation=meeting.cooperation,
                actor=user,
                kind=EventKind.PROTOCOL_SAVED,
                item=current.title,
                meeting=current.pk,
            )
    return current


# Agenda -----------------------------------------------------------------------


def agenda_item_removable(*, item: AgendaItem, membership: Membership) -> bool:
    """Who brought the item in, or the coordination, may take it off again."""
    return item.added_by_id == membership.user_id or membership.is_coordinator


def agenda_item_add(
    *, meeting: Meeting, user: User | None, title: str, note: str = ""
) -> AgendaItem:
    """Any current member adds an item at the end of the agenda.

    ``user=None`` is the platform itself (a check-in's "Change it" puts an item on the
    next meeting's agenda); the cooperation must still be running.
    """
    if user is None:
        ensure_open(meeting.cooperation)
    else:
        write_gate(cooperation=meeting.cooperation, user=user)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
        item = AgendaItem(
            meeting=meeting,
            position=0 if last is None else last + 1,
            title=title.strip(),
            note=note.strip(),
            added_by=user,
        )
        item.full_clean()
        item.save()
    return item


def agenda_item_move(*, item: AgendaItem, user: User, up: bool) -> None:
    """Swap the item with its neighbour; positions are renumbered 0, 1, 2, … on the way."""
    write_gate(cooperation=item.meeting.cooperation, user=user)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=item.meeting_id).exists()
        items = list(
            AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("position", "pk")
        )
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if up else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items):
            other.position = position
        AgendaItem.objects.bulk_update(items, ["position"])


def agenda_item_remove(*, item: AgendaItem, user: User) -> None:
    """The person who brought the item in, or the coordination, takes it off again."""
    membership = write_gate(cooperation=item.meeting.cooperation, user=user)
    if not agenda_item_removable(item=item, membership=membership):
        raise PermissionDenied(
            _("Nur wer den Punkt eingebracht hat oder die Koordination kann ihn entfernen.")
        )
    item.delete()
