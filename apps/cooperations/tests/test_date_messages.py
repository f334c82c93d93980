"""An agreement that ends before it starts gets a German sentence at the end date, not
the database constraint's name (the issue's "raw constraint text")."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.cooperations.tests.test_agreements import draft_post

pytestmark = pytest.mark.django_db


def test_an_end_before_the_start_is_explained_in_german(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    client.force_login(anna)

    response = client.post(
        reverse("cooperations:agreement-draft", args=[cooperation.pk]),
        draft_post(draft, starts_on="2027-03-01", ends_on="2027-02-01"),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Das Ende liegt vor dem Beginn." in page
    assert "agreement_ends_after_start" not in page and "Constraint" not in page
    assert AgreementVersion.objects.get(pk=draft.pk).ends_on is None
