"""The driver nudges about money: a pilot over its budget, transfers left open."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.driver.models import Nudge
from apps.driver.rules import describe
from apps.driver.services import driver_run
from apps.finances import services
from apps.finances.models import KeyKind, KeyPurpose
from apps.finances.tests.conftest import book, engage

pytestmark = pytest.mark.django_db


def test_every_member_is_nudged_once_when_a_pilots_costs_exceed_the_agreed_budget(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    pilot = engage(cooperation, anna, pilot=True)
    proposal = services.key_propose(
        engagement=pilot,
        user=anna,
        purpose=KeyPurpose.LOSS,
        kind=KeyKind.PERCENT,
        shares={anna.pk: (Decimal(50), Decimal(0)), ben.pk: (Decimal(50), Decimal(0))},
        risk_budget=Decimal("500.00"),
    )
    book(pilot, anna, "cost", "500.00")
    driver_run(rules=["pilot_over_budget"])
    assert not Nudge.objects.exists()  # at the budget, not over it
    services.key_consent(proposal=proposal, user=ben)
    driver_run(rules=["pilot_over_budget"])
    assert not Nudge.objects.exists()
    book(pilot, ben, "cost", "0.01")
    driver_run(rules=["pilot_over_budget"])
    driver_run(rules=["pilot_over_budget"])
    nudges = Nudge.objects.filter(rule="pilot_over_budget")
    assert sorted(nudges.values_list("user_id", flat=True)) == sorted([anna.pk, ben.pk])
    text = describe("pilot_over_budget", nudges.first().params)  # type: ignore[union-attr]
    assert "500,01\xa0€" in text and "500,00\xa0€" in text


def test_payer_and_receiver_are_reminded_of_an_open_transfer_after_a_week(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    engagement = engage(cooperation, anna)
    book(engagement, anna, "revenue", "200.00")
    settlement = services.settlement_propose(cooperation=cooperation, user=anna)
    driver_run(rules=["transfer_open"])
    assert not Nudge.objects.exists()
    later = timezone.now() + timedelta(days=8)
    driver_run(now=later, rules=["transfer_open"])
    texts = {n.user_id: describe("transfer_open", n.params) for n in Nudge.objects.all()}
    assert "Bitte überweisen Sie 100,00\xa0€" in texts[anna.pk]
    assert "Bitte bestätigen Sie den Eingang" in texts[ben.pk]
    services.transfer_confirm(transfer=settlement.transfers.get(), user=ben)
    driver_run(now=later, rules=["transfer_open"])
    assert not Nudge.objects.filter(status="open").exists()
