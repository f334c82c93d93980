import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.matching import index_store
from apps.profiles.models import Profile, Visibility

pytestmark = pytest.mark.django_db

VALID = {
    "headline": "Podcast-Produktion für Trainerinnen",
    "about": "Ich produziere Podcasts.",
    "competences": "Audioproduktion\nPodcast-Schnitt",
    "offers": "Podcast-Produktion, Schnitt",
    "target_groups": "Trainer\nCoaches",
    "industries": "Bildung",
    "city": "Köln",
    "postal_code": "50667",
    "remote": "on",
    "formats": ["online"],
    "languages": "de, en",
    "hours_per_month": "12",
    "seeking": "Ich suche Trainerinnen mit Inhalten für einen Podcast.",
    "intents": ["complement"],
    "visibility": Visibility.MEMBERS,
}


def test_new_user_creates_a_profile_and_lists_are_split_per_line(client: Client, db: None) -> None:
    user = User.objects.create_user("paul@example.org", "x", name="Paul Peters")
    client.force_login(user)
    response = client.post(reverse("profiles:edit"), VALID, follow=True)
    assert "Ihr Profil ist gespeichert" in response.content.decode()
    profile = Profile.objects.get(user=user)
    assert profile.competences == ["Audioproduktion", "Podcast-Schnitt"]
    assert profile.offers == ["Podcast-Produktion", "Schnitt"]
    assert profile.languages == ["de", "en"]
    assert profile.completeness() == 100


def test_bad_input_gets_german_messages_and_saves_nothing(client: Client, db: None) -> None:
    user = User.objects.create_user("paul@example.org", "x", name="Paul Peters")
    client.force_login(user)
    bad = {**VALID, "postal_code": "5O667", "languages": "deutsch", "hours_per_month": "500"}
    response = client.post(reverse("profiles:edit"), bad)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Postleitzahl mit 4 oder 5 Ziffern" in content
    assert "zweistellige Sprachkürzel" in content
    assert "160 Stunden" in content
    assert not Profile.objects.filter(user=user).exists()


def test_unknown_city_is_reported_not_guessed(client: Client, db: None) -> None:
    user = User.objects.create_user("paul@example.org", "x", name="Paul Peters")
    client.force_login(user)
    response = client.post(
        reverse("profiles:edit"), {**VALID, "city": "Atlantisstadt", "postal_code": ""}, follow=True
    )
    assert "Den Ort „Atlantisstadt“ kennen wir nicht" in response.content.decode()
    assert Profile.objects.get(user=user).city == "Atlantisstadt"


def test_profile_edit_updates_the_match_index_without_a_rebuild(
    client: Client, anna: User, ben: User, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    index = index_store.get_index()
    assert str(ben.pk) in {s.profile_id for s in index.suggest(str(anna.pk), "complement", k=50)}

    def no_rebuild() -> None:
        raise AssertionError("a profile edit must not rebuild the whole index")

    monkeypatch.setattr(index_store, "build_from_database", no_rebuild)
    client.force_login(ben)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("profiles:edit"), {**VALID, "visibility": Visibility.HIDDEN})
    assert len(callbacks) == 1  # one task for the one changed profile
    suggestions = index_store.get_index().suggest(str(anna.pk), "complement", k=50)
    assert str(ben.pk) not in {s.profile_id for s in suggestions}


def test_hidden_profile_answers_404_to_others(client: Client, anna: User, carla: User) -> None:
    Profile.objects.filter(user=carla).update(visibility=Visibility.HIDDEN)
    client.force_login(anna)
    assert client.get(reverse("profiles:detail", args=[carla.pk])).status_code == 404
    client.force_login(carla)
    assert client.get(reverse("profiles:detail", args=[carla.pk])).status_code == 200


def test_vocabulary_suggests_terms_for_the_line_being_typed(client: Client, anna: User) -> None:
    client.force_login(anna)
    response = client.get(
        reverse("profiles:terms"),
        {"field": "competences", "competences": "Moderation\nOrganisationsent"},
    )
    assert "Organisationsentwicklung" in response.content.decode()
