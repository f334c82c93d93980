"""Membership, invitations and lifecycle transitions, with who may do what."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import (
    Cooperation,
    CooperationKind,
    CooperationStatus,
    EventKind,
    MemberRole,
    Membership,
)
from tests.factories import agree, connect, join

pytestmark = pytest.mark.django_db


def kinds(cooperation: Cooperation) -> list[str]:
    return list(cooperation.events.order_by("created_at", "pk").values_list("kind", flat=True))


def test_founder_coordinates_a_new_cooperation_in_the_exploring_phase(anna: User) -> None:
    cooperation = services.cooperation_create(
        founder=anna, title="  Lernreise  ", purpose="Gemeinsam lernen.", kind="peer_group"
    )
    assert cooperation.status == CooperationStatus.EXPLORING
    assert cooperation.title == "Lernreise"
    membership = Membership.objects.get(cooperation=cooperation, user=anna)
    assert membership.role == MemberRole.COORDINATOR
    assert kinds(cooperation) == [EventKind.CREATED]


def test_cooperation_needs_a_title_and_a_known_kind(anna: User) -> None:
    with pytest.raises(ValidationError):
        services.cooperation_create(founder=anna, title=" ", purpose="x", kind="peer_group")
    with pytest.raises(ValidationError):
        services.cooperation_create(founder=anna, title="T", purpose="x", kind="party")
    assert not Cooperation.objects.exists()


def test_only_connections_can_be_invited(cooperation: Cooperation, anna: User, carla: User) -> None:
    with pytest.raises(ValidationError, match="verbunden"):
        services.invitation_create(cooperation=cooperation, inviter=anna, invitee=carla)
    connect(anna, carla)
    invitation = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=carla)
    assert invitation.is_open


def test_only_the_coordination_invites(cooperation: Cooperation, ben: User, carla: User) -> None:
    connect(ben, carla)
    with pytest.raises(PermissionDenied):
        services.invitation_create(cooperation=cooperation, inviter=ben, invitee=carla)


def test_a_member_cannot_be_invited_twice(cooperation: Cooperation, anna: User, ben: User) -> None:
    with pytest.raises(ValidationError, match="bereits Mitglied"):
        services.invitation_create(cooperation=cooperation, inviter=anna, invitee=ben)


def test_an_invitation_is_accepted_only_by_its_invitee(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    connect(anna, carla)
    invitation = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=carla)
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=ben)
    services.invitation_accept(invitation=invitation, user=carla)
    assert cooperation.memberships.current().count() == 3
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=carla)


def test_declined_and_revoked_invitations_cannot_be_used(
    cooperation: Cooperation, anna: User, carla: User
) -> None:
    connect(anna, carla)
    invitation = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=carla)
    services.invitation_decline(invitation=invitation, user=carla)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=carla)
    second = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=carla)
    services.invitation_revoke(invitation=second, user=anna)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=second, user=carla)


def test_an_email_link_works_once_and_expires(
    cooperation: Cooperation, anna: User, carla: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create_by_email(
            cooperation=cooperation, inviter=anna, email=carla.email.upper()
        )
    assert invitation.token_hash and token not in invitation.token_hash
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert mail.outbox[0].to == [carla.email.lower()]
    found = services.invitation_for_token(token)
    assert found is not None
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        found.refresh_from_db()
        with pytest.raises(ValidationError, match="abgelaufen"):
            services.invitation_accept(invitation=found, user=carla)
    services.invitation_accept(invitation=found, user=carla)
    found.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=found, user=carla)
    assert services.invitation_for_token("wrong") is None


def test_the_coordination_can_hand_on_its_role_but_one_must_remain(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    with pytest.raises(ValidationError, match="koordinieren"):
        services.member_set_role(cooperation=cooperation, by=anna, member=anna, role="member")
    services.member_set_role(cooperation=cooperation, by=anna, member=ben, role="coordinator")
    services.member_set_role(cooperation=cooperation, by=ben, member=anna, role="member")
    with pytest.raises(PermissionDenied):
        services.member_set_role(cooperation=cooperation, by=anna, member=ben, role="member")


def test_the_coordination_removes_a_member_with_a_reason(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.member_remove(cooperation=cooperation, by=ben, member=anna, reason="Zu langsam.")
    with pytest.raises(ValidationError):
        services.member_remove(cooperation=cooperation, by=anna, member=ben, reason="")
    with pytest.raises(ValidationError):
        services.member_remove(cooperation=cooperation, by=anna, member=anna, reason="Ich gehe.")
    services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Keine Zeit mehr für das Projekt."
    )
    membership = Membership.objects.get(cooperation=cooperation, user=ben)
    assert membership.left_at is not None
    assert EventKind.REMOVED in kinds(cooperation)


def test_a_removed_member_can_be_invited_again(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Pause für ein halbes Jahr."
    )
    join(cooperation, anna, ben)
    assert cooperation.memberships.current().filter(user=ben).exists()


def test_fit_check_needs_two_members_and_the_coordination(anna: User, ben: User) -> None:
    alone = services.cooperation_create(founder=anna, title="Solo", purpose="x", kind="other")
    with pytest.raises(ValidationError, match="zwei Mitglieder"):
        services.fit_check_start(cooperation=alone, user=anna)
    join(alone, anna, ben)
    with pytest.raises(PermissionDenied):
        services.fit_check_start(cooperation=alone, user=ben)
    services.fit_check_start(cooperation=alone, user=anna)
    alone.refresh_from_db()
    assert alone.status == CooperationStatus.FIT_CHECK
    with pytest.raises(ValidationError):
        services.fit_check_start(cooperation=alone, user=anna)


def test_the_first_agreement_in_force_makes_the_cooperation_agreed(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    services.fit_check_start(cooperation=cooperation, user=anna)
    agree(cooperation, anna, ben)
    cooperation.refresh_from_db()
    assert cooperation.status == CooperationStatus.AGREED


def test_the_cooperation_can_agree_without_a_fit_check(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    cooperation.refresh_from_db()
    assert cooperation.status == CooperationStatus.AGREED


def test_every_write_is_an_event_on_the_timeline(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    services.cooperation_update(
        cooperation=cooperation, user=anna, title="Neu", purpose="Neu.", kind="other"
    )
    assert kinds(cooperation) == [
        EventKind.CREATED,
        EventKind.INVITED,
        EventKind.JOINED,
        EventKind.UPDATED,
    ]
    cooperation.refresh_from_db()
    assert cooperation.last_activity_at >= cooperation.events.first().created_at  # type: ignore[union-attr]


def test_only_the_coordination_changes_title_and_purpose(
    cooperation: Cooperation, ben: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.cooperation_update(
            cooperation=cooperation, user=ben, title="Meins", purpose="x", kind="other"
        )


def test_outsiders_cannot_write_anything(cooperation: Cooperation, carla: User) -> None:
    with pytest.raises(PermissionDenied):
        services.agreement_draft(cooperation=cooperation, user=carla)
    with pytest.raises(PermissionDenied):
        services.exit_propose(
            cooperation=cooperation, user=carla, kind="end", reason="Das ist nicht meins."
        )
    assert cooperation.kind == CooperationKind.JOINT_OFFER
