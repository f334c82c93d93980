"""Invitations that cannot be abused: a daily limit per person, e-mail links bound to
the invited address (a forwarded link does not work, a blocked person cannot join),
existing accounts see an e-mail invitation among their invitations, and a newcomer's
invitation survives sign-up."""

import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import selectors, services
from apps.cooperations.models import Cooperation, Invitation, Membership
from apps.network.models import Block

pytestmark = pytest.mark.django_db


def test_one_person_sends_at_most_the_daily_limit(
    settings: Any, cooperation: Cooperation, anna: User
) -> None:
    # Founding the cooperation invited ben already: that one counts too.
    settings.INVITATIONS_PER_DAY = Invitation.objects.filter(invited_by=anna).count() + 3
    for n in range(3):
        services.invitation_create_by_email(
            cooperation=cooperation, inviter=anna, email=f"neu{n}@example.org"
        )
    with pytest.raises(ValidationError, match="Einladungen verschickt"):
        services.invitation_create_by_email(
            cooperation=cooperation, inviter=anna, email="noch-einer@example.org"
        )


def test_a_forwarded_email_link_does_not_let_someone_else_join(
    cooperation: Cooperation, anna: User, carla: User
) -> None:
    invitation, _token = services.invitation_create_by_email(
        cooperation=cooperation, inviter=anna, email="dora@example.org"
    )
    with pytest.raises(PermissionDenied, match="E-Mail-Adresse"):
        services.invitation_accept(invitation=invitation, user=carla)
    assert not Membership.objects.filter(cooperation=cooperation, user=carla).exists()
    dora = User.objects.create_user("Dora@example.org", "Kooperation-2026!", name="Dora")
    services.invitation_accept(invitation=invitation, user=dora)
    assert Membership.objects.filter(cooperation=cooperation, user=dora).exists()


def test_a_blocked_person_cannot_join_through_an_email_link(
    cooperation: Cooperation, anna: User, carla: User
) -> None:
    invitation, _token = services.invitation_create_by_email(
        cooperation=cooperation, inviter=anna, email=carla.email
    )
    Block.objects.create(blocker=anna, blocked=carla)
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=carla)


def test_an_existing_member_finds_the_email_invitation_among_their_invitations(
    cooperation: Cooperation, anna: User, carla: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _token = services.invitation_create_by_email(
            cooperation=cooperation, inviter=anna, email=carla.email
        )
    assert mail.outbox[0].to == [carla.email]
    assert list(selectors.open_invitations_for(user=carla)) == [invitation]


def test_the_invitation_survives_sign_up_and_email_confirmation(
    client: Client, cooperation: Cooperation, anna: User, django_capture_on_commit_callbacks: Any
) -> None:
    _invitation, token = services.invitation_create_by_email(
        cooperation=cooperation, inviter=anna, email="dora@example.org"
    )
    link = reverse("cooperations:invitation-link", args=[token])
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("account_signup")
    client.post(
        reverse("account_signup"),
        {
            "name": "Dora Dietrich",
            "email": "dora@example.org",
            "password1": "Kooperation-2026!",
            "password2": "Kooperation-2026!",
        },
    )
    confirm = re.search(r"/konto/confirm-email/[^/\s]+/", mail.outbox[-1].body)
    assert confirm is not None
    client.post(confirm.group(0))
    response = client.post(
        reverse("account_login"), {"login": "dora@example.org", "password": "Kooperation-2026!"}
    )
    assert response.status_code == 302 and response["Location"] == link
    page = client.get(link).content.decode()
    assert cooperation.title in page and "Beitreten" in page
    client.post(link)
    assert Membership.objects.filter(cooperation=cooperation, user__email="dora@example.org")
