"""The demo ledger of the personas' cooperation tells its story."""

import random

import pytest

from apps.accounts.models import User
from apps.contributions.demo import seed_contributions
from apps.contributions.models import Contribution
from apps.contributions.selectors import balance_for, window
from apps.cooperations.models import Cooperation
from apps.driver.models import Nudge
from apps.driver.services import driver_run

pytestmark = pytest.mark.django_db


def test_the_demo_shows_ben_behind_and_the_driver_nudges_both(
    agreed: Cooperation, anna: User, ben: User
) -> None:
    rows = seed_contributions([anna, ben], random.Random(1))
    assert rows == Contribution.objects.count() > 20
    assert Contribution.objects.filter(removed=True).exists()
    assert Contribution.objects.exclude(supersedes=None).count() == 2
    since, until = window(90)
    anna_figures, ben_figures = balance_for(agreed.pk, since=since, until=until)
    assert anna_figures.hours_difference > 0 > ben_figures.hours_difference
    assert ben_figures.bound_days == 90
    driver_run(rules=["contribution_imbalance"])
    nudged = Nudge.objects.filter(cooperation_id=agreed.pk).values_list("user_id", flat=True)
    assert set(nudged) == {anna.pk, ben.pk}
    # Seeding twice adds nothing.
    assert seed_contributions([anna, ben], random.Random(1)) == 0
