"""Every write of meetings, agenda, protocol, decisions, actions, date polls and
calendar feeds.

Who may write: current members of a cooperation that has not ended (former members
and ended cooperations are read-only; outsiders never get here, the selectors answer
404). Services raise ``PermissionDenied`` or ``ValidationError`` with a German message.
"""

import secrets
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, EventKind, Membership
from apps.cooperations.services import ensure_open, event_record
from apps.driver.services import nudges_resolve
from apps.meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Availability,
    CalendarFeed,
    DatePoll,
    Decision,
    DecisionStatus,
    Meeting,
    PollAnswer,
    PollSlot,
)

MAX_POLL_SLOTS = 10
# Saving the protocol again within this time does not add another timeline event.
PROTOCOL_EVENT_QUIET = timedelta(hours=1)
NO_MEETING_RULE = "no_meeting_planned"


def action_subject(action_id: int) -> str:
    """The nudge subject of an action (rules and ``nudges_resolve`` share it)."""
    return f"action:{action_id}"


def meetings_subject(cooperation_id: int) -> str:
    """The nudge subject "no meeting planned" of a cooperation."""
    return f"meetings:{cooperation_id}"


def _writer(cooperation: Cooperation, user: User) -> Membership:
    """The user's current membership; refuses ended cooperations and former members."""
    ensure_open(cooperation)
    membership = Membership.objects.current().filter(cooperation=cooperation, user=user).first()
    if membership is None:
        raise PermissionDenied(_("Das können nur aktuelle Mitglieder der Kooperation."))
    return membership


def _current_member(cooperation: Cooperation, user: User | None) -> User:
    if (
        user is None
        or not Membership.objects.current().filter(cooperation=cooperation, user=user).exists()
    ):
        raise ValidationError(
            {"owner": _("Zuständig kann nur ein aktuelles Mitglied der Kooperation sein.")}
        )
    return user


def _clean(instance: object, **fields: object) -> None:
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


# Meetings ---------------------------------------------------------------------


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
    _writer(cooperation, user)
    meeting = Meeting(cooperation=cooperation, created_by=user)
    _clean(
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
    _writer(meeting.cooperation, user)
    before = (meeting.starts_at, meeting.duration_minutes, meeting.place, meeting.video_url)
    _clean(
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
    _writer(meeting.cooperation, user)
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
        _writer(meeting.cooperation, user)
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
    _writer(item.meeting.cooperation, user)
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
    membership = _writer(item.meeting.cooperation, user)
    if item.added_by_id != user.pk and not membership.is_coordinator:
        raise PermissionDenied(
            _("Nur wer den Punkt eingebracht hat oder die Koordination kann ihn entfernen.")
        )
    item.delete()


# Decisions --------------------------------------------------------------------


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
    _writer(meeting.cooperation, user)
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
    _writer(decision.cooperation, user)
    with transaction.atomic():
        draft = _locked_draft(decision)
        _check_supersedes(draft.cooperation, supersedes)
        draft.title, draft.text, draft.supersedes = title.strip(), text.strip(), supersedes
        draft.full_clean()
        draft.save()
    return draft


def decision_discard(*, decision: Decision, user: User) -> None:
    """Drafts only: a draft that was not decided after all goes away."""
    _writer(decision.cooperation, user)
    with transaction.atomic():
        _locked_draft(decision).delete()


def decision_confirm(*, decision: Decision, user: User) -> Decision:
    """A current member confirms a draft: it becomes final, gets the next number of
    the cooperation and from now on is never edited. If it supersedes an earlier
    decision, that one stays as it is and is shown as superseded."""
    cooperation = decision.cooperation
    _writer(cooperation, user)
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


# Actions ----------------------------------------------------------------------


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
    _writer(cooperation, user)
    if meeting is not None and meeting.cooperation_id != cooperation.pk:
        raise ValidationError(_("Die Besprechung gehört zu einer anderen Kooperation."))
    _current_member(cooperation, owner)
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
    _writer(action.cooperation, user)
    with transaction.atomic():
        locked = _locked_action(action)
        if not locked.is_open:
            raise ValidationError(_("Nur offene Aufgaben lassen sich ändern."))
        _current_member(locked.cooperation, owner)
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
    _writer(action.cooperation, user)
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
    _writer(action.cooperation, user)
    with transaction.atomic():
        locked = _locked_action(action)
        if locked.is_open:
            return locked
        locked.status = ActionStatus.OPEN
        locked.closed_at = None
        locked.closed_by = None
        locked.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    return locked


# Date polls -------------------------------------------------------------------


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
    _writer(cooperation, user)
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
    _clean(poll, title=title, duration_minutes=duration_minutes, place=place, video_url=video_url)
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
    _writer(poll.cooperation, user)
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
    membership = _writer(poll.cooperation, user)
    if not membership.is_coordinator and poll.created_by_id != user.pk:
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


# Calendar feeds ---------------------------------------------------------------


def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A new secret feed address; the one before stops working at once."""
    with transaction.atomic():
        CalendarFeed.objects.active().filter(user=user).update(revoked_at=timezone.now())
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_feed_revoke(*, user: User) -> int:
    """The feed address stops working; calendars subscribed to it get 404."""
    return CalendarFeed.objects.active().filter(user=user).update(revoked_at=timezone.now())
