"""Sending ready-made mails and knowing when a digest is due: no idea of what they say."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from apps.notifications.mail import Notice, digest_message, urgent_message
from apps.notifications.models import DigestFrequency, NotificationSettings
from apps.notifications.services import digests_due, digests_sent, mails_send

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_8 = datetime(2026, 3, 9, 8, 0, tzinfo=BERLIN)
TUESDAY_6 = datetime(2026, 3, 10, 6, 0, tzinfo=BERLIN)


def test_a_mail_is_built_from_notices_with_an_unsubscribe_link(anna) -> None:
    notice = Notice(text="Bitte antworten", urgent=True, since=MONDAY_8, url="/impulse/")
    message = urgent_message(user=anna, notices=[notice], now=MONDAY_8)
    assert message.subject == "[WirWerk] Dringend: Bitte antworten"
    assert "/impulse/abmelden/" in message.extra_headers["List-Unsubscribe"]
    digest = digest_message(user=anna, notices=[notice, notice], now=MONDAY_8, weekly=True)
    assert "der Woche" in digest.subject and digest.body.count("Bitte antworten") == 2


def test_each_mail_goes_out_and_a_failing_one_is_named_as_not_sent(anna, ben) -> None:
    class Broken(EmailMessage):
        def send(self, fail_silently: bool = False) -> int:
            raise OSError("kaputt")

    sent = mails_send(
        {anna.pk: EmailMessage("Hallo", "Text", to=[anna.email]), ben.pk: Broken("x", "y")}
    )
    assert sent == [anna.pk]
    assert [m.to for m in mail.outbox] == [[anna.email]]


def test_a_digest_is_due_once_per_slot_daily_by_default_weekly_on_mondays(anna, ben, carla) -> None:
    NotificationSettings.objects.create(user=ben, digest=DigestFrequency.WEEKLY)
    NotificationSettings.objects.create(user=carla, digest=DigestFrequency.NEVER)
    people = [anna.pk, ben.pk, carla.pk]
    assert digests_due(people, now=MONDAY_8) == {anna.pk: False, ben.pk: True}
    digests_sent([anna.pk, ben.pk], now=MONDAY_8)
    assert digests_due(people, now=MONDAY_8) == {}
    assert digests_due(people, now=TUESDAY_6) == {}  # before the digest hour
    assert digests_due(people, now=TUESDAY_6.replace(hour=7)) == {anna.pk: False}
