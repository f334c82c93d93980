"""Every write of the driver: the run that creates and resolves nudges, and what
people do with their nudges (done, snooze, dismiss)."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.models import Cooperation, CooperationStatus, Membership
from apps.cooperations.services import activity_record, ensure_open
from apps.driver import bulk, mail, selectors
from apps.driver.health import health_of
from apps.driver.models import (
    CheckIn,
    CheckInAnswer,
    CheckInChoice,
    DigestFrequency,
    HealthSnapshot,
    NotificationSettings,
    Nudge,
    NudgeQuerySet,
    NudgeStatus,
)
from apps.driver.rules import DriverRun, NudgeSpec, driver_setting, registry

logger = logging.getLogger(__name__)

MAX_SNOOZE_DAYS = 365


@dataclass
class RunResult:
    """What one driver run did; ``failed`` names rules that raised (their nudges stay)."""

    created: int = 0
    reopened: int = 0
    updated: int = 0
    resolved: int = 0
    rules: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.reopened or self.updated or self.resolved)


def _collect(run: DriverRun, names: Iterable[str] | None) -> tuple[dict[Any, NudgeSpec], RunResult]:
    """Ask each rule what it wants; a failing rule is logged and skipped, not fatal."""
    wanted: dict[Any, NudgeSpec] = {}
    result = RunResult()
    for rule in registry.select(names):
        try:
            specs = {}
            for spec in rule.function(run):
                problems = spec.problems()
                if problems:
                    raise ValueError(f"invalid NudgeSpec {spec!r}: {'; '.join(problems)}")
                specs[(spec.user_id, rule.name, spec.subject, spec.period)] = spec
        except Exception:
            logger.exception("Driver rule %s failed; its nudges stay as they are", rule.name)
            result.failed.append(rule.name)
            continue
        wanted.update(specs)
        result.rules.append(rule.name)
    return wanted, result


CONTENT = ("params", "url", "urgent", "cooperation_id")


def _content(spec: NudgeSpec) -> tuple[Any, ...]:
    return (spec.params, spec.url, spec.urgent, spec.cooperation_id)


def _row(key: Any, spec: NudgeSpec, **extra: Any) -> dict[str, Any]:
    user_id, rule, subject, period = key
    return {
        "user": user_id,
        "rule": rule,
        "subject": subject,
        "period": period,
        "params": spec.params,
        "url": spec.url,
        "urgent": spec.urgent,
        "cooperation_id": spec.cooperation_id,
        **extra,
    }


def driver_run(*, now: datetime | None = None, rules: Iterable[str] | None = None) -> RunResult:
    """Run the rules and bring the nudges in line with what they return.

    Idempotent: one nudge per (user, rule, subject, period); a second run at the
    same moment changes nothing. Open nudges a rule no longer returns are resolved;
    a resolved nudge whose condition comes back is opened again (done and dismissed
    stay closed: the person decided). Content (params, url, urgency) follows the rule.
    With ``rules`` only those run, and only their nudges are resolved; a full run
    also resolves open nudges of rules that no longer exist. Urgent new nudges are
    mailed after commit. The number of queries does not depend on the data.
    """
    run = DriverRun.start(now)
    full_run = rules is None
    wanted, result = _collect(run, rules)
    with transaction.atomic():
        open_rows = Nudge.objects.open().filter(rule__in=result.rules)
        if full_run:
            registered = registry.names()
            open_rows = Nudge.objects.open().exclude(
                rule__in=[name for name in registered if name not in result.rules]
            )
        to_resolve: list[int] = []
        to_update: list[dict[str, Any]] = []
        open_keys = set()
        rows = open_rows.values_list("pk", "user_id", "rule", "subject", "period", *CONTENT)
        for pk, user_id, rule_name, subject, period, *content in rows:
            key = (user_id, rule_name, subject, period)
            spec = wanted.get(key)
            if spec is None:
                to_resolve.append(pk)
                continue
            open_keys.add(key)
            if _content(spec) != tuple(content):
                to_update.append(_row(key, spec, id=pk, status=NudgeStatus.OPEN))
        missing = [key for key in wanted if key not in open_keys]
        found = bulk.existing(missing)
        reopen = [
            _row(key, wanted[key], id=found[key][0], status=NudgeStatus.OPEN)
            for key in missing
            if key in found and found[key][1] == NudgeStatus.RESOLVED
        ]
        new = [_row(key, wanted[key]) for key in missing if key not in found]
        result.created = bulk.insert(new, now=run.now)
        result.updated = bulk.update(to_update, now=run.now) if to_update else 0
        result.reopened = bulk.update(reopen, now=run.now) if reopen else 0
        if to_resolve:
            result.resolved = Nudge.objects.filter(pk__in=bulk.ids_in(to_resolve)).update(
                status=NudgeStatus.RESOLVED, closed_at=run.now, updated_at=run.now
            )
        if any(row["urgent"] for row in new + reopen):
            transaction.on_commit(_enqueue_urgent_mail)
    return result


def _enqueue_urgent_mail() -> None:
    from apps.driver.tasks import mail_urgent_nudges

    mail_urgent_nudges.enqueue()


def nudges_resolve(*, subject: str, rule: str | None = None, user_id: int | None = None) -> int:
    """Close the open nudges about ``subject`` at once, because it was fixed.

    Call it right after the fix (an action marked done, a referral answered), inside
    the same transaction; the nudge disappears without waiting for the next run. If
    the condition still holds, the next run opens it again.
    """
    nudges = Nudge.objects.open().filter(subject=subject)
    if rule is not None:
        nudges = nudges.filter(rule=rule)
    if user_id is not None:
        nudges = nudges.filter(user_id=user_id)
    now = timezone.now()
    return nudges.update(status=NudgeStatus.RESOLVED, closed_at=now, updated_at=now)


# What people do with their nudges ----------------------------------------------------


def _locked_open(*, nudge: Nudge, user: User) -> Nudge:
    """The nudge, locked; someone else's is as missing as a wrong id."""
    locked = Nudge.objects.select_for_update().filter(pk=nudge.pk, user_id=user.pk).first()
    if locked is None:
        raise Http404
    if not locked.is_open:
        raise ValidationError(
            _("Dieser Impuls ist nicht mehr offen (%(status)s).")
            % {"status": locked.get_status_display()},
            code="not_open",
        )
    return locked


