"""What the resources add to lower apps: rooms near me for the intent ``space``, the
bookings in the personal calendar feed, the data export, account deletion and the
cooperation's archive."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.base.data_export import user_data_export
from apps.base.erasure import erase_personal_data
from apps.cooperations.archive import archive_sections
from apps.cooperations.models import Cooperation
from apps.matching.space_offers import space_offers_for
from apps.meetings.feed_sources import feed_events
from apps.organisations.models import Organisation
from apps.resources import services
from apps.resources.models import Booking, BookingStatus, Resource
from apps.resources.tests.conftest import make_resource, next_monday


@pytest.mark.django_db
def test_space_suggestions_list_bookable_resources_near_me_first(
    vhs: Organisation, anna: User, ben: User, carla: User
) -> None:
    make_resource(vhs, anna, name="Raum Bonn", city="Bonn", people=[ben])
    make_resource(vhs, anna, name="Raum Kassel", city="Kassel", people=[ben])
    make_resource(vhs, anna, name="Videolizenz", kind="licence", city="", seats=5, people=[ben])
    make_resource(vhs, anna, name="Raum Köln, nicht für Ben", city="Köln")
    offers = space_offers_for(user=ben, city="Köln", postal_code="50823")
    assert [o.title for o in offers] == ["Raum Bonn", "Videolizenz"]  # Kassel is too far
    assert offers[0].km is not None and offers[0].km < 40
    client = Client()
    client.force_login(ben)
    page = client.get(reverse("matching:suggestions") + "?anliegen=space").content.decode()
    assert "Buchbar in Ihrer Nähe" in page and "Raum Bonn" in page
    assert space_offers_for(user=carla, city="Wien") == []


@pytest.mark.django_db
def test_my_bookings_are_in_my_calendar_feed(room: Resource, ben: User, anna: User) -> None:
    start = next_monday(10)
    services.booking_create(
        resource=room,
        user=ben,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        purpose="Probe",
    )
    summaries = [str(event["summary"]) for event in feed_events(user=ben)]
    assert "Seminarraum 1: Probe" in summaries
    assert "Seminarraum 1: Probe" not in [str(e["summary"]) for e in feed_events(user=anna)]


@pytest.mark.django_db
def test_export_erasure_and_archive(
    room: Resource, cooperation: Cooperation, anna: User, ben: User
) -> None:
    start = next_monday(10)
    (booking,) = services.booking_create(
        resource=room,
        user=ben,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        purpose="Klausurtag",
        cooperation=cooperation,
    )
    export = user_data_export(ben)["resources"]
    assert export["bookings"][0]["purpose"] == "Klausurtag"
    section = {s.key: s for s in archive_sections()}["resources"]
    assert section.function(cooperation).data["bookings"][0]["cost"] == "30.00"
    own = make_resource(ben, ben, name="Bens Beamer", kind="equipment")
    (private,) = services.booking_create(
        resource=room,
        user=ben,
        starts_at=start + timedelta(days=1),
        ends_at=start + timedelta(days=1, hours=1),
        purpose="Privat",
    )
    erase_personal_data(ben)
    assert not Resource.objects.filter(pk=own.pk).exists()
    assert Booking.objects.get(pk=private.pk).status == BookingStatus.CANCELLED
    assert Booking.objects.get(pk=private.pk).purpose == "–"
    # The cooperation's booking stays its record, with its cost.
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED
    assert not room.people.filter(pk=ben.pk).exists()
