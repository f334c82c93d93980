"""Matching ranks organisations' programme gaps against freelancers' offers (complement)."""

from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.organisations import fit, services
from apps.organisations.models import Organisation
from apps.profiles.models import Profile

MEDIATION = {
    "headline": "Wirtschaftsmediation und Konfliktmoderation",
    "competences": ["Mediation", "Konfliktmoderation"],
    "offers": ["Konfliktklärung im Team", "Mediation"],
}


def offers_mediation(user: User) -> None:
    Profile.objects.filter(user=user).update(**MEDIATION)


def test_freelancer_who_fills_the_gap_is_suggested_on_the_organisation_page(
    vhs: Organisation, anna: User, carla: User
) -> None:
    offers_mediation(carla)
    services.organisation_update(
        organisation=vhs,
        user=anna,
        gaps="Wir suchen Kursleitungen für Mediation und Konfliktmoderation.",
    )
    names = [m.profile.user for m in fit.freelancers_for_gaps(organisation=vhs, user=anna)]
    assert carla in names
    assert anna not in names  # members are not suggested to their own organisation
    client = Client()
    client.force_login(anna)
    page = client.get(reverse("organisations:detail", args=[vhs.pk])).content.decode()
    assert "Carla Conrad" in page


def test_organisation_whose_gap_matches_my_offer_appears_for_me(
    vhs: Organisation, anna: User, carla: User
) -> None:
    offers_mediation(carla)
    services.organisation_update(
        organisation=vhs, user=anna, gaps="Uns fehlen Angebote zu Mediation und Konfliktlösung."
    )
    other = services.organisation_create(
        user=anna, name="Sprachschule Nord", gaps="Wir suchen Lehrkräfte für Spanisch."
    )
    matches = fit.organisations_for_freelancer(user=carla)
    assert [m.organisation for m in matches][:1] == [vhs]
    assert other not in [m.organisation for m in matches]
    client = Client()
    client.force_login(carla)
    page = client.get(reverse("organisations:list")).content.decode()
    assert "Volkshochschule Kassel" in page


def test_no_gaps_no_suggestions(vhs: Organisation, anna: User) -> None:
    assert fit.freelancers_for_gaps(organisation=vhs, user=anna) == []


def test_someone_looking_for_space_sees_organisations_with_rooms_nearby(
    anna: User, carla: User
) -> None:
    Profile.objects.filter(user=carla).update(
        city="Kassel",
        postal_code="34117",
        intents=["space"],
        seeking="Ich suche einen Seminarraum.",
    )
    kassel = services.organisation_create(
        user=anna,
        name="Volkshochschule Kassel",
        city="Kassel",
        rooms="Seminarraum mit 20 Plätzen und Beamer",
    )
    services.organisation_create(user=anna, name="Sprachschule Nord", city="Kassel")
    matches = fit.organisations_with_rooms(user=carla)
    assert [m.organisation for m in matches] == [kassel]
    assert fit.organisations_with_rooms(user=anna) == []  # anna looks for no space
