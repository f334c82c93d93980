"""Writes of the personal calendar feed (no cooperation involved: no gate)."""

import secrets

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.meetings.models import CalendarFeed


def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A new secret feed address; the one before stops working at once."""
    with transaction.atomic():
        CalendarFeed.objects.active().filter(user=user).update(revoked_at=timezone.now())
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_feed_revoke(*, user: User) -> int:
    """The feed address stops working; calendars subscribed to it get 404."""
    return CalendarFeed.objects.active().filter(user=user).update(revoked_at=timezone.now())
