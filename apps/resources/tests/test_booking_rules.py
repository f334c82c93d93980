"""The booking rules people rely on: a clear refusal for a taken slot, opening hours,
blocked times, the longest booking, weekly series all or nothing, who may book."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.resources import selectors, services
from apps.resources.models import Booking, BookingStatus, Resource
from apps.resources.tests.conftest import make_resource, next_monday


def book(
    resource: Resource, user: User, start_hour: int = 10, hours: int = 2, **extra: object
) -> list[Booking]:
    start = next_monday(start_hour)
    return services.booking_create(
        resource=resource,
        user=user,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        purpose=str(extra.pop("purpose", "Seminar")),
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.django_db
def test_an_overlapping_booking_is_refused_with_the_time_in_german(
    room: Resource, anna: User, ben: User
) -> None:
    book(room, anna)
    with pytest.raises(ValidationError) as refused:
        book(room, ben, start_hour=11)
    assert (
        "Uhr ist bereits gebucht. Bitte wählen Sie eine andere Zeit." in refused.value.messages[0]
    )
    book(room, ben, start_hour=12)  # right after: half-open ranges do not clash


@pytest.mark.django_db
def test_a_licence_gives_out_its_seats_and_then_refuses(
    vhs: Organisation, anna: User, ben: User
) -> None:
    licence = make_resource(vhs, anna, kind="licence", seats=2, people=[ben])
    assert [b.seat for b in book(licence, anna) + book(licence, ben)] == [0, 1]
    with pytest.raises(ValidationError):
        book(licence, ben)


@pytest.mark.django_db
def test_bookings_keep_to_opening_hours_and_blocked_times(room: Resource, anna: User) -> None:
    services.opening_hours_set(resource=room, user=anna, hours={0: (time(8), time(18))})
    with pytest.raises(ValidationError, match="außerhalb der Öffnungszeiten"):
        book(room, anna, start_hour=17)
    with pytest.raises(ValidationError, match="außerhalb der Öffnungszeiten"):
        services.booking_create(
            resource=room,
            user=anna,
            starts_at=next_monday(10) + timedelta(days=1),
            ends_at=next_monday(11) + timedelta(days=1),
            purpose="Dienstag",
        )
    services.blocked_time_add(
        resource=room,
        user=anna,
        starts_at=next_monday(9),
        ends_at=next_monday(13),
        reason="Renovierung",
    )
    with pytest.raises(ValidationError, match="gesperrt: Renovierung"):
        book(room, anna)
    book(room, anna, start_hour=14)


@pytest.mark.django_db
def test_a_booking_may_not_exceed_the_longest_length(room: Resource, anna: User) -> None:
    room.max_hours = 3
    room.save()
    with pytest.raises(ValidationError, match="höchstens 3 Stunden"):
        book(room, anna, hours=4)


@pytest.mark.django_db
def test_a_weekly_series_is_booked_all_or_nothing(room: Resource, anna: User, ben: User) -> None:
    later = next_monday(10) + timedelta(weeks=2)
    services.booking_create(
        resource=room, user=anna, starts_at=later, ends_at=later + timedelta(hours=1), purpose="A"
    )
    with pytest.raises(ValidationError, match="bereits gebucht"):
        book(room, ben, weeks=4)
    assert Booking.objects.filter(user=ben).count() == 0
    series = book(room, ben, start_hour=14, weeks=4)
    assert len(series) == 4
    assert len({b.series for b in series}) == 1
    assert series[3].starts_at - series[0].starts_at == timedelta(weeks=3)


@pytest.mark.django_db
def test_an_outsider_neither_sees_nor_books_a_resource(room: Resource, carla: User) -> None:
    with pytest.raises(Http404):
        selectors.resource_for_member(user=carla, pk=room.pk)
    with pytest.raises(PermissionDenied):
        book(room, carla)
    assert room not in selectors.resources_for(user=carla)


@pytest.mark.django_db
def test_only_the_management_approves_and_a_declined_slot_is_free_again(
    room: Resource, anna: User, ben: User
) -> None:
    room.needs_approval = True
    room.save()
    (pending,) = book(room, ben)
    with pytest.raises(ValidationError):
        book(room, anna)  # waiting for approval still holds the slot
    with pytest.raises(PermissionDenied):
        services.booking_decide(booking=pending, user=ben, approve=True)
    services.booking_decide(booking=pending, user=anna, approve=False)
    assert Booking.objects.get(pk=pending.pk).status == BookingStatus.DECLINED
    book(room, anna)


@pytest.mark.django_db
def test_only_the_owners_management_creates_their_resources(vhs: Organisation, ben: User) -> None:
    with pytest.raises(PermissionDenied):
        make_resource(vhs, ben)
    mine = make_resource(ben, ben, name="Mein Beamer", kind="equipment")
    assert selectors.resource_for_member(user=ben, pk=mine.pk).can_manage  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_bookings_start_in_the_future_and_name_their_purpose(room: Resource, anna: User) -> None:
    with pytest.raises(ValidationError):
        book(room, anna, purpose="  ")
    start = next_monday(10) - timedelta(weeks=2)
    with pytest.raises(ValidationError):
        services.booking_create(
            resource=room,
            user=anna,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            purpose="X",
        )
