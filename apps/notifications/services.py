"""Every write of the notifications: mail preferences, one-click unsubscribe, and the
sending of ready-made mails (the sender decides what goes in them)."""

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import cast

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.notifications.models import DigestFrequency, NotificationSettings

logger = logging.getLogger(__name__)


def notification_settings_update(
    *, user: User, urgent_immediately: bool, digest: str
) -> NotificationSettings:
    """Store how the user wants to hear about notices by e-mail."""
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
    """One-click unsubscribe: no notice mail at all any more (the app still shows them)."""
    return notification_settings_update(
        user=user, urgent_immediately=False, digest=DigestFrequency.NEVER
    )


def mails_send(messages: Mapping[int, EmailMessage]) -> list[int]:
    """Send one mail per person (``{user id: message}``) over one connection.

    Returns the ids of the people whose mail went out; the caller keeps the others
    for next time. A mail server that cannot be reached sends nothing.
    """
    sent: list[int] = []
    if not messages:
        return sent
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("Mail server not reachable; the mails go out next time")
        return sent
    try:
        for user_id, message in messages.items():
            message.connection = connection
            try:
                message.send()
            except Exception:
                logger.exception("Mail to user %s failed; it goes out next time", user_id)
                continue
            sent.append(user_id)
    finally:
        connection.close()
    return sent


def _digest_slot(frequency: str, now: datetime) -> datetime | None:
    """When today's digest of this frequency is due, or None when none is due today."""
    local = timezone.localtime(now)
    if frequency == DigestFrequency.NEVER:
        return None
    if frequency == DigestFrequency.WEEKLY and local.weekday() != 0:
        return None
    hour = cast(int, settings.NOTIFICATIONS["digest_hour"])
    slot = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return slot if local >= slot else None


def digests_due(user_ids: Iterable[int], *, now: datetime) -> dict[int, bool]:
    """Which of these people are due a digest now: ``{user id: weekly?}``.

    Daily digests go out after ``digest_hour`` (Europe/Berlin), weekly ones on
    Mondays after it; one digest per person per slot (``last_digest_at``), so the
    sender may ask as often as it likes. One query.
    """
    ids = set(user_ids)
    preferences = {p.user_id: p for p in NotificationSettings.objects.filter(user_id__in=ids)}
    due: dict[int, bool] = {}
    for user_id in ids:
        found = preferences.get(user_id)
        frequency = found.digest if found else DigestFrequency.DAILY
        slot = _digest_slot(frequency, now)
        last = found.last_digest_at if found else None
        if slot is not None and (last is None or last < slot):
            due[user_id] = frequency == DigestFrequency.WEEKLY
    return due


def digests_sent(user_ids: list[int], *, now: datetime) -> None:
    """Remember that these people got their digest now (creating their settings row)."""
    if not user_ids:
        return
    with transaction.atomic():
        existing = set(
            NotificationSettings.objects.filter(user_id__in=user_ids).values_list(
                "user_id", flat=True
            )
        )
        NotificationSettings.objects.bulk_create(
            [NotificationSettings(user_id=pk) for pk in user_ids if pk not in existing]
        )
        NotificationSettings.objects.filter(user_id__in=user_ids).update(
            last_digest_at=now, updated_at=now
        )
