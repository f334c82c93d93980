from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.accounts.models import User
from apps.cocreation import services
from apps.cocreation.models import Circle, CircleMembership, JoinRequestStatus
from apps.cocreation.rules import (
    circle_gathering_tomorrow,
    circle_join_request,
    circle_not_meeting,
)
from apps.cocreation.tests.conftest import add_member
from apps.driver.rules import DriverRun
from apps.meetings.feed_sources import feed_events


def test_joining_records_the_norms_version_accepted(circle: Circle, ben: User) -> None:
    membership = CircleMembership.objects.get(circle=circle, user=ben)
    assert membership.norms_version == circle.norms_version
    assert membership.norms_accepted_at is not None


def test_a_request_without_accepting_the_norms_is_refused(circle: Circle, carla: User) -> None:
    with pytest.raises(ValidationError):
        services.join_request_create(circle=circle, user=carla, message="Hallo", accept_norms=False)


def test_any_member_may_decide_a_request_but_not_an_outsider(
    circle: Circle, ben: User, carla: User, add_people
) -> None:  # type: ignore[no-untyped-def]
    add_people(2)
    stranger = User.objects.exclude(pk__in=[circle.created_by_id, ben.pk, carla.pk]).first()
    assert stranger is not None
    request = services.join_request_create(
        circle=circle, user=carla, message="Hallo", accept_norms=True
    )
    with pytest.raises(PermissionDenied):
        services.join_request_decide(join_request=request, user=stranger, accept=True)
    services.join_request_decide(join_request=request, user=ben, accept=False)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.DECLINED
    assert request.decided_by == ben
    assert not CircleMembership.objects.filter(circle=circle, user=carla).exists()


def test_the_size_limit_holds_on_request_and_on_acceptance(
    anna: User, ben: User, carla: User
) -> None:
    circle = services.circle_create(
        founder=anna, name="Klein", purpose="Zu zweit", norms="Ehrlich.", size_limit=2
    )
    request = services.join_request_create(
        circle=circle, user=carla, message="Hallo", accept_norms=True
    )
    add_member(circle, ben, by=anna)
    with pytest.raises(ValidationError, match="voll"):
        services.join_request_decide(join_request=request, user=anna, accept=True)
    services.circle_leave(circle=circle, user=ben)
    services.join_request_decide(join_request=request, user=anna, accept=True)
    assert CircleMembership.objects.current().filter(circle=circle).count() == 2


def test_a_member_who_left_loses_access(client, circle: Circle, ben: User) -> None:  # type: ignore[no-untyped-def]
    client.force_login(ben)
    assert client.get(f"/kreise/{circle.pk}/").status_code == 200
    client.post(f"/kreise/{circle.pk}/verlassen/")
    assert client.get(f"/kreise/{circle.pk}/").status_code == 404


def test_outsiders_get_404_but_may_read_the_norms_before_joining(
    client, circle: Circle, carla: User
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(carla)
    assert client.get(f"/kreise/{circle.pk}/").status_code == 404
    assert client.get(f"/kreise/{circle.pk}/kalender.ics").status_code == 404
    page = client.get(f"/kreise/{circle.pk}/beitreten/")
    assert "Vertraulich." in page.content.decode()
    assert "Anna" not in page.content.decode()  # no members' names before joining


def _gathering(circle: Circle, user: User, starts_in: timedelta):  # type: ignore[no-untyped-def]
    start = timezone.now() + starts_in
    return services.gathering_create(
        circle=circle,
        user=user,
        title="Kreistreffen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Café Central",
    )


def test_the_reminder_goes_to_yes_and_silent_members_the_day_before(
    circle: Circle, anna: User, ben: User, carla: User
) -> None:
    add_member(circle, carla, by=anna)
    gathering = _gathering(circle, anna, timedelta(days=1))
    services.rsvp_set(gathering=gathering, user=anna, answer="yes")
    services.rsvp_set(gathering=gathering, user=ben, answer="no")
    run = DriverRun.start(now=gathering.starts_at - timedelta(days=1))
    nudged = {spec.user_id for spec in circle_gathering_tomorrow(run)}
    assert nudged == {anna.pk, carla.pk}


def test_a_circle_that_does_not_meet_in_its_rhythm_is_nudged(circle: Circle, anna: User) -> None:
    later = timezone.now() + timedelta(days=circle.rhythm_days + 1)
    assert {spec.subject for spec in circle_not_meeting(DriverRun.start(now=later))} == {
        f"circle:{circle.pk}"
    }
    _gathering(circle, anna, timedelta(days=circle.rhythm_days))
    assert list(circle_not_meeting(DriverRun.start(now=later))) == []


def test_gatherings_are_in_the_ics_and_the_personal_feed(
    client, circle: Circle, anna: User, ben: User
) -> None:  # type: ignore[no-untyped-def]
    gathering = _gathering(circle, anna, timedelta(days=3))
    client.force_login(ben)
    ics = client.get(f"/kreise/{circle.pk}/kalender.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert f"gathering-{gathering.pk}@".encode() in ics.content
    assert any(
        str(event["uid"]).startswith(f"gathering-{gathering.pk}@")
        for event in feed_events(user=ben)
    )


def test_gatherings_need_a_place_or_a_link(circle: Circle, anna: User) -> None:
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError):
        services.gathering_create(
            circle=circle, user=anna, title="T", starts_at=start, ends_at=start + timedelta(hours=1)
        )


def test_board_posts_render_markdown_safely(client, circle: Circle, ben: User) -> None:  # type: ignore[no-untyped-def]
    post = services.post_create(
        circle=circle, user=ben, title="Frage", body="**Wer** kennt <script>x()</script>?"
    )
    client.force_login(ben)
    html = client.get(f"/kreise/{circle.pk}/brett/{post.pk}/").content.decode()
    assert "<strong>Wer</strong>" in html
    assert "<script>x()" not in html


def test_the_circle_page_query_count_does_not_grow_with_members_and_posts(
    client, circle: Circle, anna: User, add_people
) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(anna)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/kreise/{circle.pk}/").status_code == 200
        return len(queries)

    _gathering(circle, anna, timedelta(days=2))
    services.post_create(circle=circle, user=anna, title="Eins", body="Text")
    few = count()
    add_people(9)
    circle.size_limit = 20
    circle.save()
    for person in User.objects.exclude(circle_memberships__circle=circle)[:9]:
        add_member(circle, person, by=anna)
        services.post_create(circle=circle, user=person, title="Frage", body="Text")
    assert count() == few


def test_members_hear_of_a_join_request_until_one_decides(
    circle: Circle, anna: User, ben: User, carla: User
) -> None:
    request = services.join_request_create(
        circle=circle, user=carla, message="Hallo", accept_norms=True
    )
    specs = list(circle_join_request(DriverRun.start()))
    assert {spec.user_id for spec in specs} == {anna.pk, ben.pk}
    assert "Carla" in specs[0].params["name"]
    services.join_request_decide(join_request=request, user=ben, accept=True)
    assert list(circle_join_request(DriverRun.start())) == []
