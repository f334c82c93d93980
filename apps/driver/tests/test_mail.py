"""Nudge mail: urgent at once (once only), digests daily or weekly, one-click unsubscribe.

The digest tests send through a real SMTP server on loopback (aiosmtpd)."""

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from email.message import Message
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from apps.driver.delivery import digests_send, nudges_mail_urgent
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, NudgeSpec, registry
from apps.driver.services import driver_run
from apps.notifications.models import DigestFrequency, NotificationSettings
from apps.notifications.services import notification_settings_update

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_8 = datetime(2026, 3, 9, 8, 0, tzinfo=BERLIN)


def _body(message: Message, subtype: str) -> str:
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no text/{subtype} part")


def _unsubscribe_url(message: Message) -> str:
    # Long headers are folded onto several lines; mail programs unfold them.
    return re.sub(r"\s+", "", message["List-Unsubscribe"]).strip("<>")


def _subject(message: Message) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(message["Subject"])))


@pytest.fixture
def two_nudges(anna, make_nudge) -> list[Nudge]:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN), tick=False):
        older = make_nudge(anna, "Die Aufgabe „Flyer drucken“ ist überfällig.", url="/impulse/")
    with time_machine.travel(MONDAY_8, tick=False):
        newer = make_nudge(anna, "Seit drei Wochen ist es still in „Team Köln“.")
    return [older, newer]


