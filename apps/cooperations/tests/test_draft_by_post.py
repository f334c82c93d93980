"""Opening the draft page starts nothing: a draft begins with the button (POST)."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import AgreementVersion, Cooperation

pytestmark = pytest.mark.django_db


def test_a_get_on_the_draft_page_creates_no_draft(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    response = client.get(reverse("cooperations:agreement-draft", args=[cooperation.pk]))
    assert response.status_code == 200
    assert "Entwurf beginnen" in response.content.decode()
    assert not AgreementVersion.objects.filter(cooperation=cooperation).exists()


def test_the_button_starts_the_draft_and_opens_it(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    url = reverse("cooperations:agreement-draft", args=[cooperation.pk])
    response = client.post(url, {"start": "1"})
    assert response.status_code == 302
    assert response["Location"] == url
    assert AgreementVersion.objects.filter(cooperation=cooperation).count() == 1
    page = client.get(url)
    assert "Entwurf der Vereinbarung" in page.content.decode()
    assert "Entwurf beginnen" not in page.content.decode()
    client.post(url, {"start": "1"})  # a second click starts no second draft
    assert AgreementVersion.objects.filter(cooperation=cooperation).count() == 1
