import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.organisations import services
from apps.organisations.models import CooperationOrganisation, Organisation


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_member_adds_the_organisation_to_the_cooperation(
    cooperation: Cooperation, vhs: Organisation, anna: User, ben: User
) -> None:
    response = client_for(anna).post(
        reverse("organisations:cooperation-add", args=[cooperation.pk]), {"organisation": vhs.pk}
    )
    assert response.status_code == 302
    link = CooperationOrganisation.objects.get(cooperation=cooperation)
    assert (link.organisation, link.representative) == (vhs, anna)
    page = client_for(ben).get(reverse("organisations:cooperation", args=[cooperation.pk]))
    assert "Volkshochschule Kassel" in page.content.decode()
    assert "vertreten durch Anna Albrecht" in page.content.decode()


def test_the_tab_is_on_the_cooperation_page(cooperation: Cooperation, ben: User) -> None:
    page = client_for(ben).get(reverse("cooperations:detail", args=[cooperation.pk]))
    assert reverse("organisations:cooperation", args=[cooperation.pk]) in page.content.decode()


def test_staff_of_the_organisation_cannot_add_it(
    cooperation: Cooperation, vhs: Organisation, ben: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.cooperation_organisation_add(cooperation=cooperation, user=ben, organisation=vhs)


def test_an_admin_outside_the_cooperation_cannot_add_it(
    cooperation: Cooperation, carla: User
) -> None:
    own = services.organisation_create(user=carla, name="Mediationswerk Wien")
    with pytest.raises(PermissionDenied):
        services.cooperation_organisation_add(cooperation=cooperation, user=carla, organisation=own)


def test_added_once_and_removed_by_its_representative(
    cooperation: Cooperation, vhs: Organisation, anna: User, ben: User
) -> None:
    link = services.cooperation_organisation_add(
        cooperation=cooperation, user=anna, organisation=vhs
    )
    with pytest.raises(ValidationError):
        services.cooperation_organisation_add(cooperation=cooperation, user=anna, organisation=vhs)
    with pytest.raises(PermissionDenied):
        services.cooperation_organisation_remove(cooperation=cooperation, user=ben, link_id=link.pk)
    services.cooperation_organisation_remove(cooperation=cooperation, user=anna, link_id=link.pk)
    assert not CooperationOrganisation.objects.exists()


def test_outsider_gets_404_on_the_cooperation_tab(cooperation: Cooperation, carla: User) -> None:
    url = reverse("organisations:cooperation", args=[cooperation.pk])
    assert client_for(carla).get(url).status_code == 404


def test_joining_and_leaving_show_in_the_timeline(
    cooperation: Cooperation, vhs: Organisation, anna: User, ben: User
) -> None:
    link = services.cooperation_organisation_add(
        cooperation=cooperation, user=anna, organisation=vhs
    )
    services.cooperation_organisation_remove(cooperation=cooperation, user=anna, link_id=link.pk)
    page = client_for(ben).get(reverse("cooperations:timeline", args=[cooperation.pk]))
    text = page.content.decode()
    assert "Organisation beteiligt – Volkshochschule Kassel" in text
    assert "Organisation nicht mehr beteiligt – Volkshochschule Kassel" in text
