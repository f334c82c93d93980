"""An e-mail invitation opened under another address: the person asks to join, the
inviter is told and confirms or declines; only a confirmation makes them a member."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation, Invitation, Membership
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import describe
from apps.driver.services import driver_run
from apps.network.models import Block

pytestmark = pytest.mark.django_db

INVITED = "carla.privat@example.org"


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def email_invitation(cooperation: Cooperation, anna: User) -> tuple[Invitation, str]:
    return services.invitation_create_by_email(cooperation=cooperation, inviter=anna, email=INVITED)


def is_member(cooperation: Cooperation, user: User) -> bool:
    return Membership.objects.current().filter(cooperation=cooperation, user=user).exists()


def test_opening_the_link_under_another_address_asks_the_inviter(
    cooperation: Cooperation,
    anna: User,
    carla: User,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation, token = email_invitation(cooperation, anna)
    link = reverse("cooperations:invitation-link", args=[token])
    carla_client = client_of(carla)

    page = carla_client.get(link).content.decode()
    assert "Beitritt anfragen" in page and INVITED in page
    with django_capture_on_commit_callbacks(execute=True):
        response = carla_client.post(link)

    assert response.status_code == 302
    assert not is_member(cooperation, carla)
    invitation.refresh_from_db()
    assert invitation.join_request_pending and invitation.join_requested_by == carla
    [mail] = smtp_server.messages
    assert mail["To"] == anna.email
    assert f"{carla.get_full_name()} ({carla.email})" in mail.get_payload(decode=True).decode()
    driver_run(rules=["join_request_waiting"])
    nudge = Nudge.objects.get(rule="join_request_waiting", user=anna)
    assert describe(nudge.rule, nudge.params).startswith(f"{carla} möchte über Ihre Einladung")
    detail = client_of(anna).get(nudge.url).content.decode()
    assert "möchte über diese Einladung beitreten" in detail and "Beitritt bestätigen" in detail


def test_the_inviter_confirms_and_the_person_joins_once(
    cooperation: Cooperation,
    anna: User,
    carla: User,
    smtp_server: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invitation, _token = email_invitation(cooperation, anna)
    services.invitation_request_join(invitation=invitation, user=carla)
    url = reverse(
        "cooperations:join-request-answer", args=[cooperation.pk, invitation.pk, "bestaetigen"]
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(anna).post(url)

    assert response.status_code == 302
    assert is_member(cooperation, carla)
    invitation.refresh_from_db()
    assert invitation.accepted_by == carla and not invitation.is_open
    assert [m["To"] for m in smtp_server.messages][-1] == carla.email
    driver_run(rules=["join_request_waiting"])
    assert not Nudge.objects.filter(rule="join_request_waiting", status=NudgeStatus.OPEN).exists()
    with pytest.raises(ValidationError, match="nicht mehr offen"):
        services.invitation_request_confirm(invitation=invitation, user=anna)


def test_the_inviter_declines_and_the_link_stays_for_the_invited_address(
    cooperation: Cooperation, anna: User, carla: User
) -> None:
    invitation, _token = email_invitation(cooperation, anna)
    services.invitation_request_join(invitation=invitation, user=carla)

    services.invitation_request_decline(invitation=invitation, user=anna)

    assert not is_member(cooperation, carla)
    with pytest.raises(ValidationError, match="bereits ein Beitritt angefragt"):
        services.invitation_request_join(invitation=invitation, user=carla)
    dora = User.objects.create_user(INVITED, "Kooperation-2026!", name="Carla Privat")
    services.invitation_accept(invitation=invitation, user=dora)
    assert is_member(cooperation, dora)


def test_only_the_coordination_answers_and_blocked_people_cannot_ask(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    invitation, _token = email_invitation(cooperation, anna)
    services.invitation_request_join(invitation=invitation, user=carla)
    with pytest.raises(PermissionDenied):
        services.invitation_request_confirm(invitation=invitation, user=ben)
    assert not is_member(cooperation, carla)

    other, _token = services.invitation_create_by_email(
        cooperation=cooperation, inviter=anna, email="jemand@example.org"
    )
    Block.objects.create(blocker=anna, blocked=carla)
    with pytest.raises(PermissionDenied):
        services.invitation_request_join(invitation=other, user=carla)


def test_the_invited_address_itself_joins_directly(
    cooperation: Cooperation, anna: User, carla: User
) -> None:
    invitation, token = services.invitation_create_by_email(
        cooperation=cooperation, inviter=anna, email=carla.email
    )
    with pytest.raises(ValidationError, match="direkt beitreten"):
        services.invitation_request_join(invitation=invitation, user=carla)
    response = client_of(carla).post(reverse("cooperations:invitation-link", args=[token]))
    assert response.status_code == 302
    assert is_member(cooperation, carla)
