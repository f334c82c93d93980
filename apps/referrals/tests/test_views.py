"""The referral pages: access, lists, the form with consent, actions and the partner search."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from apps.accounts.models import User
from apps.referrals import urls as referral_urls
from apps.referrals.models import Referral, ReferralEvent, ReferralStatus
from apps.referrals.services import consent_text_for, referral_accept, referral_mark_won
from apps.referrals.tests.conftest import consent_of, offer, referral_in
from tests.factories import connect

pytestmark = pytest.mark.django_db

S = ReferralStatus
HTMX = {"HX-Request": "true"}
USER_SCOPED = {"list", "create", "find", "balance", "export"}


def _form(receiver: User, **extra: str) -> dict[str, str]:
    data = {
        "receiver": str(receiver.pk),
        "client_label": "Stadtwerke, Abteilung Personalentwicklung",
        "need": "Zweitägiges Führungskräftetraining im Mai, 12 Personen",
        "expected_value": "4.800,00",
    }
    data.update(extra)
    return data


# Access -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_login(client: Client) -> None:
    response = client.get(reverse("referrals:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_every_referral_url_answers_404_to_people_outside_the_referral(
    client: Client, partners: tuple[User, User], carla: User
) -> None:
    anna, ben = partners
    referral = offer(anna, ben, client_name="Doris Demir", consent=consent_of(anna))
    patterns = [p for p in referral_urls.urlpatterns if isinstance(p, URLPattern)]
    with_pk = [p for p in patterns if "pk" in p.pattern.converters]
    # Every other page lists or creates only the user's own referrals (tested below).
    assert {p.name for p in patterns if p not in with_pk} == USER_SCOPED
    client.force_login(carla)
    for pattern in with_pk:
        url = reverse(f"referrals:{pattern.name}", kwargs={"pk": referral.pk})
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"note": "x", "value": "1"}).status_code == 404, url
    # and for the participants, an id that does not exist looks the same
    client.force_login(anna)
    for pattern in with_pk:
        url = reverse(f"referrals:{pattern.name}", kwargs={"pk": referral.pk + 1000})
        assert client.post(url).status_code == 404, url
    referral.refresh_from_db()
    assert referral.status == S.OFFERED
    assert ReferralEvent.objects.count() == 1


def test_the_pages_without_an_id_show_only_the_users_own_referrals(
    client: Client, partners: tuple[User, User], carla: User
) -> None:
    anna, ben = partners
    offer(anna, ben)
    client.force_login(carla)
    for view in ("gegeben", "erhalten"):
        response = client.get(reverse("referrals:list"), {"ansicht": view})
        assert list(response.context["page"].object_list) == []
    assert client.get(reverse("referrals:create"), {"an": anna.pk}).status_code == 404
    assert client.get(reverse("referrals:create"), {"an": "abc"}).status_code == 404


def test_a_participant_taking_the_other_partys_action_is_refused(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    client.force_login(ben)
    assert client.post(reverse("referrals:withdraw", args=[referral.pk])).status_code == 403
    client.force_login(anna)
    assert client.post(reverse("referrals:accept", args=[referral.pk])).status_code == 403
    referral.refresh_from_db()
    assert referral.status == S.OFFERED


# Lists --------------------------------------------------------------------------------


def test_the_list_shows_empty_states_for_both_tabs(client: Client, anna: User) -> None:
    client.force_login(anna)
    received = client.get(reverse("referrals:list")).content.decode()
    assert "Noch keine Empfehlungen erhalten." in received
    given = client.get(reverse("referrals:list"), {"ansicht": "gegeben"}).content.decode()
    assert "Sie haben noch keine Empfehlung gegeben." in given
    filtered = client.get(reverse("referrals:list"), {"status": "won"}).content.decode()
    assert "Keine Empfehlung mit diesem Status." in filtered


def test_the_list_separates_given_and_received_and_filters_by_status(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral_in(anna, ben, S.OFFERED, client_label="Gegeben offen")
    referral_in(anna, ben, S.WON, client_label="Gegeben gewonnen")
    referral_in(ben, anna, S.ACCEPTED, client_label="Erhalten angenommen")
    client.force_login(anna)
    received = client.get(reverse("referrals:list")).content.decode()
    assert "Erhalten angenommen" in received
    assert "Gegeben offen" not in received
    assert "1 offen" in received  # the tab counts what waits for anna
    given = client.get(reverse("referrals:list"), {"ansicht": "gegeben"}).content.decode()
    assert "Gegeben offen" in given and "Gegeben gewonnen" in given
    assert "Erhalten angenommen" not in given
    won = client.get(reverse("referrals:list"), {"ansicht": "gegeben", "status": "won"})
    assert [r.client_label for r in won.context["page"].object_list] == ["Gegeben gewonnen"]


def test_the_list_is_paginated_by_20(client: Client, partners: tuple[User, User]) -> None:
    anna, ben = partners
    for _ in range(23):
        referral_in(ben, anna, S.OFFERED)
    client.force_login(anna)
    first = client.get(reverse("referrals:list"))
    assert len(first.context["page"].object_list) == 20
    assert "Seite 1 von 2" in first.content.decode()
    second = client.get(reverse("referrals:list"), {"seite": 2})
    assert len(second.context["page"].object_list) == 3


def test_the_giver_sees_a_won_value_in_the_list_only_when_shared(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral_in(anna, ben, S.WON, won_value=Decimal("1234.50"), value_shared=False)
    client.force_login(anna)
    content = client.get(reverse("referrals:list"), {"ansicht": "gegeben"}).content.decode()
    assert "1.234,50" not in content
    assert "nicht geteilt" in content
    client.force_login(ben)
    assert "1.234,50\xa0€" in client.get(reverse("referrals:list")).content.decode()


# Giving through the form --------------------------------------------------------------


def test_the_form_is_prefilled_with_the_receiver_and_the_need(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    client.force_login(anna)
    response = client.get(reverse("referrals:create"), {"an": ben.pk, "bedarf": "Teamtag"})
    assert response.context["form"].initial["receiver"] == ben
    content = response.content.decode()
    assert "Empfehlung an Ben Brückner" in content
    assert f'<option value="{ben.pk}" selected>' in content
    assert "Teamtag</textarea>" in content
    assert consent_text_for(giver=anna) in content


def test_the_form_offers_only_people_from_the_network(
    client: Client, partners: tuple[User, User], carla: User
) -> None:
    anna, _ben = partners
    client.force_login(anna)
    response = client.post(reverse("referrals:create"), _form(carla))
    assert response.status_code == 200
    assert "receiver" in response.context["form"].errors
    assert not Referral.objects.exists()


def test_someone_without_connections_is_sent_to_find_partners(client: Client, carla: User) -> None:
    client.force_login(carla)
    content = client.get(reverse("referrals:create")).content.decode()
    assert "Sie haben noch keine Verbindungen." in content


def test_giving_an_anonymous_referral_through_the_form(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    client.force_login(anna)
    response = client.post(reverse("referrals:create"), _form(ben), follow=True)
    referral = Referral.objects.get()
    assert response.redirect_chain[-1][0] == reverse("referrals:detail", args=[referral.pk])
    assert "Ihre Empfehlung an Ben Brückner ist unterwegs." in response.content.decode()
    assert referral.expected_value == Decimal("4800.00")
    assert not referral.has_contact_data


@pytest.mark.parametrize(
    "contact",
    [
        {"client_name": "Doris Demir"},
        {"client_email": "doris@example.org"},
        {"client_phone": "0221 1234567"},
    ],
)
def test_the_form_refuses_contact_data_without_consent(
    client: Client, partners: tuple[User, User], contact: dict[str, str]
) -> None:
    anna, ben = partners
    client.force_login(anna)
    response = client.post(reverse("referrals:create"), _form(ben, **contact))
    assert response.status_code == 200
    assert "nur mit Einwilligung" in response.context["form"].errors["consent"][0]
    assert "Kontaktdaten dürfen Sie nur mit Einwilligung" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_form_needs_who_and_when_for_a_consent(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    client.force_login(anna)
    data = _form(ben, client_email="doris@example.org", consent="on", consented_on="")
    response = client.post(reverse("referrals:create"), data)
    errors = response.context["form"].errors
    assert set(errors) == {"consent_given_by", "consented_on"}
    assert not Referral.objects.exists()


def test_contact_data_with_consent_is_stored_with_the_text_the_form_showed(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    client.force_login(anna)
    shown = client.get(reverse("referrals:create")).context["consent_text"]
    data = _form(
        ben,
        client_name="Doris Demir",
        client_email="doris@example.org",
        consent="on",
        consent_given_by="Doris Demir",
        consented_on="2026-01-05",
    )
    client.post(reverse("referrals:create"), data)
    referral = Referral.objects.get()
    assert referral.consent_text == shown
    assert referral.consent_given_by == "Doris Demir"
    assert str(referral.consented_on) == "2026-01-05"


def test_a_phone_number_in_the_need_is_shown_as_a_field_error(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    client.force_login(anna)
    response = client.post(
        reverse("referrals:create"), _form(ben, need="Bitte Frau Demir anrufen: 0221 1234567")
    )
    assert "need" in response.context["form"].errors
    assert not Referral.objects.exists()


# Detail and actions -------------------------------------------------------------------


def test_the_receiver_sees_the_contact_data_only_after_accepting(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = offer(anna, ben, client_email="doris@example.org", consent=consent_of(anna))
    client.force_login(ben)
    url = reverse("referrals:detail", args=[referral.pk])
    before = client.get(url).content.decode()
    assert "doris@example.org" not in before
    assert "sobald Sie die Empfehlung annehmen" in before
    response = client.post(reverse("referrals:accept", args=[referral.pk]), follow=True)
    content = response.content.decode()
    assert "Sie haben die Empfehlung von Anna Albrecht angenommen." in content
    assert "doris@example.org" in content
    assert "Einwilligung von Doris Demir" in content
    client.force_login(anna)
    assert "doris@example.org" in client.get(url).content.decode()


def test_the_detail_page_shows_the_history_and_only_the_allowed_actions(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    client.force_login(anna)
    content = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Empfehlung gegeben" in content and "(Anna Albrecht)" in content
    assert reverse("referrals:withdraw", args=[referral.pk]) in content
    assert reverse("referrals:accept", args=[referral.pk]) not in content
    assert "Der nächste Schritt liegt bei Ben Brückner." in content
    assert "Diese Zahlen sehen nur Sie beide." in content
    client.force_login(ben)
    content = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert reverse("referrals:accept", args=[referral.pk]) in content
    assert reverse("referrals:decline", args=[referral.pk]) in content
    assert reverse("referrals:withdraw", args=[referral.pk]) not in content


@pytest.mark.parametrize(
    "name,who,start,end",
    [
        ("decline", "receiver", S.OFFERED, S.DECLINED),
        ("withdraw", "giver", S.OFFERED, S.WITHDRAWN),
        ("lost", "receiver", S.CONTACTED, S.LOST),
    ],
)
def test_closing_actions_ask_for_confirmation_first(
    client: Client, partners: tuple[User, User], name: str, who: str, start: str, end: str
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, start)
    client.force_login(anna if who == "giver" else ben)
    url = reverse(f"referrals:{name}", args=[referral.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'action="{url}"' in page.content.decode()
    referral.refresh_from_db()
    assert referral.status == start
    client.post(url)
    referral.refresh_from_db()
    assert referral.status == end


def test_a_confirmation_for_an_action_no_longer_possible_goes_back_with_a_reason(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.ACCEPTED)
    client.force_login(anna)
    response = client.get(reverse("referrals:withdraw", args=[referral.pk]), follow=True)
    assert "nicht (mehr) möglich" in response.content.decode()


def test_contacted_and_won_with_a_german_amount_and_shared_value(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.ACCEPTED)
    client.force_login(ben)
    client.post(reverse("referrals:contacted", args=[referral.pk]))
    url = reverse("referrals:won", args=[referral.pk])
    form = client.get(url).content.decode()
    assert "Auftragswert mit Anna Albrecht teilen" in form
    response = client.post(url, {"value": "1.500,50", "share_value": "on"}, follow=True)
    assert "Glückwunsch zum Auftrag!" in response.content.decode()
    referral.refresh_from_db()
    assert (referral.status, referral.won_value, referral.value_shared) == (
        S.WON,
        Decimal("1500.50"),
        True,
    )
    client.force_login(anna)
    content = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "1.500,50\xa0€" in content
    assert "Abgeschlossenes Geschäft dank Ihrer Empfehlung." in content


def test_an_unshared_value_stays_hidden_from_the_giver_until_shared(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.CONTACTED)
    referral_mark_won(referral=referral, user=ben, value=Decimal("999"))
    url = reverse("referrals:detail", args=[referral.pk])
    client.force_login(anna)
    assert "999,00" not in client.get(url).content.decode()
    client.force_login(ben)
    content = client.get(url).content.decode()
    assert "999,00\xa0€" in content and "Nur Sie sehen diesen Wert." in content
    client.post(reverse("referrals:share-value", args=[referral.pk]))
    client.force_login(anna)
    assert "999,00\xa0€" in client.get(url).content.decode()


def test_a_won_form_without_value_shows_an_error(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.ACCEPTED)
    client.force_login(ben)
    response = client.post(reverse("referrals:won", args=[referral.pk]), {"value": ""})
    assert response.status_code == 200
    assert "value" in response.context["form"].errors
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED


def test_the_receiver_thanks_the_giver_on_the_detail_page(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    referral_accept(referral=referral, user=ben)
    client.force_login(ben)
    url = reverse("referrals:thank", args=[referral.pk])
    empty = client.post(url, {"note": ""})
    assert empty.status_code == 200 and "note" in empty.context["thank_form"].errors
    client.post(url, {"note": "Danke, Anna – das passt wunderbar!"})
    client.force_login(anna)
    content = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Danke, Anna – das passt wunderbar!" in content


# Who can help: ranked connections -----------------------------------------------------


def test_the_partner_search_ranks_only_connections_with_a_reason_and_links_to_the_form(
    client: Client, anna: User, ben: User, carla: User
) -> None:
    connect(anna, ben)  # ben: outdoor team days; carla (mediation) is not connected
    client.force_login(anna)
    response = client.get(reverse("referrals:find"), {"q": "Outdoor-Teamtag mit Erlebnispädagogik"})
    matches = response.context["matches"]
    assert [m.user for m in matches] == [ben]
    assert matches[0].reason
    content = response.content.decode()
    assert matches[0].reason in content
    assert f"{reverse('referrals:create')}?an={ben.pk}&amp;bedarf=Outdoor" in content
    assert "Carla" not in content


def test_the_partner_search_answers_htmx_with_the_results_only(
    client: Client, anna: User, ben: User
) -> None:
    connect(anna, ben)
    client.force_login(anna)
    response = client.get(reverse("referrals:find"), {"q": "Erlebnispädagogik"}, headers=HTMX)
    content = response.content.decode()
    assert "<!DOCTYPE" not in content
    assert content.strip().startswith('<section id="results" aria-live="polite"')
    assert "Ben Brückner" in content


def test_the_partner_search_without_connections_says_so(client: Client, carla: User) -> None:
    client.force_login(carla)
    content = client.get(reverse("referrals:find"), {"q": "Mediation"}).content.decode()
    assert "Sie haben noch keine Verbindungen." in content
