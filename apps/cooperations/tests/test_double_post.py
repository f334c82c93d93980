"""A double click on "Kooperation anlegen" founds one cooperation, not two."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation


def token_on_form(client: Client) -> str:
    page = client.get(reverse("cooperations:new")).content.decode()
    found = re.search(r'name="once_token" value="([0-9a-f]{32})"', page)
    assert found, "the form carries a one-time token"
    return found.group(1)


def data(token: str, **extra: str) -> dict[str, str]:
    kind = Cooperation._meta.get_field("kind").choices[0][0]  # type: ignore[index]
    return {
        "title": "Team-Tage Süd",
        "purpose": "Workshops",
        "kind": kind,
        "once_token": token,
        **extra,
    }


@pytest.mark.django_db
def test_the_same_form_sent_twice_founds_one_cooperation(client: Client, carla: User) -> None:
    client.force_login(carla)
    token = token_on_form(client)
    first = client.post(reverse("cooperations:new"), data(token))
    second = client.post(reverse("cooperations:new"), data(token))
    assert Cooperation.objects.filter(title="Team-Tage Süd").count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


@pytest.mark.django_db
def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(
    client: Client, carla: User
) -> None:
    client.force_login(carla)
    token = token_on_form(client)
    refused = client.post(reverse("cooperations:new"), data(token, title=""))
    assert refused.status_code == 200
    assert refused.context["once_token"] == token
    client.post(reverse("cooperations:new"), data(token))
    assert Cooperation.objects.filter(title="Team-Tage Süd").count() == 1


@pytest.mark.django_db
def test_a_new_form_founds_a_second_cooperation(client: Client, carla: User) -> None:
    client.force_login(carla)
    client.post(reverse("cooperations:new"), data(token_on_form(client)))
    client.post(reverse("cooperations:new"), data(token_on_form(client)))
    assert Cooperation.objects.filter(title="Team-Tage Süd").count() == 2


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite's shared in-memory test database locks tables"
)
@pytest.mark.django_db(transaction=True)
def test_four_parallel_posts_of_one_form_found_one_cooperation(carla: User) -> None:
    setup = Client()
    setup.force_login(carla)
    token = token_on_form(setup)
    answers: list[int] = []

    def send() -> None:
        client = Client()
        client.force_login(carla)
        try:
            answers.append(client.post(reverse("cooperations:new"), data(token)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302] * 4
    assert Cooperation.objects.filter(title="Team-Tage Süd").count() == 1
