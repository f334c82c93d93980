"""Personal access tokens: stored hashed and shown once, scoped, revocable, counted
per token in the cache (429 problem+json), and their settings page."""

import hashlib
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.api import services
from apps.api.models import AccessToken, TokenScope
from apps.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_only_the_hash_of_the_secret_is_stored(anna: User) -> None:
    created = services.token_create(user=anna, name="Kalender", scope=TokenScope.READ)
    token = AccessToken.objects.get()
    assert created.secret.startswith("ww_") and len(created.secret) > 40
    assert token.token_hash == hashlib.sha256(created.secret.encode()).hexdigest()
    assert created.secret not in {token.token_hash, token.prefix, token.name}
    assert created.secret.startswith(token.prefix)


def test_a_token_acts_for_its_owner_and_notes_when_it_was_used(anna: User) -> None:
    created = services.token_create(user=anna, name="Skript", scope=TokenScope.READ)
    response = ApiClient(created.secret).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["email"] == anna.email
    created.token.refresh_from_db()
    assert created.token.last_used_at is not None


def test_a_revoked_token_stops_working_at_once(anna: User) -> None:
    created = services.token_create(user=anna, name="Alt", scope=TokenScope.READ_WRITE)
    services.token_revoke(token=created.token, user=anna)
    response = ApiClient(created.secret).get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_token_of_a_deactivated_account_stops_working(anna: User) -> None:
    created = services.token_create(user=anna, name="Alt", scope=TokenScope.READ)
    User.objects.filter(pk=anna.pk).update(is_active=False)
    assert ApiClient(created.secret).get("/api/v1/me").status_code == 401


def test_nobody_revokes_someone_elses_token(anna: User, ben: User) -> None:
    created = services.token_create(user=anna, name="Annas", scope=TokenScope.READ)
    with pytest.raises(ValidationError):
        services.token_revoke(token=created.token, user=ben)
    assert AccessToken.objects.get().is_active


def test_a_token_needs_a_name_and_a_known_scope(anna: User) -> None:
    with pytest.raises(ValidationError):
        services.token_create(user=anna, name="  ", scope=TokenScope.READ)
    with pytest.raises(ValidationError):
        services.token_create(user=anna, name="X", scope="admin")


def test_too_many_requests_with_one_token_get_429_problem_json(
    anna: User, ben: User, settings: Any
) -> None:
    settings.API_RATE_LIMIT = "3/m/key"
    annas = ApiClient(services.token_create(user=anna, name="A", scope="read").secret)
    bens = ApiClient(services.token_create(user=ben, name="B", scope="read").secret, "en")
    for _ in range(3):
        assert annas.get("/api/v1/me").status_code == 200
    refused = annas.get("/api/v1/me")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["title"] == "Zu viele Anfragen"
    # Each token has its own counter: ben is not slowed down by anna's script.
    assert bens.get("/api/v1/me").status_code == 200


def test_the_settings_page_shows_a_new_secret_once(client: Client, anna: User) -> None:
    client.force_login(anna)
    url = reverse("api-tokens:list")
    page = client.get(url)
    assert "Sie haben noch keinen Schlüssel angelegt." in page.content.decode()
    response = client.post(url, {"name": "Kalender-Abgleich", "scope": "read"})
    body = response.content.decode()
    token = AccessToken.objects.get()
    assert "nur dieses eine Mal angezeigt" in body
    assert response["Cache-Control"] == "no-store"
    secret = body.split('id="new-secret" type="text" readonly value="')[1].split('"')[0]
    assert hashlib.sha256(secret.encode()).hexdigest() == token.token_hash
    again = client.get(url).content.decode()
    assert secret not in again and f"{token.prefix}…" in again and "Nur lesen" in again


def test_the_settings_page_says_what_is_missing(client: Client, anna: User) -> None:
    client.force_login(anna)
    response = client.post(reverse("api-tokens:list"), {"name": "", "scope": "read"})
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not AccessToken.objects.exists()


def test_revoking_asks_first_and_then_revokes(client: Client, anna: User) -> None:
    created = services.token_create(user=anna, name="Skript", scope=TokenScope.READ)
    client.force_login(anna)
    url = reverse("api-tokens:revoke", args=[created.token.pk])
    assert "Schlüssel widerrufen?" in client.get(url).content.decode()
    assert AccessToken.objects.get().is_active
    response = client.post(url, follow=True)
    assert "ist widerrufen" in response.content.decode()
    assert not AccessToken.objects.get().is_active


def test_the_tokens_of_others_are_not_found(client: Client, anna: User, ben: User) -> None:
    created = services.token_create(user=anna, name="Annas", scope=TokenScope.READ)
    client.force_login(ben)
    url = reverse("api-tokens:revoke", args=[created.token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert AccessToken.objects.get().is_active
    assert "Annas" not in client.get(reverse("api-tokens:list")).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    response = client.get(reverse("api-tokens:list"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_data_export_lists_tokens_without_secrets(anna: User) -> None:
    from apps.base.data_export import user_data_export

    created = services.token_create(user=anna, name="Skript", scope=TokenScope.READ)
    exported = user_data_export(anna)["api_tokens"]
    assert [t["name"] for t in exported] == ["Skript"]
    text = str(exported)
    assert created.secret not in text and created.token.token_hash not in text


def test_deleting_the_account_deletes_its_tokens(anna: User) -> None:
    from apps.base.erasure import erase_personal_data

    services.token_create(user=anna, name="Skript", scope=TokenScope.READ)
    erase_personal_data(anna)
    assert not AccessToken.objects.exists()
