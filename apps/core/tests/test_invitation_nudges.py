"""An invited member hears of the invitation: a mail at once, a nudge and an entry on
the dashboard until they answer, and an urgent nudge before it runs out."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation, Invitation
from apps.core.rules import invitation_waiting
from apps.driver.delivery import nudges_mail_urgent
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, describe
from apps.driver.services import driver_run
from tests.factories import connect

pytestmark = pytest.mark.django_db


def invite(cooperation: Cooperation, anna: User, carla: User, callbacks: Any) -> Invitation:
    connect(anna, carla)
    with callbacks(execute=True):
        return services.invitation_create(
            cooperation=cooperation, inviter=anna, invitee=carla, message="Wir bräuchten Sie."
        )


def test_an_invited_member_gets_a_mail_at_once(
    cooperation: Cooperation,
    anna: User,
    carla: User,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invite(cooperation, anna, carla, django_capture_on_commit_callbacks)

    [message] = smtp_server.messages
    assert message["To"] == carla.email
    assert cooperation.title in str(message["Subject"]) or "Kooperation" in str(message["Subject"])
    body = message.get_payload(decode=True).decode()
    assert f"{anna.get_full_name()} lädt Sie ein" in body
    assert "Wir bräuchten Sie." in body
    assert reverse("cooperations:list") in body


def test_an_invited_member_finds_a_nudge_and_the_invitation_on_the_dashboard(
    cooperation: Cooperation, anna: User, carla: User, django_capture_on_commit_callbacks: Any
) -> None:
    invitation = invite(cooperation, anna, carla, django_capture_on_commit_callbacks)

    driver_run(rules=["invitation_waiting"])

    nudge = Nudge.objects.get(rule="invitation_waiting")
    assert nudge.user_id == carla.pk and not nudge.urgent
    assert describe(nudge.rule, nudge.params).startswith(
        f"{anna} lädt Sie zur Kooperation „{cooperation.title}“ ein."
    )
    client = Client()
    client.force_login(carla)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert f"lädt Sie zu „{cooperation.title}“ ein." in dashboard
    # Answered: the nudge goes and the dashboard entry with it.
    services.invitation_decline(invitation=invitation, user=carla)
    driver_run(rules=["invitation_waiting"])
    assert Nudge.objects.get(rule="invitation_waiting").status != NudgeStatus.OPEN
    assert cooperation.title not in client.get(reverse("core:dashboard")).content.decode()


def test_shortly_before_it_expires_the_nudge_turns_urgent_and_is_mailed(
    cooperation: Cooperation,
    anna: User,
    carla: User,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invite(cooperation, anna, carla, django_capture_on_commit_callbacks)
    driver_run(rules=["invitation_waiting"])
    smtp_server.messages.clear()

    with time_machine.travel(timezone.now() + timedelta(days=12)):
        driver_run(rules=["invitation_waiting"])
        nudges_mail_urgent()

    urgent = Nudge.objects.get(rule="invitation_waiting", status=NudgeStatus.OPEN)
    assert urgent.urgent and urgent.period == "expiring"
    assert [m["To"] for m in smtp_server.messages] == [carla.email]


def test_the_rule_needs_a_fixed_number_of_queries(
    cooperation: Cooperation, anna: User, add_people: Any
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(invitation_waiting(DriverRun.start()))
        return len(captured)

    add_people(10)
    people = list(User.objects.exclude(pk__in=cooperation.memberships.values("user")))
    for person in people[:1]:
        connect(anna, person)
        services.invitation_create(cooperation=cooperation, inviter=anna, invitee=person)
    one = queries()
    for person in people[1:10]:
        connect(anna, person)
        services.invitation_create(cooperation=cooperation, inviter=anna, invitee=person)
    assert queries() == one