def test_the_digest_arrives_by_smtp_in_german_and_its_unsubscribe_link_works(
    anna, two_nudges, smtp_server, settings
) -> None:
    settings.SITE_URL = "https://wirwerk.example"
    with time_machine.travel(MONDAY_8, tick=False):
        assert digests_send() == 1
    [message] = smtp_server.messages
    assert message["To"] == anna.email
    assert _subject(message) == "[WirWerk] Ihre Impulse vom 9. März 2026"
    text = _body(message, "plain")
    assert "Guten Tag Anna," in text
    assert "Stand Montag, 9. März 2026: 2 Impulse warten auf Sie." in text
    assert "– Die Aufgabe „Flyer drucken“ ist überfällig." in text
    assert "seit 2. März 2026 · https://wirwerk.example/impulse/" in text
    assert "tägliche Zusammenfassung" in text
    html = _body(message, "html")
    assert "Seit drei Wochen ist es still in „Team Köln“." in html
    assert "seit 9. März 2026" in html

    # RFC 8058: the header carries the same signed link as the text.
    header_url = _unsubscribe_url(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text_url = re.search(r"Keine E-Mails zu Impulsen mehr erhalten: (\S+)", text)
    assert text_url and text_url.group(1) == header_url
    path = urlparse(header_url).path

    # The link works for 60 days after the mail (here: two days later).
    with time_machine.travel(MONDAY_8 + timedelta(days=2), tick=False):
        visitor = Client(enforce_csrf_checks=True)  # not logged in, no CSRF cookie
        confirm = visitor.get(path)
        assert confirm.status_code == 200
        assert "E-Mails zu Impulsen abbestellen?" in confirm.content.decode()
        assert (
            not NotificationSettings.objects.filter(user=anna)
            .exclude(last_digest_at=None)
            .filter(digest=DigestFrequency.NEVER)
            .exists()
        )
        done = visitor.post(path)
        assert done.status_code == 200
        assert "keine E-Mails zu Impulsen mehr" in done.content.decode()
        preferences = NotificationSettings.objects.get(user=anna)
        assert preferences.digest == DigestFrequency.NEVER
        assert preferences.urgent_immediately is False


def test_a_mail_program_can_unsubscribe_with_one_post(anna, two_nudges, smtp_server) -> None:
    with time_machine.travel(MONDAY_8, tick=False):
        digests_send()
    path = urlparse(_unsubscribe_url(smtp_server.messages[0])).path
    with time_machine.travel(MONDAY_8 + timedelta(hours=1), tick=False):
        response = Client(enforce_csrf_checks=True).post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code == 200
    assert NotificationSettings.objects.get(user=anna).digest == DigestFrequency.NEVER


def test_a_forged_unsubscribe_link_answers_404(anna, two_nudges, smtp_server) -> None:
    with time_machine.travel(MONDAY_8, tick=False):
        digests_send()
    path = urlparse(_unsubscribe_url(smtp_server.messages[0])).path
    forged = path.rstrip("/")[:-3] + "abc/"
    assert Client().post(forged).status_code == 404
    assert Client().get("/impulse/abmelden/nichts/").status_code == 404
    assert not NotificationSettings.objects.filter(digest=DigestFrequency.NEVER).exists()


def test_each_nudge_is_in_one_digest_only(anna, two_nudges, make_nudge, smtp_server) -> None:
    with time_machine.travel(MONDAY_8, tick=False):
        assert digests_send() == 1
        assert digests_send() == 0
    with time_machine.travel(datetime(2026, 3, 10, 7, 30, tzinfo=BERLIN), tick=False):
        make_nudge(anna, "Ein neuer Impuls am Dienstag.")
        assert digests_send() == 1
        assert digests_send() == 0
    text = _body(smtp_server.messages[1], "plain")
    assert "Ein neuer Impuls am Dienstag." in text
    assert "Flyer" not in text
    assert "1 Impuls wartet auf Sie." in text


def test_the_daily_digest_waits_for_the_morning(anna, two_nudges, smtp_server) -> None:
    with time_machine.travel(datetime(2026, 3, 9, 6, 59, tzinfo=BERLIN), tick=False):
        assert digests_send() == 0
    assert smtp_server.messages == []


def test_the_weekly_digest_goes_out_on_mondays(anna, two_nudges, smtp_server) -> None:
    notification_settings_update(user=anna, urgent_immediately=True, digest="weekly")
    with time_machine.travel(datetime(2026, 3, 10, 8, 0, tzinfo=BERLIN), tick=False):
        assert digests_send() == 0
    with time_machine.travel(datetime(2026, 3, 16, 8, 0, tzinfo=BERLIN), tick=False):
        assert digests_send() == 1
        assert digests_send() == 0
    message = smtp_server.messages[0]
    assert _subject(message) == "[WirWerk] Ihre Impulse der Woche vom 16. März 2026"
    assert "wöchentliche Zusammenfassung" in _body(message, "plain")


def test_no_digest_for_never_snoozed_or_inactive(anna, ben, carla, make_nudge, smtp_server) -> None:
    notification_settings_update(user=anna, urgent_immediately=True, digest="never")
    make_nudge(anna)
    make_nudge(ben, snoozed_until=datetime(2026, 3, 12).date())
    make_nudge(carla)
    carla.is_active = False
    carla.save(update_fields=["is_active"])
    with time_machine.travel(MONDAY_8, tick=False):
        assert digests_send() == 0


def test_a_failed_send_is_tried_again_next_time(anna, two_nudges, smtp_server, settings) -> None:
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # discard: nobody listens there
    with time_machine.travel(MONDAY_8, tick=False):
        assert digests_send() == 0
        assert Nudge.objects.filter(emailed_at__isnull=False).count() == 0
        settings.EMAIL_PORT = port
        assert digests_send() == 1
    assert len(smtp_server.messages) == 1


# Urgent nudges ------------------------------------------------------------------------

urgent_for: list[int] = []


def _urgent_rule(run: DriverRun) -> Iterable[NudgeSpec]:
    for user_id in urgent_for:
        yield NudgeSpec(
            user_id=user_id,
            subject="agreement:3",
            params={"title": "Kooperationsvereinbarung Team Köln", "since": "2026-03-06"},
            url="/impulse/",
            urgent=True,
        )


def _describe_urgent(params: dict[str, str]) -> str:
    from apps.driver.rules import format_date

    return f"„{params['title']}“ wartet seit {format_date(params['since'])} auf Ihre Zustimmung."


@pytest.fixture
def urgent_rule() -> Iterator[str]:
    urgent_for.clear()
    with registry.registered("test_urgent", _urgent_rule, message=_describe_urgent):
        yield "test_urgent"
    urgent_for.clear()


def test_an_urgent_nudge_is_mailed_at_once_and_only_once(
    anna, urgent_rule, smtp_server, django_capture_on_commit_callbacks
) -> None:
    urgent_for.append(anna.pk)
    with time_machine.travel(MONDAY_8, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            driver_run(rules=[urgent_rule])
        assert len(smtp_server.messages) == 1  # sent by the task enqueued on commit
        with django_capture_on_commit_callbacks(execute=True):
            driver_run(rules=[urgent_rule])
        assert nudges_mail_urgent() == 0
        assert digests_send() == 0  # already mailed: not again in the digest
    [message] = smtp_server.messages
    assert _subject(message) == (
        "[WirWerk] Dringend: „Kooperationsvereinbarung Team Köln“ wartet seit 6. März 2026 "
        "auf Ihre Zustimmung."
    )
    assert "ein dringender Impuls wartet auf Sie" in _body(message, "plain")
    assert "dringende Impulse bei WirWerk sofort" in _body(message, "plain")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Nudge.objects.get().emailed_at == MONDAY_8


def test_without_urgent_mails_an_urgent_nudge_waits_for_the_digest(
    anna, urgent_rule, smtp_server
) -> None:
    notification_settings_update(user=anna, urgent_immediately=False, digest="daily")
    urgent_for.append(anna.pk)
    with time_machine.travel(MONDAY_8, tick=False):
        driver_run(rules=[urgent_rule])
        assert nudges_mail_urgent() == 0
        assert digests_send() == 1
    assert "Dringend:" in _body(smtp_server.messages[0], "plain")


def test_a_closed_urgent_nudge_is_not_mailed(anna, urgent_rule, smtp_server) -> None:
    urgent_for.append(anna.pk)
    with time_machine.travel(MONDAY_8, tick=False):
        driver_run(rules=[urgent_rule])
        Nudge.objects.update(status=NudgeStatus.DONE)
        assert nudges_mail_urgent() == 0


def test_the_command_runs_rules_and_mail_and_ends_with_figures(
    anna, urgent_rule, smtp_server, capsys
) -> None:
    urgent_for.append(anna.pk)
    with time_machine.travel(MONDAY_8, tick=False):
        call_command("driver_run")
    lines = capsys.readouterr().out.strip().splitlines()
    figures = dict(pair.split("=") for pair in lines[-1].split())
    assert figures["created"] == "1"
    assert figures["urgent_mails"] == "1"
    assert figures["resolved"] == "0"
    assert len(smtp_server.messages) == 1
