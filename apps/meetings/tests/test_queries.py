"""Query counts of the meetings pages do not grow with meetings, items, decisions,
actions, answers or members."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import DatePoll, Meeting
from apps.meetings.tests.conftest import assign, in_days, plan
from tests.factories import join

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context)


def fill(cooperation: Cooperation, anna: User, people: list[User], size: int) -> None:
    """``size`` meetings ahead and behind, each with agenda, decisions and actions."""
    previous = None
    for index in range(size):
        for days in (index + 1, -(index + 1)):
            meeting = plan(cooperation, anna, title=f"Besprechung {days}", starts_at=in_days(days))
            for person in people:
                services.agenda_item_add(meeting=meeting, user=person, title=f"Punkt {person}")
                assign(cooperation, anna, person, meeting=meeting, title=f"Aufgabe {days}")
            draft = services.decision_record(
                meeting=meeting, user=anna, title=f"Beschluss {days}", supersedes=previous
            )
            previous = services.decision_confirm(decision=draft, user=anna)
            services.decision_record(meeting=meeting, user=anna, title="Entwurf")
    poll = services.date_poll_create(
        cooperation=cooperation,
        user=anna,
        title=f"Umfrage {size}",
        slots=[in_days(30 + n) for n in range(size + 1)],
        place="Leipzig",
    )
    for person in people:
        services.date_poll_answer(
            poll=poll, user=person, answers={s.pk: "yes" for s in poll.slots.all()}
        )
    services.calendar_feed_create(user=anna)


@pytest.fixture
def measure(client: Client, anna: User) -> Callable[[Cooperation], dict[str, int]]:
    client.force_login(anna)

    def pages(cooperation: Cooperation) -> dict[str, int]:
        pk = cooperation.pk
        meeting = Meeting.objects.filter(cooperation=cooperation, title="Besprechung 1").get()
        poll = DatePoll.objects.filter(cooperation=cooperation).latest("pk")
        feed = anna.calendar_feeds.get(revoked_at__isnull=True)  # type: ignore[attr-defined]
        urls = {
            "list": reverse("meetings:meeting-list", args=[pk]),
            "past": reverse("meetings:meeting-list", args=[pk]) + "?ansicht=vergangene",
            "detail": reverse("meetings:meeting-detail", args=[pk, meeting.pk]),
            "ics": reverse("meetings:meeting-ics", args=[pk, meeting.pk]),
            "decisions": reverse("meetings:decision-list", args=[pk]),
            "actions": reverse("meetings:action-list", args=[pk]) + "?status=all",
            "poll": reverse("meetings:poll-detail", args=[pk, poll.pk]),
            "my actions": reverse("meetings:my-actions") + "?status=all",
            "feed": reverse("meetings:calendar-feed", args=[feed.token]),
        }
        return {name: queries(client, url) for name, url in urls.items()}

    return pages


def test_page_queries_do_not_grow_with_data(
    measure: Callable[[Cooperation], dict[str, int]],
    anna: User,
    ben: User,
    add_people,  # type: ignore[no-untyped-def]
) -> None:
    small_coop = cooperation_services.cooperation_create(
        founder=anna, title="Klein", purpose="Zweck.", kind="other"
    )
    join(small_coop, anna, ben)
    fill(small_coop, anna, [anna, ben], size=1)
    small = measure(small_coop)

    add_people(4)
    others = list(User.objects.exclude(email__endswith="@wirwerk.example"))
    large_coop = cooperation_services.cooperation_create(
        founder=anna, title="Groß", purpose="Zweck.", kind="other"
    )
    for person in [ben, *others]:
        join(large_coop, anna, person)
    fill(large_coop, anna, [anna, ben, *others], size=4)
    large = measure(large_coop)
    print("queries per page:", large)  # the figures for the note
    assert large == small
    assert Meeting.objects.count() == 2 + 8
