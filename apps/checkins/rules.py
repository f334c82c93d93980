"""The rules about cooperations themselves and their check-ins (found by the driver's
autodiscovery of ``rules.py``).

* ``cooperation_silence``: nothing happened in an active cooperation for
  ``silence_days`` (21): every current member is nudged, once per silent streak.
* ``agreement_pending``: a proposed agreement version waits ``pending_acceptance_days``
  (3) for acceptance: the members who have not accepted are nudged; after twice
  that time the nudge comes again, urgent.
* ``checkin_due``: a check-in round is open and the member has not answered; in the
  last ``checkin_reminder_days`` (3) before the deadline the nudge comes again, urgent.
* ``checkin_leave``: someone chose "Leave it" in the latest check-in and nobody has
  proposed an exit since: the other members are nudged at once (urgent) to talk, with
  a link to the exit page.

Each rule needs a fixed number of queries, however many cooperations there are: the
candidates with the loosest threshold in one query, then the per-cooperation
threshold in Python.
"""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.checkins.models import CheckIn, CheckInAnswer, CheckInChoice
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Cooperation,
    CooperationStatus,
    ExitProcess,
    Membership,
    VersionStatus,
)
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, format_date


def loosest(run: DriverRun, name: str) -> Any:
    """The smallest value of a threshold over the default and every override.

    Querying with it finds every candidate; each cooperation's own value is then
    checked in Python, so overrides cost no extra query.
    """
    values = [run.threshold(name)]
    values += [override[name] for override in run.overrides.values() if name in override]
    return min(values)


def current_members(cooperation_ids: Any) -> dict[int, list[int]]:
    """{cooperation id: [user ids of current members]} in one query.

    ``cooperation_ids`` is a queryset of ids (used as a subquery, so no long
    ``IN (…)`` list) or a list.
    """
    members: dict[int, list[int]] = {}
    rows = (
        Membership.objects.current()
        .filter(cooperation_id__in=cooperation_ids, user__is_active=True)
        .order_by("cooperation_id", "pk")
        .values_list("cooperation_id", "user_id")
    )
    for cooperation_id, user_id in rows:
        members.setdefault(cooperation_id, []).append(user_id)
    return members


# No activity ---------------------------------------------------------------------------


def _describe_silence(params: Mapping[str, Any]) -> str:
    return gettext(
        "In „%(title)s“ ist seit %(date)s nichts mehr passiert. Ein kurzes Lebenszeichen – "
        "eine Besprechung, ein Beitrag, eine Nachricht – hält die Kooperation wach."
    ) % {"title": params["title"], "date": format_date(params["since"])}


@driver_rule("cooperation_silence", message=_describe_silence)
def cooperation_silence(run: DriverRun) -> Iterable[NudgeSpec]:
    cutoff = run.now - timedelta(days=loosest(run, "silence_days"))
    silent = Cooperation.objects.active().filter(last_activity_at__lte=cutoff)
    rows = list(silent.values_list("pk", "title", "last_activity_at"))
    members = current_members(silent.values("pk"))
    for pk, title, last_activity_at in rows:
        days = run.threshold("silence_days", cooperation_id=pk)
        if last_activity_at > run.now - timedelta(days=days):
            continue
        # Built once per cooperation and shared by its members' specs (never mutated).
        params = {"title": title, "since": last_activity_at.isoformat()}
        url = reverse("cooperations:detail", args=[pk])
        # The streak's start: one nudge per silence, not one a week.
        period = timezone.localdate(last_activity_at).isoformat()
        for user_id in members.get(pk, []):
            yield NudgeSpec(
                user_id=user_id,
                subject=f"cooperation:{pk}",
                period=period,
                params=params,
                url=url,
                cooperation_id=pk,
            )


# Agreement waiting for acceptance ------------------------------------------------------


def _describe_pending(params: Mapping[str, Any]) -> str:
    values = {
        "number": params["number"],
        "title": params["title"],
        "date": format_date(params["since"]),
    }
    if params.get("again"):
        return (
            gettext(
                "Fassung %(number)s der Vereinbarung in „%(title)s“ wartet schon seit %(date)s "
                "auf Ihre Annahme. Bitte nehmen Sie sie an – oder sagen Sie den anderen, was "
                "Sie noch ändern möchten."
            )
            % values
        )
    return (
        gettext(
            "Fassung %(number)s der Vereinbarung in „%(title)s“ wartet seit %(date)s auf "
            "Ihre Annahme."
        )
        % values
    )


