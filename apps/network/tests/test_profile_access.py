"""Who opens whose profile: "only in partner suggestions" opens for people suggested
it or who know the owner; a blocked person never opens the blocker's profile."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.network.services import block_user, contact_request_send
from apps.profiles.access import suggestion_token
from apps.profiles.models import Visibility
from tests.factories import connect, found

pytestmark = pytest.mark.django_db


def status(client: Client, viewer: User, owner: User, **query: str) -> int:
    client.force_login(viewer)
    return client.get(reverse("profiles:detail", args=[owner.pk]), query).status_code


def only_in_suggestions(user: User) -> None:
    user.profile.visibility = Visibility.MATCHING
    user.profile.save()


def test_a_suggestions_only_profile_does_not_open_by_id_for_a_stranger(
    client: Client, anna: User, carla: User
) -> None:
    only_in_suggestions(anna)
    assert status(client, carla, anna) == 404
    assert status(client, anna, anna) == 200  # the owner sees it


def test_it_opens_from_a_suggestion_made_to_the_viewer_only(
    client: Client, anna: User, ben: User, carla: User
) -> None:
    only_in_suggestions(anna)
    to_carla = suggestion_token(viewer_id=carla.pk, owner_id=anna.pk)
    assert status(client, carla, anna, v=to_carla) == 200
    assert status(client, ben, anna, v=to_carla) == 404  # a forwarded link does not open it
    assert status(client, carla, anna, v=to_carla + "x") == 404


def test_it_opens_for_connections_and_both_sides_of_a_contact_request(
    client: Client, anna: User, ben: User, carla: User
) -> None:
    only_in_suggestions(carla)
    connect(anna, carla)
    assert status(client, anna, carla) == 200
    only_in_suggestions(ben)
    contact_request_send(
        sender=ben,
        recipient=carla,
        purpose="Ein gemeinsamer Workshop zu Führung im Mittelstand, ab Herbst.",
    )
    assert status(client, carla, ben) == 200
    assert status(client, ben, carla) == 200


def test_co_members_open_each_others_profiles(client: Client, anna: User, carla: User) -> None:
    only_in_suggestions(carla)
    found(anna, carla)
    assert status(client, anna, carla) == 200


def test_a_blocked_person_gets_404_on_the_blockers_profile(
    client: Client, anna: User, carla: User
) -> None:
    assert status(client, carla, anna) == 200
    block_user(blocker=anna, blocked=carla)
    assert status(client, carla, anna) == 404
    assert status(client, anna, carla) == 404
