"""Reads of the driver. Fetches by id raise ``Http404`` unless the nudge is the user's."""

from datetime import date

from django.db.models import (
    Case,
    F,
    IntegerField,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.driver.models import (
    Nudge,
    NudgeQuerySet,
    NudgeStatus,
)


def nudge_for_owner(*, user: User, pk: int) -> Nudge:
    nudge = Nudge.objects.filter(pk=pk, user=user).first()
    if nudge is None:
        raise Http404
    return nudge


def open_nudges(*, user: User, today: date | None = None) -> NudgeQuerySet:
    """Open, not snoozed; urgent first, then newest."""
    today = today or timezone.localdate()
    return Nudge.objects.filter(user=user).visible(today).order_by("-urgent", "-created_at", "-pk")


def later_nudges(*, user: User, today: date | None = None) -> NudgeQuerySet:
    """Snoozed ones (soonest back first), then the closed ones (latest first)."""
    today = today or timezone.localdate()
    mine = Nudge.objects.filter(user=user)
    return (
        (mine.snoozed(today) | mine.closed())
        .annotate(
            closed_rank=Case(
                When(status=NudgeStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "closed_rank",
            F("snoozed_until").asc(nulls_last=True),
            F("closed_at").desc(nulls_last=True),
            "-pk",
        )
    )


def open_nudge_count(*, user: User) -> int:
    return Nudge.objects.filter(user=user).visible(timezone.localdate()).count()
