"""Every write of the check-ins: rounds opened and revealed on schedule, a member's
answer, "Change it" handed over to the next meeting's agenda, and the day's health
of every running cooperation."""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.checkins import selectors
from apps.checkins.bulk import upsert_health
from apps.checkins.health import health_of
from apps.checkins.models import CheckIn, CheckInAnswer, CheckInChoice, HealthSnapshot
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, CooperationStatus, Membership
from apps.cooperations.services import activity_record
from apps.driver import bulk
from apps.driver.rules import DriverRun
from apps.driver.services import nudges_resolve
from apps.driver.tasks import run_rules
from apps.meetings.models import Meeting
from apps.meetings.selectors import next_meeting
from apps.meetings.services import agenda_item_add

logger = logging.getLogger(__name__)


# Check-ins ------------------------------------------------------------------------------


def checkins_open_due(*, now: datetime | None = None) -> int:
    """Open a check-in round for every agreed cooperation whose rhythm says it is due.

    The rhythm is the review rhythm of the agreement in force (``checkin_interval``);
    the round is open for ``checkin_answer_days``. One round per cooperation and due
    day (a database constraint), so running twice changes nothing. Constant queries.
    Returns the number of rounds opened.
    """
    run = DriverRun.start(now)
    rounds = [
        CheckIn(
            cooperation_id=schedule.cooperation_id,
            due_on=schedule.next_due,
            deadline=run.now
            + timedelta(
                days=run.threshold("checkin_answer_days", cooperation_id=schedule.cooperation_id)
            ),
            interval_days=schedule.interval_days,
        )
        for schedule in selectors.checkin_schedules(run=run)
        if schedule.next_due <= run.today
    ]
    if not rounds:
        return 0
    with transaction.atomic():
        CheckIn.objects.bulk_create(rounds, ignore_conflicts=True, batch_size=500)
    return len(rounds)


def _waiting_members() -> Exists:
    """Current members of the round's cooperation who have not answered it."""
    answered = CheckInAnswer.objects.filter(
        check_in_id=OuterRef(OuterRef("pk")), user_id=OuterRef("user_id")
    )
    return Exists(
        Membership.objects.current()
        .filter(cooperation_id=OuterRef("cooperation_id"))
        .exclude(Exists(answered))
    )


def checkins_reveal_due(*, now: datetime | None = None) -> int:
    """Reveal the rounds whose deadline passed or that everyone answered (e.g. after
    the last one missing left the cooperation). Their "Change it" topics go on the
    agenda in the dispatcher's next step. Idempotent; returns the number revealed."""
    now = now or timezone.now()
    due = CheckIn.objects.unrevealed().filter(Q(deadline__lte=now) | ~_waiting_members())
    with transaction.atomic():
        ids = list(due.select_for_update().values_list("pk", flat=True))
        if not ids:
            return 0
        CheckIn.objects.filter(pk__in=bulk.ids_in(ids)).update(revealed_at=now, updated_at=now)
    return len(ids)


def checkin_topics_hand_over(
    *, now: datetime | None = None, cooperation_ids: list[int] | None = None
) -> int:
    """Put each open "Change it" of a cooperation's latest revealed check-in on the
    agenda of its next meeting, once (``agenda_item_id``).

    Without a planned meeting a topic waits, shown as open on the check-in page; the
    dispatcher hands it over as soon as a meeting is planned. Idempotent; the query
    finds only topics that can go now, so the work grows with the topics handed over.
    Returns their number.
    """
    now = now or timezone.now()
    cooperation = OuterRef("check_in__cooperation_id")
    latest = (
        CheckIn.objects.filter(cooperation_id=cooperation, revealed_at__isnull=False)
        .order_by("-due_on", "-pk")
        .values("pk")[:1]
    )
    topics = (
        CheckInAnswer.objects.filter(
            choice=CheckInChoice.CHANGE,
            agenda_item_id__isnull=True,
            check_in_id=Subquery(latest),
        )
        .exclude(check_in__cooperation__status=CooperationStatus.ENDED)
        .filter(Exists(Meeting.objects.filter(cooperation_id=cooperation, starts_at__gt=now)))
        .select_related("user", "check_in")
        .order_by("check_in_id", "created_at", "pk")
    )
    if cooperation_ids is not None:
        topics = topics.filter(check_in__cooperation_id__in=cooperation_ids)
    handed = 0
    for topic in topics:
        meeting = next_meeting(cooperation_id=topic.check_in.cooperation_id, now=now)
        if meeting is None:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Aus dem Check-in: %(name)s möchte etwas ändern") % {"name": topic.user}
        try:
            with transaction.atomic():
                item = agenda_item_add(meeting=meeting, user=None, title=title, note=topic.comment)
                CheckInAnswer.objects.filter(pk=topic.pk).update(agenda_item_id=item.pk)
        except (ValidationError, PermissionDenied):
            logger.warning("Check-in topic %s could not go on the agenda", topic.pk, exc_info=True)
            continue
        handed += 1
    return handed


