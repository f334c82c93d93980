from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.network import selectors
from apps.network.models import Ask, AskFormat, AskStatus
from apps.network.services import ask_close, ask_create

pytestmark = pytest.mark.django_db


def _ask(author: User, title: str = "Co-Moderation Strategietag", **extra: object) -> Ask:
    fields: dict = {"description": "Zwei Tage, 40 Führungskräfte, Köln.", **extra}
    return ask_create(author=author, title=title, **fields)


def test_member_posts_an_ask_through_the_form(client: Client, anna: User) -> None:
    client.force_login(anna)
    due = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("network:ask-new"),
        {
            "title": "Co-Moderation eines Strategietags",
            "description": "Zwei Tage, 40 Führungskräfte, eine Klinik in Köln.",
            "competences": "Moderation, Großgruppen , moderation",
            "city": "Köln",
            "format": AskFormat.PRAESENZ,
            "needed_by": due.isoformat(),
        },
    )
    ask = Ask.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:ask-detail", args=[ask.pk])
    assert ask.author == anna
    assert ask.competences == ["Moderation", "Großgruppen"]
    assert ask.needed_by == due
    assert ask.status == AskStatus.OPEN


def test_an_ask_without_title_shows_a_german_error(client: Client, anna: User) -> None:
    client.force_login(anna)
    response = client.post(reverse("network:ask-new"), {"description": "x", "format": "any"})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.content.decode()
    assert not Ask.objects.exists()


def test_a_deadline_in_the_past_is_refused(anna: User) -> None:
    with pytest.raises(ValidationError) as error:
        _ask(anna, needed_by=date(2000, 1, 1))
    assert "Vergangenheit" in str(error.value)


def test_only_the_author_may_close_an_ask(anna: User, ben: User) -> None:
    ask = _ask(anna)
    with pytest.raises(PermissionDenied):
        ask_close(ask=ask, user=ben)
    ask_close(ask=ask, user=anna)
    ask.refresh_from_db()
    assert ask.status == AskStatus.CLOSED


def test_author_closes_an_ask_through_the_confirmation_page(client: Client, anna: User) -> None:
    ask = _ask(anna)
    client.force_login(anna)
    url = reverse("network:ask-close", args=[ask.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    ask.refresh_from_db()
    assert not ask.is_open


def test_others_get_404_when_closing_an_ask(client: Client, anna: User, ben: User) -> None:
    ask = _ask(anna)
    client.force_login(ben)
    assert client.post(reverse("network:ask-close", args=[ask.pk])).status_code == 404
    ask.refresh_from_db()
    assert ask.is_open


def test_a_closed_ask_leaves_the_board_and_only_its_author_still_sees_it(
    client: Client, anna: User, ben: User
) -> None:
    ask = _ask(anna)
    ask_close(ask=ask, user=anna)
    client.force_login(ben)
    assert ask.title not in client.get(reverse("network:asks")).content.decode()
    assert client.get(reverse("network:ask-detail", args=[ask.pk])).status_code == 404
    client.force_login(anna)
    assert client.get(reverse("network:ask-detail", args=[ask.pk])).status_code == 200


def test_the_board_filters_by_competence_and_city_newest_first(
    anna: User, ben: User, carla: User
) -> None:
    moderation = _ask(anna, competences=["Moderation"], city="Köln")
    mediation = _ask(carla, title="Co-Mediation", competences=["Mediation"], city="Wien")
    outdoor = _ask(ben, title="Outdoor-Tag", competences=["Erlebnispädagogik"], city="Köln")
    assert list(selectors.open_asks()) == [outdoor, mediation, moderation]
    assert list(selectors.open_asks(text="ERLEBNISPÄD")) == [outdoor]
    assert list(selectors.open_asks(city="köln")) == [outdoor, moderation]
    assert list(selectors.open_asks(text="mediation", city="Wien")) == [mediation]
    assert list(selectors.open_asks(exclude_author=ben)) == [mediation, moderation]


def test_the_ask_detail_invites_others_to_send_a_contact_request(
    client: Client, anna: User, ben: User
) -> None:
    ask = _ask(anna)
    client.force_login(ben)
    content = client.get(reverse("network:ask-detail", args=[ask.pk])).content.decode()
    assert reverse("network:request-new", args=[anna.pk]) in content


def test_the_board_shows_an_empty_state(client: Client, anna: User) -> None:
    client.force_login(anna)
    assert "Noch keine offenen Gesuche" in client.get(reverse("network:asks")).content.decode()


def test_an_ask_is_matched_with_people_but_never_its_author_or_anyone_blocked(
    anna: User, ben: User
) -> None:
    from apps.matching import index_store
    from apps.network.models import AskMatch
    from apps.network.services import ask_match_people, block_user

    profile = ben.profile
    ask = _ask(anna, title=profile.headline, description=" ".join(profile.offers))
    index_store.forget()
    ask_match_people(ask_id=ask.pk)
    matched = set(AskMatch.objects.filter(ask=ask).values_list("user_id", flat=True))
    assert ben.pk in matched
    assert anna.pk not in matched

    block_user(blocker=ben, blocked=anna)
    ask_match_people(ask_id=ask.pk)
    assert not AskMatch.objects.filter(ask=ask, user=ben).exists()