def _close(*, nudge: Nudge, user: User, status: str) -> Nudge:
    with transaction.atomic():
        locked = _locked_open(nudge=nudge, user=user)
        locked.status = status
        locked.closed_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked


def nudge_done(*, nudge: Nudge, user: User) -> Nudge:
    """The owner marks the nudge as done; it stays closed even if the rule still fires."""
    return _close(nudge=nudge, user=user, status=NudgeStatus.DONE)


def nudge_dismiss(*, nudge: Nudge, user: User) -> Nudge:
    """The owner does not want this nudge; it stays closed for this period."""
    return _close(nudge=nudge, user=user, status=NudgeStatus.DISMISSED)


def snooze_default(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=driver_setting("snooze_days"))


def nudge_snooze(*, nudge: Nudge, user: User, until: date | None = None) -> Nudge:
    """Hide the nudge until ``until`` (default: in ``snooze_days`` days, max. one year)."""
    today = timezone.localdate()
    until = until or snooze_default(today)
    if until <= today:
        raise ValidationError(_("Bitte wählen Sie einen Tag nach heute."), code="snooze_past")
    if until > today + timedelta(days=MAX_SNOOZE_DAYS):
        raise ValidationError(
            _("Bitte stellen Sie einen Impuls höchstens ein Jahr zurück."), code="snooze_far"
        )
    with transaction.atomic():
        locked = _locked_open(nudge=nudge, user=user)
        locked.snoozed_until = until
        locked.full_clean()
        locked.save(update_fields=["snoozed_until", "updated_at"])
    return locked


# E-mail preferences -----------------------------------------------------------------


def notification_settings_update(
    *, user: User, urgent_immediately: bool, digest: str
) -> NotificationSettings:
    """Store how the user wants to hear about nudges by e-mail."""
    with transaction.atomic():
        preferences, _created = NotificationSettings.objects.select_for_update().get_or_create(
            user=user
        )
        preferences.urgent_immediately = urgent_immediately
        preferences.digest = digest
        preferences.full_clean()
        preferences.save(update_fields=["urgent_immediately", "digest", "updated_at"])
    return preferences


