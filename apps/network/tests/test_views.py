from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from apps.accounts.models import User
from apps.network import urls as network_urls
from apps.network.models import Connection, ContactRequest, ContactRequestStatus
from apps.network.services import (
    DAILY_REQUEST_LIMIT,
    ask_close,
    ask_create,
    block_user,
    contact_request_send,
)
from apps.profiles.models import Visibility
from tests.factories import connect

pytestmark = pytest.mark.django_db

Purpose = Callable[[int], str]
HTMX = {"HX-Request": "true"}


def test_anonymous_visitors_are_sent_to_login(client: Client) -> None:
    response = client.get(reverse("network:connections"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_connections_page_shows_empty_states(client: Client, anna: User) -> None:
    client.force_login(anna)
    content = client.get(reverse("network:connections")).content.decode()
    assert "Keine offenen Anfragen an Sie." in content
    assert "Sie haben keine offenen Anfragen gesendet." in content
    assert "Noch keine Verbindungen." in content


def test_connections_page_lists_connections_and_requests_both_ways(
    client: Client, anna: User, ben: User, carla: User, strangers: list[User], purpose: Purpose
) -> None:
    connect(anna, ben)
    contact_request_send(sender=carla, recipient=anna, purpose=purpose(1))
    contact_request_send(sender=anna, recipient=strangers[0], purpose=purpose(2))
    client.force_login(anna)
    content = client.get(reverse("network:connections")).content.decode()
    assert "Ben Brückner" in content
    assert "Anfrage von Carla Conrad" in content
    assert f"Anfrage an {strangers[0].name}" in content
    assert purpose(1) in content
    assert 'aria-live="polite"' in content


def test_connections_are_paginated_by_25(
    client: Client, anna: User, strangers: list[User], add_people
) -> None:
    add_people(20, seed=7)
    others = User.objects.exclude(pk=anna.pk).order_by("pk")[:30]
    for other in others:
        connect(anna, other)
    client.force_login(anna)
    first = client.get(reverse("network:connections"))
    assert len(first.context["page"].object_list) == 25
    assert "Seite 1 von 2" in first.content.decode()
    second = client.get(reverse("network:connections"), {"seite": 2})
    assert len(second.context["page"].object_list) == 5


def test_request_form_explains_the_purpose_and_shows_the_remaining_quota(
    client: Client, anna: User, ben: User, carla: User, purpose: Purpose
) -> None:
    contact_request_send(sender=anna, recipient=carla, purpose=purpose(1))
    client.force_login(anna)
    content = client.get(reverse("network:request-new", args=[ben.pk])).content.decode()
    assert '<label for="id_purpose">Worum geht es konkret?</label>' in content
    assert "Zum Beispiel" in content
    assert f"noch {DAILY_REQUEST_LIMIT - 1} Anfragen" in content


def test_sending_a_request_through_the_form(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    client.force_login(anna)
    response = client.post(
        reverse("network:request-new", args=[ben.pk]), {"purpose": purpose(1)}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("network:connections")
    assert "Ihre Anfrage an Ben Brückner ist unterwegs." in response.content.decode()
    assert ContactRequest.objects.filter(sender=anna, recipient=ben).exists()


def test_a_short_purpose_is_shown_as_a_field_error(client: Client, anna: User, ben: User) -> None:
    client.force_login(anna)
    response = client.post(reverse("network:request-new", args=[ben.pk]), {"purpose": "Hallo!"})
    assert response.status_code == 200
    assert "mindestens 40 Zeichen" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_hidden_profile_or_a_user_without_profile_cannot_be_contacted(
    client: Client, anna: User, ben: User
) -> None:
    ben.profile.visibility = Visibility.HIDDEN
    ben.profile.save()
    no_profile = User.objects.create_user("ohne@example.org", "x", name="Ohne Profil")
    client.force_login(anna)
    for user_id in (ben.pk, no_profile.pk, 999_999):
        assert client.get(reverse("network:request-new", args=[user_id])).status_code == 404


def test_recipient_accepts_in_one_click_without_javascript(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    client.force_login(anna)
    response = client.post(reverse("network:request-accept", args=[request.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("network:connections")
    assert "Sie sind jetzt mit Ben Brückner verbunden." in response.content.decode()
    assert Connection.objects.count() == 1


def test_recipient_accepts_with_htmx_and_gets_the_row_back(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    client.force_login(anna)
    response = client.post(reverse("network:request-accept", args=[request.pk]), headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<!DOCTYPE" not in content
    assert content.strip().startswith(f'<article class="request-row" id="request-{request.pk}"')
    assert "Sie sind jetzt mit Ben Brückner verbunden." in content
    assert "angenommen" in content
    assert "Annehmen</button>" not in content
    assert Connection.objects.count() == 1


def test_accepting_an_answered_request_with_htmx_explains_why(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    client.force_login(anna)
    client.post(reverse("network:request-decline", args=[request.pk]))
    response = client.post(reverse("network:request-accept", args=[request.pk]), headers=HTMX)
    assert "nicht mehr offen" in response.content.decode()
    assert not Connection.objects.exists()


def test_recipient_declines_with_htmx(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    client.force_login(anna)
    response = client.post(reverse("network:request-decline", args=[request.pk]), headers=HTMX)
    assert "abgelehnt" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.DECLINED


def test_sender_withdraws_with_htmx(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    client.force_login(anna)
    response = client.post(reverse("network:request-withdraw", args=[request.pk]), headers=HTMX)
    assert "zurückgezogen" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.WITHDRAWN


def test_sender_cannot_accept_their_own_request_and_gets_404(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    client.force_login(anna)
    assert client.post(reverse("network:request-accept", args=[request.pk])).status_code == 404
    assert client.post(reverse("network:request-decline", args=[request.pk])).status_code == 404
    assert not Connection.objects.exists()


def test_answering_a_request_needs_post(
    client: Client, anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    client.force_login(anna)
    assert client.get(reverse("network:request-accept", args=[request.pk])).status_code == 405
    assert not Connection.objects.exists()


def test_every_network_view_gives_404_to_a_non_party(
    client: Client, anna: User, ben: User, carla: User, purpose: Purpose
) -> None:
    # Anna and Ben's objects, seen by Carla. A new URL pattern with an id must be
    # added here, so nobody forgets the access check.
    request = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    connect(anna, ben)
    block_user(blocker=anna, blocked=ben)
    closed_ask = ask_create(author=anna, title="Geschlossen", description="Schon erledigt.")
    ask_close(ask=closed_ask, user=anna)
    open_ask = ask_create(author=anna, title="Offen", description="Noch zu vergeben.")
    hidden = User.objects.create_user("versteckt@example.org", "x", name="Versteckt")
    foreign_ids = {
        "request-new": hidden.pk,  # no profile
        "request-accept": request.pk,
        "request-decline": request.pk,
        "request-withdraw": request.pk,
        "connection-remove": ben.pk,  # Carla is not connected with Ben
        "block": hidden.pk,  # unknown to Carla, not visible
        "unblock": ben.pk,  # Carla blocked nobody
        "ask-detail": closed_ask.pk,
        "ask-close": open_ask.pk,
    }
    patterns = [p for p in network_urls.urlpatterns if isinstance(p, URLPattern)]
    with_ids = {p.name for p in patterns if p.pattern.converters}
    assert with_ids == set(foreign_ids)
    client.force_login(carla)
    for name, pk in foreign_ids.items():
        pattern = next(p for p in patterns if p.name == name)
        (argument,) = pattern.pattern.converters
        url = reverse(f"network:{name}", kwargs={argument: pk})
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url).status_code == 404, name
        assert client.post(url, headers=HTMX).status_code == 404, name
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.WITHDRAWN  # by Anna's block, not by Carla
    open_ask.refresh_from_db()
    assert open_ask.is_open


def test_every_network_view_sends_anonymous_visitors_to_login(client: Client, anna: User) -> None:
    for pattern in network_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {argument: 1 for argument in pattern.pattern.converters}
        response = client.get(reverse(f"network:{pattern.name}", kwargs=kwargs))
        assert response.status_code == 302, pattern.name
        assert response["Location"].startswith(reverse("account_login"))
