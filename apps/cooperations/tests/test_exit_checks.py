"""Apps name what is still open before an exit; the exit page shows it."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.exit_checks import exit_checks, open_items
from apps.cooperations.models import Cooperation
from tests.factories import end

pytestmark = pytest.mark.django_db


def test_a_registered_check_names_its_open_items_on_the_exit_page(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    def open_keys(coop: Cooperation) -> str | None:
        return f"Schlüssel: 2 Schlüssel von „{coop.title}“ sind nicht zurückgegeben."

    with exit_checks.registered("test_keys", open_keys):
        assert open_keys(cooperation) in open_items(cooperation)
        client.force_login(anna)
        page = client.get(reverse("cooperations:exit", args=[cooperation.pk])).content.decode()
        assert "Noch offen vor dem Ausstieg" in page
        assert "2 Schlüssel von" in page


def test_nothing_open_shows_nothing_and_an_ended_cooperation_asks_no_checks(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    url = reverse("cooperations:exit", args=[cooperation.pk])
    assert "Noch offen vor dem Ausstieg" not in client.get(url).content.decode()
    end(cooperation, anna)
    with exit_checks.registered("test_always", lambda coop: "Immer offen"):
        assert "Immer offen" not in client.get(url).content.decode()
