"""Text answers in the fit check have an upper limit, in the form and in the service."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation, FitCheckAnswer
from tests.factories import answers

pytestmark = pytest.mark.django_db


def test_the_service_refuses_an_answer_over_2000_characters(
    cooperation: Cooperation, anna: User
) -> None:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    with pytest.raises(ValidationError) as refused:
        services.fit_check_answer(fit_check=fit_check, user=anna, data=answers(values="w" * 2001))
    assert refused.value.message_dict["values"] == [
        "Bitte kürzen Sie den Text auf höchstens 2.000 Zeichen (derzeit 2.001)."
    ]
    assert not FitCheckAnswer.objects.exists()


def test_the_form_says_it_once_at_the_field(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    services.fit_check_start(cooperation=cooperation, user=anna)
    client.force_login(anna)
    url = reverse("cooperations:fit-check", args=[cooperation.pk])
    response = client.post(url, answers(goals="g" * 2001))
    assert response.status_code == 200
    assert response.context["form"].errors["goals"] == [
        "Bitte kürzen Sie den Text auf höchstens 2.000 Zeichen (derzeit 2.001)."
    ]
    assert 'maxlength="2000"' in response.content.decode()
    assert not FitCheckAnswer.objects.exists()
