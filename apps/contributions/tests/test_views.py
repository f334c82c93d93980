"""The pages: access (404 for outsiders on every URL), read-only former members,
corrections of one's own entries only, forms with German messages, htmx filters."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.contributions.services import contribution_remove
from apps.contributions.tests.conftest import log
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation

pytestmark = pytest.mark.django_db


def contribution_patterns() -> list[URLPattern]:
    namespace = get_resolver().namespace_dict["contributions"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


def test_every_contributions_url_answers_404_to_an_outsider(
    client: Client, agreed: Cooperation, ben: User, carla: User
) -> None:
    entry = log(agreed, ben, hours="2")
    args = {"pk": agreed.pk, "entry_id": entry.pk}
    client.force_login(carla)
    walked = []
    for pattern in contribution_patterns():
        names = pattern.pattern.regex.groupindex.keys()
        url = reverse(f"contributions:{pattern.name}", kwargs={n: args[n] for n in names})
        assert client.get(url).status_code == 404, pattern.name
        assert client.post(url, {"kind": "hours", "reason": "x" * 5}).status_code == 404
        walked.append(pattern.name)
    assert set(walked) == {"ledger", "new", "detail", "correct", "remove"}
    assert Contribution.objects.count() == 1


def test_an_entry_of_another_cooperation_is_not_found(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    other = cooperation_services.cooperation_create(
        founder=anna, title="Andere", purpose="Etwas anderes gemeinsam tun.", kind="other"
    )
    entry = log(other, anna, hours="1")
    client.force_login(anna)
    url = reverse("contributions:detail", args=[agreed.pk, entry.pk])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client: Client, agreed: Cooperation) -> None:
    response = client.get(reverse("contributions:ledger", args=[agreed.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_ledger_shows_the_balance_and_the_entries(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    log(agreed, anna, hours="10.5", description="Konzept Modul 1")
    log(agreed, ben, "money", amount="1234.5", description="Messestand")
    client.force_login(ben)
    page = client.get(reverse("contributions:ledger", args=[agreed.pk])).content.decode()
    assert 'role="img"' in page and '<title id="bars-title-wide">' in page
    assert "Konzept Modul 1" in page
    assert "10,5 Std." in page  # German decimal comma
    assert "1.234,50\xa0€" in page
    assert "Rückstand" in page
    assert "Beitrag eintragen" in page


def test_the_empty_ledger_invites_the_first_entry(
    client: Client, agreed: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    page = client.get(reverse("contributions:ledger", args=[agreed.pk])).content.decode()
    assert "Noch keine Beiträge eingetragen" in page
    assert '<details class="entry-add" id="neu" open>' in page


def test_a_member_logs_hours_with_a_german_decimal_comma(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    response = client.post(
        reverse("contributions:new", args=[agreed.pk]),
        {
            "kind": "hours",
            "done_on": timezone.localdate().isoformat(),
            "hours": "2,5",
            "description": "Akquise",
        },
    )
    assert response.status_code == 302
    entry = Contribution.objects.get()
    assert (entry.member, entry.hours, entry.description) == (ben, Decimal("2.5"), "Akquise")


def test_invalid_input_is_answered_in_german_next_to_the_field(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("contributions:new", args=[agreed.pk]),
        {"kind": "hours", "done_on": tomorrow, "hours": ""},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["done_on"] == ["Das Datum darf nicht in der Zukunft liegen."]
    assert not Contribution.objects.exists()


def test_a_member_corrects_an_own_entry_and_the_history_shows_both(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    entry = log(agreed, ben, hours="3", description="Workshop")
    client.force_login(ben)
    response = client.post(
        reverse("contributions:correct", args=[agreed.pk, entry.pk]),
        {
            "reason": "Eine Stunde war Pause",
            "kind": "hours",
            "done_on": entry.done_on.isoformat(),
            "hours": "2",
            "description": "Workshop",
        },
    )
    correction = Contribution.objects.get(supersedes=entry)
    assert response["Location"] == reverse("contributions:detail", args=[agreed.pk, correction.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Eine Stunde war Pause" in page
    assert "3 Std." in page and "2 Std." in page
    assert "Geschichte des Eintrags" in page


def test_the_correction_form_starts_from_the_entry(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    entry = log(agreed, ben, "money", amount="49.90", description="Druck")
    client.force_login(ben)
    response = client.get(reverse("contributions:correct", args=[agreed.pk, entry.pk]))
    form = response.context["form"]
    assert form.initial["amount"] == Decimal("49.90") and form.initial["kind"] == "money"
    assert 'value="49,90"' in response.content.decode()


def test_members_cannot_correct_or_remove_the_entries_of_others(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    entry = log(agreed, ben, hours="3")
    client.force_login(anna)
    detail = reverse("contributions:detail", args=[agreed.pk, entry.pk])
    page = client.get(detail).content.decode()
    assert "Korrigieren" not in page
    for name in ("correct", "remove"):
        url = reverse(f"contributions:{name}", args=[agreed.pk, entry.pk])
        response = client.post(
            url,
            {"reason": "Das stimmt nicht", "kind": "hours", "done_on": "2026-01-01", "hours": "1"},
        )
        assert response.status_code == 302 and response["Location"] == detail
    assert Contribution.objects.count() == 1


def test_removing_asks_for_confirmation_and_a_reason(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    entry = log(agreed, ben, hours="3")
    client.force_login(ben)
    url = reverse("contributions:remove", args=[agreed.pk, entry.pk])
    assert "Eintrag entfernen?" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 200
    assert Contribution.objects.count() == 1
    client.post(url, {"reason": "Doppelt eingetragen"})
    assert Contribution.objects.current().get().removed


def test_an_outdated_version_cannot_be_corrected_again(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    entry = log(agreed, ben, hours="3")
    contribution_remove(contribution=entry, user=ben, reason="Doppelt eingetragen")
    client.force_login(ben)
    response = client.get(reverse("contributions:correct", args=[agreed.pk, entry.pk]), follow=True)
    assert "inzwischen korrigiert" in response.content.decode()


def test_former_members_read_the_ledger_but_cannot_write(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    entry = log(agreed, ben, hours="3")
    cooperation_services.member_remove(
        cooperation=agreed, by=anna, member=ben, reason="Hat das Projekt verlassen."
    )
    client.force_login(ben)
    page = client.get(reverse("contributions:ledger", args=[agreed.pk]))
    assert page.status_code == 200
    assert "Beitrag eintragen" not in page.content.decode()
    response = client.post(
        reverse("contributions:new", args=[agreed.pk]),
        {"kind": "hours", "done_on": timezone.localdate().isoformat(), "hours": "1"},
        follow=True,
    )
    assert "nur aktuelle Mitglieder" in response.content.decode()
    client.post(
        reverse("contributions:remove", args=[agreed.pk, entry.pk]), {"reason": "Weg damit"}
    )
    assert Contribution.objects.count() == 1


def test_an_ended_cooperation_is_read_only(client: Client, agreed: Cooperation, ben: User) -> None:
    log(agreed, ben, hours="3")
    Cooperation.objects.filter(pk=agreed.pk).update(status="ended")
    client.force_login(ben)
    page = client.get(reverse("contributions:ledger", args=[agreed.pk])).content.decode()
    assert "Beitrag eintragen" not in page and "Korrigieren" not in page
    client.post(
        reverse("contributions:new", args=[agreed.pk]),
        {"kind": "hours", "done_on": date(2026, 1, 1).isoformat(), "hours": "1"},
    )
    assert Contribution.objects.count() == 1


def test_the_ledger_filters_by_member_and_kind_and_htmx_gets_only_the_list(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    log(agreed, anna, hours="1", description="Anna-Stunde")
    log(agreed, ben, hours="2", description="Ben-Stunde")
    log(agreed, ben, "money", amount="5", description="Ben-Geld")
    client.force_login(anna)
    url = reverse("contributions:ledger", args=[agreed.pk])
    response = client.get(
        url,
        {"mitglied": ben.pk, "art": "hours"},
        headers={"HX-Request": "true", "HX-Target": "eintraege"},
    )
    text = response.content.decode()
    assert "Ben-Stunde" in text and "Ben-Geld" not in text and "Anna-Stunde" not in text
    assert "<html" not in text and 'id="eintraege"' in text
    assert (
        "Keine Einträge zu diesem Filter" in client.get(url, {"art": "referral"}).content.decode()
    )
    # Nonsense filters are ignored rather than failing.
    assert client.get(url, {"mitglied": "x", "art": "gift", "tage": "7"}).status_code == 200


def test_the_window_can_be_chosen(client: Client, agreed: Cooperation, anna: User) -> None:
    client.force_login(anna)
    response = client.get(reverse("contributions:ledger", args=[agreed.pk]), {"tage": "30"})
    assert response.context["days"] == 30
    assert "Bilanz der letzten 30 Tage" in response.content.decode()


def test_the_cooperation_navigation_links_the_contributions(
    client: Client, agreed: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    page = client.get(reverse("cooperations:detail", args=[agreed.pk])).content.decode()
    assert reverse("contributions:ledger", args=[agreed.pk]) in page


def test_the_charts_are_accessible_svg_with_a_table_as_text_alternative(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    log(agreed, anna, hours="4")
    client.force_login(anna)
    response = client.get(reverse("contributions:ledger", args=[agreed.pk]))
    page = response.content.decode()
    # Two charts, each in a wide and a phone layout (a media query shows one of them).
    assert page.count('role="img"') == 4
    assert 'aria-labelledby="bars-title-wide bars-desc-wide"' in page
    assert 'aria-labelledby="lines-title-wide lines-desc-wide"' in page
    description = response.context["bar_chart"].description
    assert f"{ben.name}: zugesagt 0,2 Std., geleistet 0 Std., Rückstand 0,2 Std." in description
    assert f'<desc id="bars-desc-wide">{anna.name}: zugesagt' in page
    assert "<caption>Stunden je Mitglied</caption>" in page
    # No inline styles or scripts: the CSP forbids them.
    assert "style=" not in page and "<script>" not in page
