"""What every write in a cooperation shares: the timeline event it records, the
activity it counts, and who the current members are. Other apps record their own
events through ``event_record`` and count activity through ``activity_record``."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import (
    Cooperation,
    Event,
    Membership,
)


def timeline_event(cooperation: Cooperation, actor: User | None, kind: str, **params: Any) -> Event:
    """Write one event to the timeline; it also counts as activity."""
    now = timezone.now()
    event = Event.objects.create(
        cooperation=cooperation, actor=actor, kind=kind, params=params, created_at=now
    )
    activity_record(cooperation=cooperation, at=now)
    return event


def activity_record(*, cooperation: Cooperation, at: datetime | None = None) -> None:
    """Something happened in the cooperation that is no timeline event (for other apps,
    e.g. a logged contribution): it counts as activity (``last_activity_at``)."""
    now = at or timezone.now()
    Cooperation.objects.filter(pk=cooperation.pk).update(last_activity_at=now)
    cooperation.last_activity_at = now


def event_record(
    *, cooperation: Cooperation, actor: User | None, kind: str, **params: Any
) -> Event:
    """Write an event to the cooperation's timeline (for other apps: meetings, …).

    It also counts as activity (``last_activity_at``). Call it inside the writing
    transaction; ``params`` are JSON-able. How the kind reads on the timeline is the
    calling app's renderer (``@timeline_renderer`` in its ``timeline.py``).
    """
    return timeline_event(cooperation, actor, kind, **params)


def current_user_ids(cooperation: Cooperation) -> set[int]:
    return set(
        Membership.objects.current()
        .filter(cooperation=cooperation)
        .values_list("user_id", flat=True)
    )
