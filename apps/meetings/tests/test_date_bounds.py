"""Meeting dates at the ends of the calendar (year 1, year 9999) get a clear German
message instead of a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("starts_at", ["0001-01-01T10:00", "9999-12-31T23:30", "1970-01-01T10:00"])
def test_meeting_dates_out_of_range_are_refused_with_a_message(
    client: Client, anna: User, cooperation: Cooperation, starts_at: str
) -> None:
    client.force_login(anna)
    response = client.post(
        reverse("meetings:meeting-new", args=[cooperation.pk]),
        {"title": "Jour fixe", "starts_at": starts_at, "duration_minutes": 60, "place": "Leipzig"},
    )
    assert response.status_code == 200
    assert "Bitte wählen Sie einen Zeitpunkt zwischen 2000 und 2100." in response.content.decode()
    assert not Meeting.objects.exists()
