"""Acceptance 2: a booking for a cooperation costs the cooperation – its cost is a
shared cost, split by the agreement's cost key, in every member's balance to the cent."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.finances.models import SharedCost
from apps.finances.selectors import money_of
from apps.resources import pricing, services
from apps.resources.models import BookingStatus, Resource
from apps.resources.tests.conftest import next_monday
from tests.factories import agree


@pytest.fixture
def agreed(cooperation: Cooperation, anna: User, ben: User) -> Cooperation:
    agree(cooperation, anna, ben, cost={anna: 70, ben: 30})
    return cooperation


def _book(room: Resource, ben: User, cooperation: Cooperation, minutes: int = 105) -> list:
    start = next_monday(10)
    return services.booking_create(
        resource=room,
        user=ben,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        purpose="Workshop-Vorbereitung",
        cooperation=cooperation,
    )


@pytest.mark.django_db
def test_a_booking_for_the_cooperation_lands_in_every_balance_to_the_cent(
    room: Resource, agreed: Cooperation, anna: User, ben: User
) -> None:
    (booking,) = _book(room, ben, agreed)  # 1¾ hours at 30 € = 52.50 €
    assert booking.cost == Decimal("52.50")
    shared = SharedCost.objects.get(cooperation=agreed)
    assert shared.monthly_amount == Decimal("52.50")
    assert shared.payer == ben
    balances = money_of(cooperation=agreed).balances
    # ben paid 52.50 and carries 30 % (15.75): the others owe him 36.75; anna 70 %.
    assert balances[ben.pk] == Decimal("36.75")
    assert balances[anna.pk] == Decimal("-36.75")


@pytest.mark.django_db
def test_cancelling_before_the_start_takes_the_cost_back(
    room: Resource, agreed: Cooperation, anna: User, ben: User
) -> None:
    (booking,) = _book(room, ben, agreed)
    services.booking_cancel(booking=booking, user=ben)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert not SharedCost.objects.filter(cooperation=agreed).exists()
    assert set(money_of(cooperation=agreed).balances.values()) == {Decimal("0.00")}


@pytest.mark.django_db
def test_cancelling_after_the_start_keeps_the_cost(
    room: Resource, agreed: Cooperation, ben: User
) -> None:
    (booking,) = _book(room, ben, agreed)
    with time_machine.travel(booking.starts_at + timedelta(minutes=5)):
        services.booking_cancel(booking=booking, user=ben)
    assert SharedCost.objects.filter(cooperation=agreed).count() == 1


@pytest.mark.django_db
def test_a_private_booking_costs_no_cooperation(room: Resource, ben: User) -> None:
    start = next_monday(10)
    (booking,) = services.booking_create(
        resource=room, user=ben, starts_at=start, ends_at=start + timedelta(hours=1), purpose="X"
    )
    assert booking.cost == Decimal("30.00")
    assert booking.shared_cost is None
    assert not SharedCost.objects.exists()


@pytest.mark.django_db
def test_a_booking_awaiting_approval_costs_only_once_approved(
    room: Resource, agreed: Cooperation, anna: User, ben: User
) -> None:
    room.needs_approval = True
    room.save()
    (booking,) = _book(room, ben, agreed)
    assert booking.status == BookingStatus.PENDING
    assert not SharedCost.objects.exists()
    services.booking_decide(booking=booking, user=anna, approve=True)
    assert SharedCost.objects.get().monthly_amount == Decimal("52.50")


def test_per_day_and_per_month_count_started_periods() -> None:
    rate = Decimal("80.00")
    assert pricing.booking_cost(timedelta(hours=2), rate, "day") == Decimal("80.00")
    assert pricing.booking_cost(timedelta(hours=25), rate, "day") == Decimal("160.00")
    assert pricing.booking_cost(timedelta(days=31), rate, "month") == Decimal("160.00")
    assert pricing.booking_cost(timedelta(minutes=20), Decimal("10.00"), "hour") == Decimal("3.33")


@given(
    minutes=st.integers(min_value=1, max_value=60 * 24 * 90),
    cents=st.integers(min_value=0, max_value=10_000_000),
    unit=st.sampled_from(["hour", "day", "month"]),
)
def test_a_cost_is_whole_cents_and_grows_with_the_duration(
    minutes: int, cents: int, unit: str
) -> None:
    rate = Decimal(cents) / 100
    cost = pricing.booking_cost(timedelta(minutes=minutes), rate, unit)
    assert cost == cost.quantize(Decimal("0.01"))
    assert cost >= 0
    longer = pricing.booking_cost(timedelta(minutes=minutes + 30), rate, unit)
    assert longer >= cost
    with pytest.raises(TypeError):
        pricing.booking_cost(timedelta(minutes=minutes), float(rate), unit)  # type: ignore[arg-type]
