"""Reads of the notifications: a person's mail preferences and the unsubscribe link."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.notifications.models import NotificationSettings


def notification_settings_for(*, user: User) -> NotificationSettings:
    """The user's mail preferences; the defaults (unsaved) when never changed."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings.defaults_for(user)


def urgent_mail_refused() -> QuerySet[NotificationSettings, Any]:
    """The ids of the people who turned urgent mails off (a subquery for ``__in``)."""
    return NotificationSettings.objects.filter(urgent_immediately=False).values("user_id")


def user_for_unsubscribe(*, token: str) -> User:
    """The active account a signed unsubscribe link was made for; 404 when forged."""
    from apps.notifications.mail import user_id_from_token

    user_id = user_id_from_token(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    return user
