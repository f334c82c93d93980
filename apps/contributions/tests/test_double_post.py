"""A double click on "Eintragen" logs one contribution, not two."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.cooperations.models import Cooperation

pytestmark = pytest.mark.django_db


def entry(token: str, hours: str = "2") -> dict[str, str]:
    today = timezone.localdate().isoformat()
    return {"kind": "hours", "done_on": today, "hours": hours, "once_token": token}


def token_on_form(client: Client, cooperation: Cooperation) -> str:
    page = client.get(reverse("contributions:new", args=[cooperation.pk])).content.decode()
    found = re.search(r'name="once_token" value="([0-9a-f]{32})"', page)
    assert found, "the form carries a one-time token"
    return found.group(1)


def test_the_same_entry_sent_twice_is_logged_once(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    token = token_on_form(client, agreed)
    url = reverse("contributions:new", args=[agreed.pk])
    first = client.post(url, entry(token))
    second = client.post(url, entry(token))
    assert Contribution.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


def test_a_refused_entry_can_be_corrected_with_the_same_token(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    token = token_on_form(client, agreed)
    url = reverse("contributions:new", args=[agreed.pk])
    assert client.post(url, entry(token, hours="")).status_code == 200
    assert client.post(url, entry(token)).status_code == 302
    assert Contribution.objects.count() == 1


def test_two_forms_log_two_entries_and_tokens_are_per_person(
    client: Client, agreed: Cooperation, anna: User, ben: User
) -> None:
    url = reverse("contributions:new", args=[agreed.pk])
    client.force_login(ben)
    token = token_on_form(client, agreed)
    client.post(url, entry(token))
    client.post(url, entry(token_on_form(client, agreed)))
    client.force_login(anna)
    client.post(url, entry(token))  # another person's token holds nothing for anna
    assert Contribution.objects.filter(member=ben).count() == 2
    assert Contribution.objects.filter(member=anna).count() == 1
