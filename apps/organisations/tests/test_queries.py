"""Acceptance 4: the organisation pages' query counts do not grow with members."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.organisations import services
from apps.organisations.models import Organisation, OrganisationMember, Role


def grow(organisation: Organisation, people: list[User]) -> None:
    OrganisationMember.objects.bulk_create(
        OrganisationMember(organisation=organisation, user=p, role=Role.STAFF) for p in people
    )


def count(client: Client, url: str) -> int:
    client.get(url)  # warm caches (session, index, site) that are not the page's own
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def others(add_people: Callable[..., None], anna: User, ben: User, carla: User) -> list[User]:
    add_people(12)
    return list(User.objects.exclude(pk__in=[anna.pk, ben.pk, carla.pk]).order_by("pk"))


def test_organisation_page_does_not_grow_with_members(
    vhs: Organisation, anna: User, others: list[User]
) -> None:
    client = Client()
    client.force_login(anna)
    url = reverse("organisations:detail", args=[vhs.pk])
    grow(vhs, others[:1])
    one = count(client, url)
    grow(vhs, others[1:10])
    ten = count(client, url)
    assert vhs.members.count() == 12
    assert ten == one


def test_list_does_not_grow_with_organisations(anna: User, others: list[User]) -> None:
    client = Client()
    client.force_login(anna)
    url = reverse("organisations:list")
    services.organisation_create(user=anna, name="Organisation 0")
    one = count(client, url)
    for i in range(1, 10):
        organisation = services.organisation_create(user=anna, name=f"Organisation {i}")
        grow(organisation, others[:i])
    assert count(client, url) == one


def test_cooperation_tab_does_not_grow_with_organisations(
    cooperation: Cooperation, anna: User, others: list[User]
) -> None:
    client = Client()
    client.force_login(anna)
    url = reverse("organisations:cooperation", args=[cooperation.pk])
    first = services.organisation_create(user=anna, name="Organisation 0", staff_count=3)
    services.cooperation_organisation_add(cooperation=cooperation, user=anna, organisation=first)
    one = count(client, url)
    for i in range(1, 10):
        organisation = services.organisation_create(user=anna, name=f"Organisation {i}")
        grow(organisation, others[:i])
        services.cooperation_organisation_add(
            cooperation=cooperation, user=anna, organisation=organisation
        )
    assert count(client, url) == one


def test_training_page_does_not_grow_with_sign_ups(
    vhs: Organisation, anna: User, others: list[User]
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    grow(vhs, others[:10])
    training = services.training_create(
        organisation=vhs,
        user=anna,
        title="Moodle",
        starts_at=timezone.now() + timedelta(days=2),
        place="",
        online=True,
        description="",
        seats={vhs.pk: 20},
    )
    client = Client()
    client.force_login(anna)
    url = reverse("organisations:training", args=[training.pk])
    services.training_signup(training=training, user=others[0], organisation=vhs)
    one = count(client, url)
    for person in others[1:10]:
        services.training_signup(training=training, user=person, organisation=vhs)
    assert count(client, url) == one
