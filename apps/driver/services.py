"""Every write of the driver's nudges: the run that creates and resolves them, and
what people do with them (done, snooze, dismiss). Their e-mail is in ``delivery``,
the periodic job in ``dispatch``."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.driver import bulk
from apps.driver.models import (
    Nudge,
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
