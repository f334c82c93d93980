"""Health signals live in the app they observe and are found like rules."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.module_loading import autodiscover_modules

from apps.checkins.health import health_for
from apps.cooperations.models import Cooperation
from apps.driver.health import signals
from apps.driver.rules import DriverRun

from .conftest import START

pytestmark = pytest.mark.django_db

TEST_APP = "apps.checkins.tests.signal_app"


def test_the_signals_of_meetings_contributions_and_checkins_are_registered() -> None:
    assert {
        "actions_overdue",
        "no_meeting_planned",  # apps/meetings/health.py
        "contribution_imbalance",  # apps/contributions/health.py
        "silence",
        "pending_acceptance",
        "checkin",
        "open_exit",  # apps/checkins/health.py
    } <= set(signals.names())


def test_a_signal_in_the_health_module_of_an_installed_app_is_picked_up(
    running: Cooperation,
) -> None:
    try:
        with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, TEST_APP]):
            autodiscover_modules("health")
        assert "test_signal_app" in signals.names()
        health = health_for(running, run=DriverRun.start(START))
        assert health is not None
        assert "Probe aus einer anderen App" in [reason.text for reason in health.reasons]
    finally:
        signals.unregister("test_signal_app")
