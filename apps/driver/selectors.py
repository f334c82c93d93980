"""Reads of the driver. Fetches by id raise ``Http404`` unless the nudge is the user's."""

from datetime import date

from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.driver.models import Nudge, NudgeQuerySet


def nudge_for_owner(*, user: User, pk: int) -> Nudge:
    nudge = Nudge.objects.filter(pk=pk, user=user).first()
    if nudge is None:
        raise Http404
    return nudge


def open_nudges(*, user: User, today: date | None = None) -> NudgeQuerySet:
    """Open, not snoozed; urgent first, then newest."""
    today = today or timezone.localdate()
    return Nudge.objects.filter(user=user).visible(today).order_by("-urgent", "-created_at", "-pk")


def open_nudge_count(*, user: User) -> int:
    return Nudge.objects.filter(user=user).visible(timezone.localdate()).count()
