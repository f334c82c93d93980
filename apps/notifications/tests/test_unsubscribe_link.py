"""The unsubscribe link from a mail: works without logging in for 60 days, then says
it has expired; the page never shows whose address it is."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.notifications.mail import unsubscribe_token
from apps.notifications.models import NotificationSettings

pytestmark = pytest.mark.django_db


def mails_off(user: User) -> bool:
    found = NotificationSettings.objects.filter(user=user).first()
    return found is not None and not found.urgent_immediately


def test_the_page_does_not_show_the_address(client: Client, anna: User) -> None:
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(anna)])
    asked = client.get(url).content.decode()
    done = client.post(url).content.decode()
    assert "Ihre E-Mail-Adresse" in asked and "Ihre E-Mail-Adresse" in done
    assert anna.email not in asked
    assert anna.email not in done


def test_a_link_older_than_60_days_has_expired_and_changes_nothing(
    client: Client, anna: User
) -> None:
    sent = timezone.now()
    with time_machine.travel(sent, tick=False):
        url = reverse("notifications:unsubscribe", args=[unsubscribe_token(anna)])
    with time_machine.travel(sent + timedelta(days=59), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(sent + timedelta(days=61), tick=False):
        answer = client.post(url)
    assert answer.status_code == 410
    assert "Dieser Link ist abgelaufen" in answer.content.decode()
    assert anna.email not in answer.content.decode()
    assert not mails_off(anna)
