"""The referral rules in the driver: stale referrals and one-sided pairs become nudges."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import DriverRun, registry
from apps.driver.services import driver_run
from apps.referrals.models import ReferralStatus
from apps.referrals.services import referral_accept
from apps.referrals.tests.conftest import referral_in

pytestmark = pytest.mark.django_db

S = ReferralStatus
NOW = datetime(2026, 5, 20, 8, 0, tzinfo=UTC)


def test_both_rules_are_registered_with_the_driver() -> None:
    assert "referral_stale" in registry
    assert "referral_imbalance" in registry


def test_a_referral_without_an_answer_for_14_days_nudges_the_receiver_until_it_moves(
    anna: User, ben: User
) -> None:
    with time_machine.travel(NOW - timedelta(days=14), tick=False):
        referral = referral_in(anna, ben, S.OFFERED, client_label="Klinikverbund")
        referral_in(anna, ben, S.WON)  # closed ones never nudge
    with time_machine.travel(NOW - timedelta(days=13), tick=False):
        referral_in(ben, anna, S.CONTACTED)  # 13 days: not yet
    with time_machine.travel(NOW, tick=False):
        driver_run(rules=["referral_stale"])
    nudge = Nudge.objects.get()
    assert nudge.user == ben
    assert nudge.url == reverse("referrals:detail", args=[referral.pk])
    assert nudge.message.startswith(
        "Die Empfehlung „Klinikverbund“ von Anna Albrecht wartet seit 6. Mai 2026"
    )

    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        referral_accept(referral=referral, user=ben)
        driver_run(rules=["referral_stale"])
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.RESOLVED

    # Accepted and then left alone for another 14 days: a new nudge about the update.
    with time_machine.travel(NOW + timedelta(days=15), tick=False):
        driver_run(rules=["referral_stale"])
    latest = Nudge.objects.get(subject=f"referral:{referral.pk}", status=NudgeStatus.OPEN)
    assert (latest.user, latest.period) == (ben, "accepted")
    assert "Wie steht es um die Empfehlung „Klinikverbund“" in latest.message


def test_the_stale_period_comes_from_the_driver_settings(anna: User, ben: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DRIVER = {**settings.DRIVER, "referral_stale_days": 3}
    with time_machine.travel(NOW - timedelta(days=4), tick=False):
        referral_in(anna, ben, S.ACCEPTED)
    with time_machine.travel(NOW, tick=False):
        assert driver_run(rules=["referral_stale"]).created == 1


def test_a_one_sided_pair_nudges_the_taker_once_a_quarter(anna: User, ben: User) -> None:
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        for _ in range(3):
            referral_in(anna, ben, S.ACCEPTED)
    with time_machine.travel(NOW, tick=False):
        driver_run(rules=["referral_imbalance"])
        driver_run(rules=["referral_imbalance"])  # idempotent
    nudge = Nudge.objects.get()
    assert (nudge.user, nudge.period) == (ben, "2026-Q2")
    assert nudge.url == reverse("referrals:balance")
    assert "3 Empfehlungen an Sie, 0 von Ihnen" in nudge.message
    assert "Anna Albrecht" in nudge.message

    # One back is still a third; with two back the pair is balanced enough.
    referral_in(ben, anna, S.OFFERED)
    with time_machine.travel(NOW + timedelta(minutes=30), tick=False):
        driver_run(rules=["referral_imbalance"])
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.OPEN
    referral_in(ben, anna, S.OFFERED)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        driver_run(rules=["referral_imbalance"])
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.RESOLVED


def test_the_rules_need_a_fixed_number_of_queries(anna: User, ben: User, add_people) -> None:  # type: ignore[no-untyped-def]
    def queries() -> int:
        run = DriverRun.start(NOW)
        with CaptureQueriesContext(connection) as captured:
            for name in ("referral_stale", "referral_imbalance"):
                list(registry.select([name])[0].function(run))
        return len(captured)

    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        for _ in range(3):
            referral_in(anna, ben, S.OFFERED)
    small = queries()
    add_people(10)
    people = list(User.objects.exclude(pk__in=[anna.pk, ben.pk]))
    with time_machine.travel(NOW - timedelta(days=20), tick=False):
        for other in people:
            for _ in range(3):
                referral_in(other, anna, S.ACCEPTED)
            referral_in(anna, other, S.CONTACTED)
    assert queries() == small
