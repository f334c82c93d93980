"""Profile texts have an upper limit, in the form and in the service."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.profiles.models import TEXT_LIMITS
from apps.profiles.services import profile_update
from apps.profiles.tests.test_profile_edit import VALID

pytestmark = pytest.mark.django_db


def test_the_form_refuses_an_about_text_over_the_limit_in_german(
    client: Client, anna: User
) -> None:
    client.force_login(anna)
    before = anna.profile.about
    response = client.post(reverse("profiles:edit"), {**VALID, "about": "x" * 5001})
    assert response.status_code == 200
    assert response.context["form"].errors["about"] == [
        "Bitte kürzen Sie den Text auf höchstens 5.000 Zeichen (derzeit 5.001)."
    ]
    assert 'maxlength="5000"' in response.content.decode()
    anna.profile.refresh_from_db()
    assert anna.profile.about == before


def test_texts_at_the_limit_are_kept(client: Client, anna: User) -> None:
    client.force_login(anna)
    client.post(reverse("profiles:edit"), {**VALID, "seeking": "y" * TEXT_LIMITS["seeking"]})
    anna.profile.refresh_from_db()
    assert len(anna.profile.seeking) == 5000


def test_the_service_refuses_too_long_texts_from_any_other_way_in(anna: User) -> None:
    with pytest.raises(ValidationError) as refused:
        profile_update(user=anna, data={"seeking": "z" * 5001})
    assert "seeking" in refused.value.message_dict
    anna.profile.refresh_from_db()
    assert len(anna.profile.seeking) < 5001
