"""The mail preferences page (moved from the driver with the preferences)."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.notifications.models import NotificationSettings

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_settings_page_starts_with_the_defaults_and_saves(anna) -> None:
    client = _client(anna)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert 'value="daily"' in page and "checked" in page
    response = client.post(reverse("notifications:settings"), {"digest": "weekly"}, follow=True)
    assert "Ihre E-Mail-Einstellungen sind gespeichert." in response.content.decode()
    preferences = NotificationSettings.objects.get(user=anna)
    assert (preferences.digest, preferences.urgent_immediately) == ("weekly", False)


def test_the_settings_refuse_an_unknown_frequency(anna) -> None:
    response = _client(anna).post(reverse("notifications:settings"), {"digest": "hourly"})
    assert response.status_code == 200
    assert "hourly ist keine gültige Auswahl." in response.content.decode()
    assert not NotificationSettings.objects.exists()
