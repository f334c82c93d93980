"""A cooperation's own thresholds: set in the admin, honoured by the next run."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.checkins.tests.conftest import START, make_running
from apps.driver.models import Nudge, ThresholdOverride
from apps.driver.rules import DriverRun
from apps.driver.services import driver_run

pytestmark = pytest.mark.django_db


def test_staff_set_a_silence_threshold_in_the_admin_and_the_run_follows_it(
    anna: User, ben: User, client: Client
) -> None:
    running = make_running(anna, ben)
    admin = User.objects.create_superuser("admin@example.org", "x")
    client.force_login(admin)
    response = client.post(
        reverse("admin:driver_thresholdoverride_add"),
        {"cooperation": running.pk, "name": "silence_days", "value": 7},
    )
    assert response.status_code == 302
    assert DriverRun.start(START).threshold("silence_days", cooperation_id=running.pk) == 7

    assert not driver_run(now=START + timedelta(days=6), rules=["cooperation_silence"]).created
    assert driver_run(now=START + timedelta(days=7), rules=["cooperation_silence"]).created == 2
    assert set(Nudge.objects.values_list("user_id", flat=True)) == {anna.pk, ben.pk}


def test_only_thresholds_the_driver_knows_can_be_overridden(anna: User, ben: User) -> None:
    running = make_running(anna, ben)
    with pytest.raises(ValidationError) as refused:
        ThresholdOverride(cooperation=running, name="silense_days", value=7).full_clean()
    assert "Diesen Schwellenwert kennt der Impulsgeber nicht." in str(refused.value)
