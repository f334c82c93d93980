"""The demo money of the personas' cooperation tells its story."""

import random

import pytest

from apps.accounts.models import User
from apps.base.demo import DemoContext
from apps.cooperations.models import Cooperation
from apps.driver.models import Nudge
from apps.driver.services import driver_run
from apps.finances import selectors
from apps.finances.demo import seed_finances
from apps.finances.models import Settlement, Transfer

pytestmark = pytest.mark.django_db


def test_the_demo_has_engagements_a_pilot_over_budget_and_a_paid_and_an_open_transfer(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    seed_finances(DemoContext([anna, ben], random.Random(1), cooperation))
    money = selectors.money_of(cooperation=cooperation)
    assert len(money.engagements) == 2
    assert [p.over_budget for p in money.pilots] == [True]
    assert sum(money.balances.values()) == 0
    assert Settlement.objects.filter(cooperation=cooperation).count() == 2
    assert Transfer.objects.filter(receipt__isnull=False).count() == 1
    assert selectors.open_transfers(cooperation=cooperation).count() == 1
    driver_run(rules=["pilot_over_budget"])
    nudged = Nudge.objects.filter(rule="pilot_over_budget").values_list("user_id", flat=True)
    assert set(nudged) == {anna.pk, ben.pk}
    # Seeding twice adds nothing.
    seed_finances(DemoContext([anna, ben], random.Random(1), cooperation))
    assert Settlement.objects.count() == 2
