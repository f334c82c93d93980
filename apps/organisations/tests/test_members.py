import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.organisations import services
from apps.organisations.models import Organisation, OrganisationMember, Role


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_creator_becomes_admin(anna: User) -> None:
    response = client_for(anna).post(
        reverse("organisations:create"),
        {"name": "Bildungswerk Nordhessen", "kind": "bildungswerk", "staff_count": 12},
    )
    organisation = Organisation.objects.get(name="Bildungswerk Nordhessen")
    assert response.status_code == 302
    assert OrganisationMember.objects.get(organisation=organisation, user=anna).role == Role.ADMIN


def test_create_form_says_what_is_missing(anna: User) -> None:
    response = client_for(anna).post(reverse("organisations:create"), {"kind": "vhs"})
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


@pytest.mark.parametrize(
    "name", ["organisations:detail", "organisations:edit", "organisations:leave"]
)
def test_outsider_gets_404_inside_an_organisation(
    vhs: Organisation, carla: User, name: str
) -> None:
    assert client_for(carla).get(reverse(name, args=[vhs.pk])).status_code == 404


def test_outsider_cannot_post_a_member(vhs: Organisation, carla: User) -> None:
    response = client_for(carla).post(
        reverse("organisations:member-add", args=[vhs.pk]), {"email": carla.email, "role": "admin"}
    )
    assert response.status_code == 404
    assert not vhs.members.filter(user=carla).exists()


def test_member_page_shows_profile_and_roles(vhs: Organisation, ben: User) -> None:
    page = client_for(ben).get(reverse("organisations:detail", args=[vhs.pk])).content.decode()
    assert "Volkshochschule Kassel" in page
    assert "Anna Albrecht</strong> · Verwaltung" in page
    assert "Ben Brückner</strong> · Mitarbeit" in page
    # staff see no admin actions
    assert "Rolle ändern" not in page


def test_admin_adds_an_existing_user_by_email(vhs: Organisation, anna: User, carla: User) -> None:
    response = client_for(anna).post(
        reverse("organisations:member-add", args=[vhs.pk]),
        {"email": carla.email.upper(), "role": "planning"},
        follow=True,
    )
    assert vhs.members.get(user=carla).role == Role.PLANNING
    assert "Carla Conrad gehört jetzt dazu." in response.content.decode()


def test_adding_an_unknown_address_says_nobody_has_it(vhs: Organisation, anna: User) -> None:
    response = client_for(anna).post(
        reverse("organisations:member-add", args=[vhs.pk]),
        {"email": "niemand@example.org", "role": "staff"},
        follow=True,
    )
    assert "Unter dieser E-Mail-Adresse ist niemand bei WirWerk angemeldet" in (
        response.content.decode()
    )
    assert vhs.members.count() == 2


def test_staff_cannot_add_or_change(vhs: Organisation, ben: User, carla: User) -> None:
    with pytest.raises(PermissionDenied):
        services.member_add(organisation=vhs, user=ben, email=carla.email)
    anna_row = vhs.members.get(role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.member_role_change(
            organisation=vhs, user=ben, member_id=anna_row.pk, role=Role.STAFF
        )


def test_admin_changes_a_role(vhs: Organisation, anna: User, ben: User) -> None:
    row = vhs.members.get(user=ben)
    client_for(anna).post(
        reverse("organisations:member-role", args=[vhs.pk, row.pk]), {"role": "admin"}
    )
    row.refresh_from_db()
    assert row.role == Role.ADMIN


def test_removing_asks_first_then_removes(vhs: Organisation, anna: User, ben: User) -> None:
    row = vhs.members.get(user=ben)
    url = reverse("organisations:member-remove", args=[vhs.pk, row.pk])
    client = client_for(anna)
    confirm = client.get(url).content.decode()
    assert "Ben Brückner aus Volkshochschule Kassel entfernen?" in confirm
    assert vhs.members.filter(user=ben).exists()
    client.post(url)
    assert not vhs.members.filter(user=ben).exists()


def test_the_last_admin_cannot_be_removed_demoted_or_leave(vhs: Organisation, anna: User) -> None:
    row = vhs.members.get(user=anna)
    with pytest.raises(ValidationError, match="mindestens eine Person"):
        services.member_remove(organisation=vhs, user=anna, member_id=row.pk)
    with pytest.raises(ValidationError, match="mindestens eine Person"):
        services.member_role_change(organisation=vhs, user=anna, member_id=row.pk, role=Role.STAFF)
    response = client_for(anna).post(reverse("organisations:leave", args=[vhs.pk]), follow=True)
    assert "mindestens eine Person" in response.content.decode()
    assert vhs.members.filter(user=anna, role=Role.ADMIN).exists()


def test_a_second_admin_lets_the_first_leave(vhs: Organisation, anna: User, ben: User) -> None:
    services.member_role_change(
        organisation=vhs, user=anna, member_id=vhs.members.get(user=ben).pk, role=Role.ADMIN
    )
    client = client_for(anna)
    assert (
        "verlassen?" in client.get(reverse("organisations:leave", args=[vhs.pk])).content.decode()
    )
    client.post(reverse("organisations:leave", args=[vhs.pk]))
    assert not vhs.members.filter(user=anna).exists()
    assert client.get(reverse("organisations:detail", args=[vhs.pk])).status_code == 404


def test_staff_leaves(vhs: Organisation, ben: User) -> None:
    response = client_for(ben).post(reverse("organisations:leave", args=[vhs.pk]))
    assert response.status_code == 302
    assert not vhs.members.filter(user=ben).exists()


def test_list_shows_my_organisations_and_nav_entry(vhs: Organisation, ben: User) -> None:
    page = client_for(ben).get(reverse("organisations:list")).content.decode()
    assert "Volkshochschule Kassel" in page
    assert "Ihre Rolle: Mitarbeit · 2 Personen" in page
    assert f'href="{reverse("organisations:list")}" aria-current="page">Organisationen' in page


def test_list_has_an_empty_state(carla: User) -> None:
    page = client_for(carla).get(reverse("organisations:list")).content.decode()
    assert "Sie gehören noch zu keiner Organisation." in page


def test_admin_edits_profile_with_gaps(vhs: Organisation, anna: User, ben: User) -> None:
    data = {
        "name": vhs.name,
        "kind": "vhs",
        "city": "Kassel",
        "staff_count": 42,
        "topics": "Sprachen\nGesundheit",
        "gaps": "Konfliktmoderation für Teams",
        "rooms": "Seminarraum 3, 20 Plätze",
    }
    assert client_for(ben).get(reverse("organisations:edit", args=[vhs.pk])).status_code == 302
    client_for(anna).post(reverse("organisations:edit", args=[vhs.pk]), data)
    vhs.refresh_from_db()
    assert (vhs.staff_count, vhs.gaps) == (42, "Konfliktmoderation für Teams")
