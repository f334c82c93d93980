"""The pages: booking through the form, the German refusal on the page, 404 for
outsiders, and query counts that do not grow with the bookings (acceptance 4)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, get_resolver, reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.resources import services
from apps.resources.models import Booking, Resource
from apps.resources.tests.conftest import next_monday


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _week(resource: Resource) -> str:
    year, week, _day = next_monday().isocalendar()
    return reverse("resources:detail", args=[resource.pk]) + f"?woche={year}-W{week:02d}"


def _fill(resource: Resource, users: list[User], n: int, cooperation: Cooperation | None) -> None:
    """``n`` bookings of one hour each over next week, by alternating people."""
    start = next_monday(7)
    for i in range(n):
        day, hour = divmod(i, 14)
        slot = start + timedelta(days=day % 7, hours=hour)
        services.booking_create(
            resource=resource,
            user=users[i % len(users)],
            starts_at=slot,
            ends_at=slot + timedelta(hours=1),
            purpose=f"Termin {i}",
            cooperation=cooperation,
        )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_member_books_through_the_form_and_a_clash_is_refused_on_the_page(
    room: Resource, cooperation: Cooperation, anna: User, ben: User
) -> None:
    day = next_monday().date().isoformat()
    data = {"day": day, "starts": "10:00", "ends": "12:00", "purpose": "Klausur", "weeks": "1"}
    response = _client(ben).post(
        reverse("resources:book", args=[room.pk]), {**data, "cooperation": cooperation.pk}
    )
    assert response.status_code == 302
    assert Booking.objects.get().cooperation == cooperation
    clash = _client(anna).post(reverse("resources:book", args=[room.pk]), data)
    assert clash.status_code == 422
    assert "Uhr ist bereits gebucht. Bitte wählen Sie eine andere Zeit." in clash.content.decode()
    page = _client(anna).get(_week(room)).content.decode()
    assert "Klausur" in page and '<th scope="row">' in page


@pytest.mark.django_db
def test_outsiders_get_404_on_every_page_of_a_resource(
    room: Resource, cooperation: Cooperation, ben: User, carla: User
) -> None:
    start = next_monday(10)
    (booking,) = services.booking_create(
        resource=room, user=ben, starts_at=start, ends_at=start + timedelta(hours=1), purpose="X"
    )
    client = _client(carla)
    patterns = get_resolver().namespace_dict["resources"][1].url_patterns
    with_pk = [p.name for p in patterns if isinstance(p, URLPattern) and "pk" in str(p.pattern)]
    for name in with_pk:
        pk = {"cancel": booking.pk, "decide": booking.pk, "cooperation": cooperation.pk}.get(
            name, room.pk
        )
        url = reverse(f"resources:{name}", args=[pk])
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url, {}).status_code == 404, name
    assert room.name not in client.get(reverse("resources:list")).content.decode()


@pytest.mark.django_db
def test_cancelling_asks_first_and_then_frees_the_slot(room: Resource, ben: User) -> None:
    start = next_monday(10)
    (booking,) = services.booking_create(
        resource=room, user=ben, starts_at=start, ends_at=start + timedelta(hours=1), purpose="X"
    )
    client = _client(ben)
    assert (
        "Buchung stornieren?"
        in client.get(reverse("resources:cancel", args=[booking.pk])).content.decode()
    )
    client.post(reverse("resources:cancel", args=[booking.pk]))
    assert not Booking.objects.active().exists()


@pytest.mark.django_db
def test_calendar_and_lists_do_not_grow_with_bookings(
    room: Resource, cooperation: Cooperation, anna: User, ben: User
) -> None:
    client = _client(ben)
    urls = [
        _week(room),
        reverse("resources:mine"),
        reverse("resources:list"),
        reverse("resources:cooperation", args=[cooperation.pk]),
    ]
    _fill(room, [anna, ben], 2, cooperation)
    few = [_count(client, url) for url in urls]
    _fill_more = 20
    Booking.objects.all().delete()
    _fill(room, [anna, ben], _fill_more, cooperation)
    many = [_count(client, url) for url in urls]
    assert many == few
