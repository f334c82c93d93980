"""The sender of a contact request learns that it was accepted, with the way to start
a cooperation together."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core.rules import contact_accepted
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, describe, registry
from apps.driver.services import driver_run
from apps.network.models import ContactRequest
from apps.network.services import (
    connection_remove,
    contact_request_accept,
    contact_request_decline,
    contact_request_send,
)

pytestmark = pytest.mark.django_db

PURPOSE = "Ein gemeinsamer Workshop zu Führung im Mittelstand, ab Herbst."


def ask(sender: User, recipient: User) -> ContactRequest:
    return contact_request_send(sender=sender, recipient=recipient, purpose=PURPOSE)


def test_the_rule_is_registered() -> None:
    assert registry.get("contact_accepted") is not None


def test_an_accepted_request_nudges_the_sender_with_kooperation_starten(
    client: Client, ben: User, carla: User
) -> None:
    contact_request_accept(request=ask(carla, ben), user=ben)
    driver_run(rules=["contact_accepted"])
    nudge = Nudge.objects.get(rule="contact_accepted")
    assert nudge.user_id == carla.pk
    text = describe(nudge.rule, nudge.params)
    assert text.startswith(f"{ben} hat Ihre Kontaktanfrage angenommen.")
    assert "Kooperation starten" in text
    assert nudge.url == reverse("cooperations:new") + f"?mit={ben.pk}"
    client.force_login(carla)
    page = client.get(nudge.url)
    assert page.status_code == 200
    assert page.context["partner"] == ben
    driver_run(rules=["contact_accepted"])
    assert Nudge.objects.filter(rule="contact_accepted").count() == 1  # told once


def test_declined_requests_and_removed_connections_tell_nothing(
    ben: User, carla: User, anna: User
) -> None:
    contact_request_decline(request=ask(carla, ben), user=ben)
    contact_request_accept(request=ask(anna, carla), user=carla)
    connection_remove(user=carla, other=anna)
    driver_run(rules=["contact_accepted"])
    assert not Nudge.objects.filter(rule="contact_accepted").exists()


def test_after_two_weeks_the_nudge_goes_away(ben: User, carla: User) -> None:
    contact_request_accept(request=ask(carla, ben), user=ben)
    driver_run(rules=["contact_accepted"])
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        driver_run(rules=["contact_accepted"])
    assert Nudge.objects.get(rule="contact_accepted").status != NudgeStatus.OPEN


def test_the_rule_needs_a_fixed_number_of_queries(add_people) -> None:  # type: ignore[no-untyped-def]
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert list(contact_accepted(DriverRun.start()))
        return len(captured)

    add_people(21)
    people = list(User.objects.order_by("pk")[:21])
    contact_request_accept(request=ask(people[0], people[1]), user=people[1])
    one = queries()
    for sender, recipient in zip(people[2:20:2], people[3:21:2], strict=True):
        contact_request_accept(request=ask(sender, recipient), user=recipient)
    assert queries() == one
