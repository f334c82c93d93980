import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.network.models import AskFormat
from apps.network.services import ask_close, ask_create

pytestmark = pytest.mark.django_db


def _post_outdoor_ask(author: User, capture) -> int:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        ask = ask_create(
            author=author,
            title="Outdoor-Training für zwei Teamtage",
            description="Ich brauche für eine Klinik in Köln jemanden für Outdoor-Training "
            "und Erlebnispädagogik am zweiten Tag.",
            competences=["Outdoor-Training"],
            city="Köln",
            format=AskFormat.PRAESENZ,
        )
    return ask.pk


def test_an_ask_is_shown_to_the_people_who_fit_and_not_to_others(
    client: Client, anna: User, ben: User, carla: User, django_capture_on_commit_callbacks
) -> None:
    ask_id = _post_outdoor_ask(anna, django_capture_on_commit_callbacks)
    client.force_login(ben)
    board = client.get(reverse("network:asks")).content.decode()
    assert "Diese Gesuche passen zu Ihrem Profil" in board
    client.force_login(carla)
    assert (
        "Diese Gesuche passen zu Ihrem Profil"
        not in client.get(reverse("network:asks")).content.decode()
    )
    client.force_login(anna)
    detail = client.get(reverse("network:ask-detail", args=[ask_id])).content.decode()
    assert ben.name in detail
    assert carla.name not in detail


def test_closing_an_ask_removes_it_from_the_people_it_fitted(
    client: Client, anna: User, ben: User, django_capture_on_commit_callbacks
) -> None:
    ask_id = _post_outdoor_ask(anna, django_capture_on_commit_callbacks)
    from apps.network.models import Ask

    ask_close(ask=Ask.objects.get(pk=ask_id), user=anna)
    client.force_login(ben)
    assert (
        "Diese Gesuche passen zu Ihrem Profil"
        not in client.get(reverse("network:asks")).content.decode()
    )