@driver_rule("agreement_pending", message=_describe_pending)
def agreement_pending(run: DriverRun) -> Iterable[NudgeSpec]:
    cutoff = run.now - timedelta(days=loosest(run, "pending_acceptance_days"))
    pending = AgreementVersion.objects.filter(
        status=VersionStatus.PROPOSED, proposed_at__lte=cutoff
    ).exclude(cooperation__status=CooperationStatus.ENDED)
    rows = list(
        pending.values_list("pk", "cooperation_id", "cooperation__title", "number", "proposed_at")
    )
    members = current_members(pending.values("cooperation_id"))
    accepted = set(
        Acceptance.objects.filter(version__in=pending.values("pk")).values_list(
            "version_id", "user_id"
        )
    )
    for pk, cooperation_id, title, number, proposed_at in rows:
        days = run.threshold("pending_acceptance_days", cooperation_id=cooperation_id)
        if proposed_at is None:  # the filter excludes it; for the type checker
            continue
        waiting = run.now - proposed_at
        if waiting < timedelta(days=days):
            continue
        again = waiting >= timedelta(days=2 * days)
        params = {
            "title": title,
            "number": number,
            "since": proposed_at.isoformat(),
            "again": again,
        }
        url = reverse("cooperations:agreement-version", args=[cooperation_id, number])
        for user_id in members.get(cooperation_id, []):
            if (pk, user_id) in accepted:
                continue
            yield NudgeSpec(
                user_id=user_id,
                subject=f"agreement-version:{pk}",
                # Escalation: a second, urgent nudge even if the first was dismissed.
                period="urgent" if again else "reminder",
                params=params,
                url=url,
                urgent=again,
                cooperation_id=cooperation_id,
            )


# Check-in --------------------------------------------------------------------------------


def _describe_checkin_due(params: Mapping[str, Any]) -> str:
    values = {"title": params["title"], "date": format_date(params["deadline"])}
    if params.get("last_days"):
        return (
            gettext(
                "Der Check-in in „%(title)s“ endet am %(date)s, und Ihre Antwort fehlt noch. "
                "Zwei Minuten genügen: Wie läuft die Zusammenarbeit?"
            )
            % values
        )
    return (
        gettext(
            "Zeit für den Check-in in „%(title)s“: Wie läuft die Zusammenarbeit? Bitte "
            "antworten Sie bis %(date)s."
        )
        % values
    )


@driver_rule("checkin_due", message=_describe_checkin_due)
def checkin_due(run: DriverRun) -> Iterable[NudgeSpec]:
    open_rounds = (
        CheckIn.objects.unrevealed()
        .filter(deadline__gt=run.now)
        .exclude(cooperation__status=CooperationStatus.ENDED)
    )
    rows = list(open_rounds.values_list("pk", "cooperation_id", "cooperation__title", "deadline"))
    members = current_members(open_rounds.values("cooperation_id"))
    answered = set(
        CheckInAnswer.objects.filter(check_in__in=open_rounds.values("pk")).values_list(
            "check_in_id", "user_id"
        )
    )
    for pk, cooperation_id, title, deadline in rows:
        days = run.threshold("checkin_reminder_days", cooperation_id=cooperation_id)
        last_days = deadline - run.now <= timedelta(days=days)
        params = {"title": title, "deadline": deadline.isoformat(), "last_days": last_days}
        url = reverse("checkins:overview", args=[cooperation_id])
        for user_id in members.get(cooperation_id, []):
            if (pk, user_id) in answered:
                continue
            yield NudgeSpec(
                user_id=user_id,
                subject=f"checkin:{pk}",
                period="last-days" if last_days else "open",
                params=params,
                url=url,
                urgent=last_days,
                cooperation_id=cooperation_id,
            )


def _describe_checkin_leave(params: Mapping[str, Any]) -> str:
    return gettext(
        "%(name)s hat im Check-in von „%(title)s“ „Leave it“ gewählt. Sprechen Sie bald "
        "miteinander – und wenn es so weit ist, über einen geordneten Ausstieg."
    ) % {"name": params["name"], "title": params["title"]}


@driver_rule("checkin_leave", message=_describe_checkin_leave)
def checkin_leave(run: DriverRun) -> Iterable[NudgeSpec]:
    latest_round = CheckIn.objects.filter(cooperation_id=OuterRef("check_in__cooperation_id"))
    exit_since = ExitProcess.objects.filter(
        cooperation_id=OuterRef("check_in__cooperation_id"), created_at__gte=OuterRef("updated_at")
    )
    still_member = Membership.objects.current().filter(
        cooperation_id=OuterRef("check_in__cooperation_id"), user_id=OuterRef("user_id")
    )
    leaving = (
        CheckInAnswer.objects.filter(
            choice=CheckInChoice.LEAVE,
            check_in_id=Subquery(latest_round.order_by("-due_on", "-pk").values("pk")[:1]),
        )
        .exclude(check_in__cooperation__status=CooperationStatus.ENDED)
        .filter(Exists(still_member))
        .exclude(Exists(exit_since))
    )
    rows = list(
        leaving.values_list(
            "pk",
            "user_id",
            "user__name",
            "user__email",
            "check_in__cooperation_id",
            "check_in__cooperation__title",
        )
    )
    members = current_members(leaving.values("check_in__cooperation_id"))
    for pk, leaver_id, name, email, cooperation_id, title in rows:
        params = {"name": name or email, "title": title}
        url = reverse("cooperations:exit", args=[cooperation_id])
        for user_id in members.get(cooperation_id, []):
            if user_id == leaver_id:
                continue
            yield NudgeSpec(
                user_id=user_id,
                subject=f"checkin-leave:{pk}",
                params=params,
                url=url,
                urgent=True,
                cooperation_id=cooperation_id,
            )
