"""The health of a cooperation: 100 minus the points its signals take away, with reasons.

The signals are registered with ``@health_signal`` (:mod:`apps.driver.health`) in
the ``health.py`` of the app that holds the data: meetings and contributions bring
their own; this module brings those about the cooperation itself and its
check-ins. Here the points are added up, and the score gets its band
(good / watch / critical), the one source of the colours of the dashboard and the
health page.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from apps.checkins.models import CheckIn, CheckInAnswer, CheckInChoice, HealthSnapshot
from apps.cooperations.models import (
    AgreementVersion,
    Cooperation,
    ExitKind,
    ExitProcess,
    Membership,
    VersionStatus,
)
from apps.driver.health import CooperationIds, HealthReason, health_signal, signals
from apps.driver.rules import DriverRun, format_date

logger = logging.getLogger(__name__)

WATCH_BELOW = 75  # a score below this needs attention
CRITICAL_BELOW = 50


@dataclass
class Health:
    cooperation_id: int
    reasons: list[HealthReason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return max(0, 100 - sum(reason.points for reason in self.reasons))

    @property
    def level(self) -> str:
        """``good``, ``watch`` or ``critical``: for the label and the colour."""
        return band(self.score)

    @property
    def level_label(self) -> str:
        return band_label(self.level)


def band(score: int) -> str:
    """``good``, ``watch`` or ``critical``: the one place that draws the lines."""
    if score < CRITICAL_BELOW:
        return "critical"
    return "watch" if score < WATCH_BELOW else "good"


def band_label(level: str) -> str:
    return {
        "good": gettext("gut"),
        "watch": gettext("braucht Aufmerksamkeit"),
        "critical": gettext("kritisch"),
    }[level]


def health_of(
    cooperation_ids: CooperationIds, *, run: DriverRun | None = None
) -> dict[int, Health]:
    """The health of each cooperation: every signal once for the whole batch.

    A failing signal is logged and skipped (it must not hide the others).
    """
    run = run or DriverRun.start()
    ids = [int(pk) for pk in cooperation_ids]
    healths = {pk: Health(pk) for pk in ids}
    if not ids:
        return healths
    for name, signal in signals.items():
        try:
            found = signal(cooperation_ids, run)
            for cooperation_id, reasons in found.items():
                if cooperation_id in healths:
                    healths[cooperation_id].reasons.extend(r for r in reasons if r.points > 0)
        except Exception:
            logger.exception("Health signal %s failed; the score leaves it out", name)
    for health in healths.values():
        health.reasons.sort(key=lambda reason: -reason.points)
    return healths


def health_for(cooperation: Cooperation, *, run: DriverRun | None = None) -> Health | None:
    """The health of one cooperation now; None once it has ended."""
    if cooperation.is_ended:
        return None
    return health_of([cooperation.pk], run=run)[cooperation.pk]


def latest_score() -> Subquery:
    """The latest stored score of the cooperation ``OuterRef("pk")``, for annotations
    (the dashboard orders by it; None before the first snapshot)."""
    return Subquery(
        HealthSnapshot.objects.filter(cooperation=OuterRef("pk"))
        .order_by("-day")
        .values("score")[:1]
    )


def _days_since(run: DriverRun, moment: Any) -> int:
    return (run.today - timezone.localdate(moment)).days


# Signals about the cooperation itself and its check-ins ------------------------------


@health_signal("silence")
def silence(cooperation_ids: CooperationIds, run: DriverRun) -> dict[int, list[HealthReason]]:
    """−10 after half the silence threshold, −20 from it on, −30 from twice it."""
    found: dict[int, list[HealthReason]] = {}
    rows = Cooperation.objects.filter(pk__in=cooperation_ids).values_list("pk", "last_activity_at")
    for pk, last_activity_at in rows:
        days = _days_since(run, last_activity_at)
        threshold = run.threshold("silence_days", cooperation_id=pk)
        points = 30 if days >= 2 * threshold else 20 if days >= threshold else 0
        if not points and days >= max(1, threshold // 2):
            points = 10
        if points:
            text = ngettext(
                "seit %(days)s Tag keine Aktivität", "seit %(days)s Tagen keine Aktivität", days
            ) % {"days": days}
            found[pk] = [HealthReason(points, text)]
    return found


@health_signal("pending_acceptance")
def pending_acceptance(
    cooperation_ids: CooperationIds, run: DriverRun
) -> dict[int, list[HealthReason]]:
    """A version waiting for acceptance: −10 from the threshold on, −15 from twice it."""
    found: dict[int, list[HealthReason]] = {}
    rows = AgreementVersion.objects.filter(
        cooperation_id__in=cooperation_ids, status=VersionStatus.PROPOSED, proposed_at__isnull=False
    ).values_list("cooperation_id", "number", "proposed_at")
    for cooperation_id, number, proposed_at in rows:
        if proposed_at is None:  # excluded by the filter; for the type checker
            continue
        waiting = run.now - proposed_at
        threshold = timedelta(
            days=run.threshold("pending_acceptance_days", cooperation_id=cooperation_id)
        )
        if waiting < threshold:
            continue
        days = waiting.days
        text = ngettext(
            "Fassung %(number)s wartet seit %(days)s Tag auf Annahme",
            "Fassung %(number)s wartet seit %(days)s Tagen auf Annahme",
            days,
        ) % {"number": number, "days": days}
        found[cooperation_id] = [HealthReason(15 if waiting >= 2 * threshold else 10, text)]
    return found


@health_signal("checkin")
def checkin(cooperation_ids: CooperationIds, run: DriverRun) -> dict[int, list[HealthReason]]:
    """The latest round that ended: each "Leave it" −25, each "Change it" −5 (at most
    −15), a mean rating below 3 costs 10 points per point below, each missing answer −5
    (at most −15)."""
    found: dict[int, list[HealthReason]] = {}
    latest = (
        CheckIn.objects.filter(cooperation_id=OuterRef("cooperation_id"))
        .filter(Q(revealed_at__isnull=False) | Q(deadline__lte=run.now))
        .order_by("-due_on", "-pk")
        .values("pk")[:1]
    )
    rounds = CheckIn.objects.filter(cooperation_id__in=cooperation_ids, pk=Subquery(latest))
    rows = list(
        rounds.annotate(
            answered=Count("answers"),
            leaving=Count("answers", filter=Q(answers__choice=CheckInChoice.LEAVE)),
            changing=Count("answers", filter=Q(answers__choice=CheckInChoice.CHANGE)),
        ).values_list("pk", "cooperation_id", "due_on", "answered", "leaving", "changing")
    )
    ratings: dict[int, list[int]] = {}
    for check_in_id, *values in CheckInAnswer.objects.filter(
        check_in__in=rounds.values("pk")
    ).values_list("check_in_id", *CheckInAnswer.DIMENSIONS):
        ratings.setdefault(check_in_id, []).extend(values)
    members = dict(
        Membership.objects.current()
        .filter(cooperation_id__in=rounds.values("cooperation_id"))
        .order_by()
        .values("cooperation_id")
        .annotate(count=Count("pk"))
        .values_list("cooperation_id", "count")
    )
    for check_in_id, cooperation_id, due_on, answered, leaving, changing in rows:
        date = format_date(due_on)
        reasons = []
        if leaving:
            text = ngettext(
                "Check-in vom %(date)s: %(count)s Mitglied möchte aussteigen („Leave it“)",
                "Check-in vom %(date)s: %(count)s Mitglieder möchten aussteigen („Leave it“)",
                leaving,
            ) % {"date": date, "count": leaving}
            reasons.append(HealthReason(25 * leaving, text))
        if changing:
            text = ngettext(
                "Check-in vom %(date)s: %(count)s Mitglied möchte etwas ändern („Change it“)",
                "Check-in vom %(date)s: %(count)s Mitglieder möchten etwas ändern („Change it“)",
                changing,
            ) % {"date": date, "count": changing}
            reasons.append(HealthReason(min(15, 5 * changing), text))
        values = ratings.get(check_in_id, [])
        if values and (mean := sum(values) / len(values)) < 3:
            text = gettext("Check-in vom %(date)s: Bewertung im Mittel %(mean)s von 5") % {
                "date": date,
                "mean": formats.number_format(mean, decimal_pos=1, use_l10n=True),
            }
            reasons.append(HealthReason(round((3 - mean) * 10), text))
        missing = max(0, members.get(cooperation_id, 0) - answered)
        if missing:
            text = ngettext(
                "Check-in vom %(date)s: %(count)s Antwort fehlt",
                "Check-in vom %(date)s: %(count)s Antworten fehlen",
                missing,
            ) % {"date": date, "count": missing}
            reasons.append(HealthReason(min(15, 5 * missing), text))
        if reasons:
            found[cooperation_id] = reasons
    return found


@health_signal("open_exit")
def open_exit(cooperation_ids: CooperationIds, run: DriverRun) -> dict[int, list[HealthReason]]:
    """An exit under way: −40 when the cooperation is to end, −25 when someone leaves."""
    found: dict[int, list[HealthReason]] = {}
    rows = ExitProcess.objects.filter(
        cooperation_id__in=cooperation_ids, completed_at__isnull=True, cancelled_at__isnull=True
    ).values_list(
        "cooperation_id", "kind", "created_at", "leaving_user__name", "leaving_user__email"
    )
    for cooperation_id, kind, created_at, name, email in rows:
        date = format_date(created_at)
        if kind == ExitKind.END:
            text = gettext("Seit %(date)s ist vorgeschlagen, die Kooperation zu beenden") % {
                "date": date
            }
            found[cooperation_id] = [HealthReason(40, text)]
        else:
            text = gettext(
                "Seit %(date)s läuft ein Ausstieg: %(name)s verlässt die Kooperation"
            ) % {
                "date": date,
                "name": name or email or gettext("ein Mitglied"),
            }
            found[cooperation_id] = [HealthReason(25, text)]
    return found