def checkin_answer(*, check_in: CheckIn, user: User, data: dict[str, Any]) -> CheckInAnswer:
    """A current member answers the round, or changes the answer until it is revealed.

    "Change it" and "Leave it" need a comment: it is what the others will talk about.
    "Leave it" lets the other members know at once (the ``checkin_leave`` rule runs
    after commit). With the last missing answer the round is revealed and its
    "Change it" topics go on the agenda of the next meeting (after commit).
    """
    cooperation = check_in.cooperation
    write_gate(cooperation=cooperation, user=user)
    choice = data.get("choice")
    comment = str(data.get("comment") or "").strip()
    if choice in (CheckInChoice.CHANGE, CheckInChoice.LEAVE) and not comment:
        raise ValidationError(
            {"comment": _("Bitte schreiben Sie in ein paar Worten, was sich ändern soll.")}
            if choice == CheckInChoice.CHANGE
            else {"comment": _("Bitte schreiben Sie in ein paar Worten, was Sie bewegt.")},
            code="comment_required",
        )
    now = timezone.now()
    with transaction.atomic():
        locked = CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if locked.revealed_at is not None or locked.deadline_passed(now):
            raise ValidationError(
                _("Dieser Check-in ist abgeschlossen; Antworten lassen sich nicht mehr ändern."),
                code="closed",
            )
        answer = CheckInAnswer.objects.filter(check_in=locked, user=user).first()
        was_leave = answer is not None and answer.choice == CheckInChoice.LEAVE
        answer = answer or CheckInAnswer(check_in=locked, user=user)
        for name in (*CheckInAnswer.DIMENSIONS, "choice"):
            setattr(answer, name, data.get(name))
        answer.comment = comment
        answer.full_clean()
        answer.save()
        activity_record(cooperation=cooperation, at=now)
        if was_leave and answer.choice != CheckInChoice.LEAVE:
            nudges_resolve(subject=f"checkin-leave:{answer.pk}")
        if answer.choice == CheckInChoice.LEAVE:
            transaction.on_commit(_enqueue_leave_rule)
        if not CheckIn.objects.filter(pk=locked.pk).filter(_waiting_members()).exists():
            CheckIn.objects.filter(pk=locked.pk).update(revealed_at=now, updated_at=now)
            transaction.on_commit(
                lambda: checkin_topics_hand_over(now=now, cooperation_ids=[cooperation.pk])
            )
        nudges_resolve(subject=f"checkin:{locked.pk}", user_id=user.pk)
    return answer


def _enqueue_leave_rule() -> None:
    run_rules.enqueue(["checkin_leave"])


# Health ---------------------------------------------------------------------------------


def health_snapshots_write(*, now: datetime | None = None) -> int:
    """Store today's health of every running cooperation, for the trend.

    One row per cooperation and day (Europe/Berlin); a later run on the same day
    rewrites only the rows whose score or reasons changed, so running twice changes
    nothing. Reasons are kept in the site's language. Constant queries. Returns the
    number of rows written.
    """
    run = DriverRun.start(now)
    ids = Cooperation.objects.active().values_list("pk", flat=True)
    with translation.override(settings.LANGUAGE_CODE):
        healths = health_of(ids, run=run)
    existing = {
        cooperation_id: (score, reasons)
        for cooperation_id, score, reasons in HealthSnapshot.objects.filter(
            day=run.today
        ).values_list("cooperation_id", "score", "reasons")
    }
    rows = []
    for health in healths.values():
        reasons = [[reason.points, reason.text] for reason in health.reasons]
        if existing.get(health.cooperation_id) == (health.score, reasons):
            continue
        rows.append(
            {
                "cooperation_id": health.cooperation_id,
                "day": run.today.isoformat(),
                "score": health.score,
                "reasons": reasons,
            }
        )
    # One statement for any number of rows (bulk_create would batch by parameters).
    upsert_health(rows, now=run.now)
    return len(rows)
