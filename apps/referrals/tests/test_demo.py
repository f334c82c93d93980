"""The demo network holds referrals that show every page and both driver rules at work."""

import pytest

from apps.accounts.models import User
from apps.base.records import guards_lifted
from apps.core.demo.personas import PERSONAS
from apps.core.demo.seed import seed_demo
from apps.referrals.models import Referral, ReferralEvent
from apps.referrals.selectors import (
    one_sided_balances,
    reciprocity_for,
    referrals_awaiting_update,
)

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return list(
        Referral.objects.order_by("giver__email", "receiver__email", "client_label").values_list(
            "giver__email", "receiver__email", "status", "client_label", "won_value"
        )
    )


def test_the_demo_gives_the_personas_referrals_both_ways_and_keeps_carla_out() -> None:
    seed_demo(people=200, seed=1)
    anna, ben, carla = (User.objects.get(email=p.email) for p in PERSONAS)
    figures = reciprocity_for(user=anna)
    assert figures.total.given.count >= 3 and figures.total.received.count >= 5
    assert figures.total.given.value > 0  # Ben shared the value of Anna's referral
    assert not Referral.objects.involving(carla).exists()
    assert set(Referral.objects.values_list("status", flat=True)) >= {
        "offered",
        "accepted",
        "contacted",
        "won",
        "lost",
        "declined",
    }
    assert (
        Referral.objects.filter(giver__email__contains="@demo.").exclude(receiver=anna).exists()
    )  # others refer among themselves too
    # Every referral has its history, given first.
    assert ReferralEvent.objects.filter(action="offered").count() == Referral.objects.count()
    # Both driver rules find something for Anna.
    assert anna in [person for _referral, person in referrals_awaiting_update()]
    assert [i.taker for i in one_sided_balances()].count(anna) == 1
    assert ben in [pair.other for pair in figures.pairs]


def test_the_same_seed_gives_the_same_referrals() -> None:
    seed_demo(people=120, seed=4)
    first = _snapshot()
    with guards_lifted():  # wipe for a fresh seed, past the record triggers
        User.objects.all().delete()
    seed_demo(people=120, seed=4)
    assert _snapshot() == first
