"""Ids no database row can have (longer than 64 bits) answer 404 on every page that
takes one, instead of a 500 from the database driver."""

import pytest
from django.test import Client

from apps.accounts.models import User
from apps.cooperations.models import Cooperation

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "url",
    [
        f"/kooperationen/{HUGE}/",
        "/kooperationen/{pk}/besprechungen/" + HUGE + "/",
        "/kooperationen/{pk}/beitraege/" + HUGE + "/",
        "/kooperationen/{pk}/vereinbarung/fassung-" + HUGE + "/",
    ],
)
def test_huge_ids_answer_404(
    client: Client, anna: User, cooperation: Cooperation, url: str
) -> None:
    client.force_login(anna)
    assert client.get(url.format(pk=cooperation.pk)).status_code == 404