def notification_settings_unsubscribe(*, user: User) -> NotificationSettings:
    """One-click unsubscribe: no nudge mail at all any more (the app still shows them)."""
    return notification_settings_update(
        user=user, urgent_immediately=False, digest=DigestFrequency.NEVER
    )


# E-mail -------------------------------------------------------------------------------


def _claim(nudges: NudgeQuerySet, *, now: datetime) -> list[Nudge]:
    """Mark the nudges as mailed before sending, so two senders never mail one twice."""
    with transaction.atomic():
        claimed = list(
            nudges.filter(emailed_at__isnull=True)
            .select_for_update(of=("self",))
            .select_related("user")
            .order_by("user_id", "-urgent", "created_at", "pk")
        )
        if claimed:
            ids = [nudge.pk for nudge in claimed]
            Nudge.objects.filter(pk__in=bulk.ids_in(ids)).update(emailed_at=now)
    return claimed


def _release(ids: list[int], *, now: datetime) -> None:
    Nudge.objects.filter(pk__in=bulk.ids_in(ids), emailed_at=now).update(emailed_at=None)


def _send_per_user(
    claimed: list[Nudge], *, now: datetime, build: Callable[[User, list[Nudge]], Any]
) -> list[int]:
    """Send one mail per person; a failed one is released to be sent next time."""
    by_user: dict[int, list[Nudge]] = {}
    for nudge in claimed:
        by_user.setdefault(nudge.user_id, []).append(nudge)
    sent: list[int] = []
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("Mail server not reachable; nudge mails go out next time")
        _release([n.pk for n in claimed], now=now)
        return sent
    try:
        for user_id, nudges in by_user.items():
            message = build(nudges[0].user, nudges)
            message.connection = connection
            try:
                message.send()
            except Exception:
                logger.exception("Nudge mail to user %s failed; it goes out next time", user_id)
                _release([n.pk for n in nudges], now=now)
                continue
            sent.append(user_id)
    finally:
        connection.close()
    return sent


def nudges_mail_urgent(*, now: datetime | None = None) -> int:
    """Mail open urgent nudges at once, one mail per person, each nudge once only.

    Skipped for people who turned urgent mails off (their urgent nudges go into the
    digest) and for inactive accounts. Returns the number of mails sent.
    """
    now = now or timezone.now()
    nudges = (
        Nudge.objects.visible(timezone.localdate(now))
        .filter(urgent=True, user__is_active=True)
        .exclude(user__notification_settings__urgent_immediately=False)
    )
    claimed = _claim(nudges, now=now)
    if not claimed:
        return 0
    return len(
        _send_per_user(
            claimed,
            now=now,
            build=lambda user, items: mail.urgent_message(user=user, nudges=items, now=now),
        )
    )


def _digest_slot(frequency: str, now: datetime) -> datetime | None:
    """When today's digest of this frequency is due, or None when none is due today."""
    local = timezone.localtime(now)
    if frequency == DigestFrequency.NEVER:
        return None
    if frequency == DigestFrequency.WEEKLY and local.weekday() != 0:
        return None
    slot = local.replace(hour=driver_setting("digest_hour"), minute=0, second=0, microsecond=0)
    return slot if local >= slot else None


