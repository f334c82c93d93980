"""The demo: the three institutions share a room, licence seats and a server with the
personas, and ben's booking for the cooperation is its shared cost."""

import random

import pytest

from apps.accounts.models import User
from apps.base.demo import DemoContext
from apps.cooperations.models import Cooperation
from apps.finances.models import SharedCost
from apps.organisations.models import Organisation
from apps.resources.demo import seed_resources
from apps.resources.models import Booking, BookingStatus, Resource


@pytest.mark.django_db
def test_the_demo_shares_a_room_licence_seats_and_a_server(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    Organisation.objects.create(name="Volkshochschule Kassel", kind="vhs", city="Kassel")
    context = DemoContext([anna, ben, carla], random.Random(1), cooperation)
    seed_resources(context)
    assert Organisation.objects.count() == 3
    assert set(Resource.objects.values_list("kind", flat=True)) == {"room", "licence", "server"}
    assert Booking.objects.filter(resource__name="Seminarraum 2.14").count() == 4
    assert list(
        Booking.objects.filter(resource__kind="licence").values_list("seat", flat=True)
    ) == [0, 1]
    assert Booking.objects.get(resource__kind="server").status == BookingStatus.PENDING
    assert SharedCost.objects.get(cooperation=cooperation).monthly_amount == 100
    seed_resources(context)
    assert Resource.objects.count() == 3
