from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.network import selectors
from apps.network.models import Block, ContactRequestStatus
from apps.network.services import (
    ask_create,
    block_user,
    connection_remove,
    contact_request_send,
    unblock_user,
)
from tests.factories import connect

pytestmark = pytest.mark.django_db

Purpose = Callable[[int], str]


def test_blocking_declines_pending_requests_and_removes_the_connection(
    anna: User, ben: User, carla: User, purpose: Purpose
) -> None:
    connect(anna, ben)
    incoming = contact_request_send(sender=carla, recipient=anna, purpose=purpose(1))
    block_user(blocker=anna, blocked=carla)
    block_user(blocker=anna, blocked=ben)
    incoming.refresh_from_db()
    assert incoming.status == ContactRequestStatus.DECLINED
    assert not selectors.are_connected(a=anna, b=ben)
    assert selectors.blocked_user_ids(user=anna) == {ben.pk, carla.pk}


def test_blocking_withdraws_the_blockers_own_pending_request(
    anna: User, ben: User, purpose: Purpose
) -> None:
    outgoing = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    block_user(blocker=anna, blocked=ben)
    outgoing.refresh_from_db()
    assert outgoing.status == ContactRequestStatus.WITHDRAWN


def test_blocked_user_ids_hide_people_in_both_directions(
    anna: User, ben: User, carla: User
) -> None:
    block_user(blocker=anna, blocked=ben)
    assert selectors.blocked_user_ids(user=anna) == {ben.pk}
    assert selectors.blocked_user_ids(user=ben) == {anna.pk}
    assert selectors.blocked_user_ids(user=carla) == set()


def test_blocking_twice_keeps_one_block_and_unblocking_lifts_it(anna: User, ben: User) -> None:
    block_user(blocker=anna, blocked=ben)
    block_user(blocker=anna, blocked=ben)
    assert Block.objects.count() == 1
    unblock_user(blocker=anna, blocked=ben)
    assert selectors.blocked_user_ids(user=anna) == set()


def test_nobody_can_block_themselves(anna: User) -> None:
    with pytest.raises(ValidationError):
        block_user(blocker=anna, blocked=anna)


def test_removing_a_connection_works_from_either_side(anna: User, ben: User) -> None:
    connect(anna, ben)
    connection_remove(user=ben, other=anna)
    assert not selectors.are_connected(a=anna, b=ben)
    with pytest.raises(ValidationError, match="nicht verbunden"):
        connection_remove(user=anna, other=ben)


def test_block_asks_for_confirmation_before_blocking(client: Client, anna: User, ben: User) -> None:
    client.force_login(anna)
    url = reverse("network:block", args=[ben.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "blockieren?" in page.content.decode()
    assert not Block.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert Block.objects.filter(blocker=anna, blocked=ben).exists()


def test_blocked_people_disappear_from_the_connections_page_and_the_asks_board(
    client: Client, anna: User, ben: User
) -> None:
    connect(anna, ben)
    ask = ask_create(author=ben, title="Co-Trainer für Outdoor-Tag", description="Im Wald.")
    client.force_login(anna)
    client.post(reverse("network:block", args=[ben.pk]), follow=True)  # consume the message
    connections = client.get(reverse("network:connections")).content.decode()
    asks = client.get(reverse("network:asks")).content.decode()
    assert "Ben Brückner" not in connections
    assert "Co-Trainer für Outdoor-Tag" not in asks
    assert client.get(reverse("network:ask-detail", args=[ask.pk])).status_code == 404
    blocked = client.get(reverse("network:blocked")).content.decode()
    assert "Ben Brückner" in blocked


def test_the_blocked_person_still_sees_the_request_form_but_cannot_send(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    # A 404 here would tell Ben that Anna blocked him.
    block_user(blocker=anna, blocked=ben)
    client.force_login(ben)
    url = reverse("network:request-new", args=[anna.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"purpose": purpose(1)})
    assert response.status_code == 200
    assert "Diese Person kann derzeit keine Anfragen empfangen." in response.content.decode()


def test_unblock_asks_for_confirmation_and_lifts_the_block(
    client: Client, anna: User, ben: User
) -> None:
    block_user(blocker=anna, blocked=ben)
    client.force_login(anna)
    url = reverse("network:unblock", args=[ben.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Block.objects.exists()


def test_connection_remove_asks_for_confirmation(client: Client, anna: User, ben: User) -> None:
    connect(anna, ben)
    client.force_login(anna)
    url = reverse("network:connection-remove", args=[ben.pk])
    assert "beenden?" in client.get(url).content.decode()
    assert selectors.are_connected(a=anna, b=ben)
    client.post(url)
    assert not selectors.are_connected(a=anna, b=ben)
