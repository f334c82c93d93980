"""Resource fixtures: the Volkshochschule anna administers, with a seminar room that
costs 30 € per hour; ben is listed on it (he books for the cooperation he shares with
anna); carla is outside."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.organisations.models import Organisation, OrganisationKind, OrganisationMember, Role
from apps.resources import services
from apps.resources.models import Resource


def next_monday(hour: int = 10) -> datetime:
    """Next week's Monday at ``hour`` o'clock, local time (always in the future)."""
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return timezone.make_aware(datetime.combine(monday, datetime.min.time()).replace(hour=hour))


@pytest.fixture
def vhs(anna: User) -> Organisation:
    organisation = Organisation.objects.create(
        name="Volkshochschule Kassel", kind=OrganisationKind.VHS, city="Kassel"
    )
    OrganisationMember.objects.create(organisation=organisation, user=anna, role=Role.ADMIN)
    return organisation


def make_resource(owner: object, user: User, **extra: object) -> Resource:
    data = services.ResourceData(
        name=str(extra.pop("name", "Seminarraum 1")),
        kind=str(extra.pop("kind", "room")),
        owner=owner,  # type: ignore[arg-type]
        city=str(extra.pop("city", "Kassel")),
        cost_amount=extra.pop("cost_amount", Decimal("30.00")),  # type: ignore[arg-type]
        cost_unit=str(extra.pop("cost_unit", "hour")),
        **extra,  # type: ignore[arg-type]
    )
    return services.resource_create(user=user, data=data)


@pytest.fixture
def room(vhs: Organisation, anna: User, ben: User) -> Resource:
    return make_resource(vhs, anna, people=[ben])
