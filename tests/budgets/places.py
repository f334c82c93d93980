"""The organisations and resources of the query-budget world.

``build()`` takes the demo's "Volkshochschule Kassel" (anna administers it), brings it
into anna's cooperation, publishes a training of it to itself and creates a room of it
that needs approval, with opening hours every day and a week (``week``) two weeks
ahead where the bookings go. ``grow()`` adds per unit: newcomers as staff of Kassel
who sign up for the training and ask for the room in that week (for the cooperation,
when they are its members – they bring an organisation of their own with gaps and
rooms (candidates of anna's matches) into it, and anna
approves their bookings), an organisation of anna's in the
cooperation, a training of Kassel, a resource of the cooperation, anna's own bookings
in the week and a blocked time of the room.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from apps.accounts.models import User
from apps.organisations import services as organisations
from apps.organisations.demo import KASSEL
from apps.organisations.models import (
    CooperationOrganisation,
    Organisation,
    OrganisationMember,
    Role,
    Training,
    TrainingSignup,
)
from apps.resources import services as resources
from apps.resources.models import BlockedTime, Booking, BookingStatus, Resource
from apps.resources.selectors import monday_of

if TYPE_CHECKING:
    from tests.budgets.world import World

OPEN = (time(7), time(21))


def _monday() -> datetime:
    monday = monday_of(timezone.localdate()) + timedelta(days=14)
    return timezone.make_aware(datetime.combine(monday, time.min))


def _slot(n: int) -> tuple[datetime, datetime]:
    """The n-th hour slot inside the displayed week (every day, 8 to 20 o'clock)."""
    start = _monday() + timedelta(days=n % 7, hours=8 + (n // 7) % 12)
    return start, start + timedelta(hours=1)


def week(world: World) -> str:
    year, number, _day = _monday().date().isocalendar()
    return f"{year}-W{number:02d}"


def build(anna: User, main: Any) -> dict[str, Any]:
    kassel = Organisation.objects.get(name=KASSEL)
    organisations.cooperation_organisation_add(cooperation=main, user=anna, organisation=kassel)
    staff = (
        OrganisationMember.objects.filter(organisation=kassel)
        .exclude(role=Role.ADMIN)
        .order_by("pk")
        .first()
    )
    training = organisations.training_create(
        organisation=kassel,
        user=anna,
        title="Moderation im Programmbereich",
        starts_at=_monday() + timedelta(days=30, hours=9),
        place="Kassel",
        online=False,
        description="Für Kursleitungen und Programmplanung.",
        seats={kassel.pk: 500},
    )
    room = resources.resource_create(
        user=anna,
        data=resources.ResourceData(
            name="Budgetraum",
            kind="room",
            owner=kassel,
            city="Kassel",
            seats=500,
            cost_amount=Decimal("12.50"),
            needs_approval=True,
        ),
    )
    resources.opening_hours_set(resource=room, user=anna, hours={day: OPEN for day in range(7)})
    start, end = _slot(0)
    booking = resources.booking_create(
        resource=room, user=anna, starts_at=start, ends_at=end, purpose="Vorgespräch"
    )[0]
    return {
        "kassel": kassel,
        "staff": staff,
        "training": training,
        "room": room,
        "booking": booking,
    }


def grow(world: World, units: int, newcomers: list[User], members: list[User]) -> None:
    anna, main, kassel, room = world.anna, world.main, world.kassel, world.room
    for person in newcomers:
        organisations.member_add(organisation=kassel, user=anna, email=person.email)
        organisations.training_signup(training=world.training, user=person, organisation=kassel)
    for person in members:  # partners of the cooperation who bring their own organisation
        own = organisations.organisation_create(
            user=person,
            name=f"Bildungsträger {person.pk}",
            city="Kassel",
            staff_count=person.pk,
            gaps="Uns fehlen Kursleitungen für Moderation und Konfliktklärung.",
            rooms="Seminarraum mit 12 Plätzen",
        )
        organisations.cooperation_organisation_add(cooperation=main, user=person, organisation=own)
    for n, person in enumerate(newcomers):
        start, end = _slot(7 * world.grown + n + 1)
        cooperation = main if person in members else None
        booked = resources.booking_create(
            resource=room,
            user=person,
            starts_at=start,
            ends_at=end,
            purpose=f"Kurs {person.pk}",
            cooperation=cooperation,
        )
        if cooperation is not None:
            resources.booking_decide(booking=booked[0], user=anna, approve=True)
    for unit in range(units):
        number = world.grown + unit
        _unit(world, number)


def _unit(world: World, number: int) -> None:
    anna, main, kassel, room = world.anna, world.main, world.kassel, world.room
    own = organisations.organisation_create(
        user=anna, name=f"Träger {number}", city="Kassel", staff_count=number + 2
    )
    organisations.cooperation_organisation_add(cooperation=main, user=anna, organisation=own)
    organisations.training_create(
        organisation=kassel,
        user=anna,
        title=f"Fortbildung {number}",
        starts_at=_monday() + timedelta(days=number + 1, hours=9),
        place="Kassel",
        online=False,
        description="",
        seats={kassel.pk: 10, own.pk: 5},
    )
    resources.resource_create(
        user=anna,
        data=resources.ResourceData(
            name=f"Beamer {number}", kind="equipment", owner=main, cost_amount=Decimal("5.00")
        ),
    )
    for k in range(2):
        start, end = _slot(100 + 2 * number + k)
        booked = resources.booking_create(
            resource=room,
            user=anna,
            starts_at=start,
            ends_at=end,
            purpose=f"Beratung {number}",
            cooperation=main if k else None,
        )
        resources.booking_decide(booking=booked[0], user=anna, approve=True)
    blocked = _monday() + timedelta(days=60 + number)
    resources.blocked_time_add(
        resource=room,
        user=anna,
        starts_at=blocked,
        ends_at=blocked + timedelta(hours=4),
        reason=f"Renovierung {number}",
    )


def sizes(world: World) -> dict[str, int]:
    anna, main, room = world.anna, world.main, world.room
    start = _monday()
    return {
        "organisation members": world.kassel.members.count(),
        "anna's organisations": OrganisationMember.objects.filter(user=anna).count(),
        "cooperation organisations": CooperationOrganisation.objects.filter(
            cooperation=main
        ).count(),
        "trainings": Training.objects.filter(organisation=world.kassel).count(),
        "training sign-ups": TrainingSignup.objects.filter(training=world.training).count(),
        "resources": Resource.objects.filter(owner_cooperation=main).count(),
        "bookings in the week": Booking.objects.active()
        .filter(resource=room)
        .overlapping(start, start + timedelta(days=7))
        .count(),
        "bookings awaiting approval": room.bookings.filter(status=BookingStatus.PENDING).count(),
        "anna's bookings": Booking.objects.active().filter(user=anna).count(),
        "cooperation bookings": Booking.objects.filter(cooperation=main).count(),
        "blocked times": BlockedTime.objects.filter(resource=room).count(),
    }