def digests_send(*, now: datetime | None = None) -> int:
    """Send the due digests: every open nudge not mailed yet, once, in one mail per person.

    Daily digests go out after ``digest_hour`` (Europe/Berlin), weekly ones on
    Mondays after it; one digest per person per slot (``last_digest_at``), so the
    dispatcher may run as often as it likes. Returns the number of mails sent.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    pending = Nudge.objects.visible(today).filter(emailed_at__isnull=True, user__is_active=True)
    preferences = {
        p.user_id: p
        for p in NotificationSettings.objects.filter(
            user_id__in=pending.order_by().values("user_id").distinct()
        )
    }
    due: dict[int, bool] = {}  # user id → weekly?
    for user_id in set(pending.order_by().values_list("user_id", flat=True).distinct()):
        frequency = preferences[user_id].digest if user_id in preferences else "daily"
        slot = _digest_slot(frequency, now)
        last = preferences[user_id].last_digest_at if user_id in preferences else None
        if slot is not None and (last is None or last < slot):
            due[user_id] = frequency == DigestFrequency.WEEKLY
    if not due:
        return 0
    claimed = _claim(pending.filter(user_id__in=bulk.ids_in(list(due))), now=now)
    sent = _send_per_user(
        claimed,
        now=now,
        build=lambda user, items: mail.digest_message(
            user=user, nudges=items, now=now, weekly=due[user.pk]
        ),
    )
    if sent:
        existing = set(
            NotificationSettings.objects.filter(user_id__in=bulk.ids_in(sent)).values_list(
                "user_id", flat=True
            )
        )
        NotificationSettings.objects.bulk_create(
            [NotificationSettings(user_id=user_id) for user_id in sent if user_id not in existing]
        )
        NotificationSettings.objects.filter(user_id__in=bulk.ids_in(sent)).update(
            last_digest_at=now, updated_at=now
        )
    return len(sent)


@dataclass
class DispatchResult:
    run: RunResult
    urgent_mails: int = 0
    digests: int = 0
    checkins_opened: int = 0
    checkins_revealed: int = 0
    checkin_topics: int = 0
    health_snapshots: int = 0

    def line(self) -> str:
        return (
            f"created={self.run.created} reopened={self.run.reopened} "
            f"updated={self.run.updated} resolved={self.run.resolved} "
            f"failed={len(self.run.failed)} urgent_mails={self.urgent_mails} "
            f"digests={self.digests} checkins_opened={self.checkins_opened} "
            f"checkins_revealed={self.checkins_revealed} checkin_topics={self.checkin_topics} "
            f"health={self.health_snapshots}"
        )


def _step(name: str, job: Callable[[], int]) -> int:
    """A step of the dispatcher beside the rules: a failure is logged, the rest goes on."""
    try:
        return job()
    except Exception:
        logger.exception("Driver step %s failed; it is tried again next time", name)
        return 0


def driver_dispatch(*, now: datetime | None = None, send_mail: bool = True) -> DispatchResult:
    """The periodic job: open and reveal check-ins (their "Change it" topics go on the
    next meeting's agenda), run every rule, store today's health of every cooperation,
    then send urgent mails and due digests."""
    now = now or timezone.now()
    opened = _step("checkins_open_due", lambda: checkins_open_due(now=now))
    revealed = _step("checkins_reveal_due", lambda: checkins_reveal_due(now=now))
    topics = _step("checkin_topics", lambda: checkin_topics_hand_over(now=now))
    result = DispatchResult(
        run=driver_run(now=now),
        checkins_opened=opened,
        checkins_revealed=revealed,
        checkin_topics=topics,
    )
    result.health_snapshots = _step("health", lambda: health_snapshots_write(now=now))
    if send_mail:
        result.urgent_mails = nudges_mail_urgent(now=now)
        result.digests = digests_send(now=now)
    return result


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
    from apps.meetings.models import Meeting
    from apps.meetings.selectors import next_meeting
    from apps.meetings.services import agenda_item_add

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


def _ensure_current_member(cooperation: Cooperation, user: User) -> None:
    if not Membership.objects.current().filter(cooperation=cooperation, user=user).exists():
        raise PermissionDenied(_("Das können nur aktuelle Mitglieder der Kooperation."))


def checkin_answer(*, check_in: CheckIn, user: User, data: dict[str, Any]) -> CheckInAnswer:
    """A current member answers the round, or changes the answer until it is revealed.

    "Change it" and "Leave it" need a comment: it is what the others will talk about.
    "Leave it" lets the other members know at once (the ``checkin_leave`` rule runs
    after commit). With the last missing answer the round is revealed and its
    "Change it" topics go on the agenda of the next meeting (after commit).
    """
    cooperation = check_in.cooperation
    ensure_open(cooperation)
    _ensure_current_member(cooperation, user)
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
    from apps.driver.tasks import run_rules

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
    bulk.upsert_health(rows, now=run.now)
    return len(rows)
