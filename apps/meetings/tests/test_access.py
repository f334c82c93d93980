"""Outsiders get 404 on every meetings URL; former members and ended cooperations
are read-only."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Decision,
    Meeting,
    PollAnswer,
)
from apps.meetings.tests.conftest import assign, in_days, plan
from tests.factories import end, remove

pytestmark = pytest.mark.django_db

# The person's own pages, outside any cooperation; the feed is opened by its token.
OUTSIDE = {"my-actions", "calendar", "calendar-create", "calendar-revoke"}


def meetings_patterns() -> list[URLPattern]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["meetings"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


@pytest.fixture
def walk_args(cooperation: Cooperation, anna: User, ben: User) -> dict[str, object]:
    meeting = plan(cooperation, anna)
    item = services.agenda_item_add(meeting=meeting, user=anna, title="Rückblick")
    decision = services.decision_record(meeting=meeting, user=anna, title="Tagessatz")
    action = assign(cooperation, anna, ben, meeting=meeting)
    poll = services.date_poll_create(
        cooperation=cooperation, user=anna, title="Klausur", slots=[in_days(9)], place="Leipzig"
    )
    feed = services.calendar_feed_create(user=anna)
    return {
        "pk": cooperation.pk,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "decision_id": decision.pk,
        "action_id": action.pk,
        "poll_id": poll.pk,
        "token": "x" + feed.token,  # a wrong token must look like a missing one
        "owner": anna.pk,
        "slot": f"slot_{poll.slots.get().pk}",
    }


def test_every_meetings_url_answers_404_to_an_outsider(
    client: Client, carla: User, walk_args: dict[str, object]
) -> None:
    client.force_login(carla)
    walked = []
    for pattern in meetings_patterns():
        if pattern.name in OUTSIDE:
            continue
        names = pattern.pattern.regex.groupindex.keys()
        url = reverse(f"meetings:{pattern.name}", kwargs={n: walk_args[n] for n in names})
        assert client.post(url).status_code == 404, pattern.name
        assert client.get(url).status_code in (404, 405), pattern.name
        walked.append(pattern.name)
    # Guard against a silently empty walk.
    assert {"meeting-detail", "decision-confirm", "action-done", "poll-schedule"} <= set(walked)
    assert "calendar-feed" in walked
    assert not Action.objects.exclude(status=ActionStatus.OPEN).exists()
    assert Decision.objects.get().status == "draft"
    assert AgendaItem.objects.count() == 1


def test_ids_from_another_cooperation_answer_404(
    client: Client, cooperation: Cooperation, anna: User, walk_args: dict[str, object]
) -> None:
    from apps.cooperations import services as cooperation_services

    other = cooperation_services.cooperation_create(
        founder=anna, title="Andere", purpose="Etwas anderes.", kind="other"
    )
    client.force_login(anna)
    url = reverse("meetings:meeting-detail", args=[other.pk, walk_args["meeting_id"]])
    assert client.get(url).status_code == 404
    url = reverse("meetings:action-done", args=[other.pk, walk_args["action_id"]])
    assert client.post(url).status_code == 404


def test_members_open_every_page(client: Client, anna: User, walk_args: dict[str, object]) -> None:
    client.force_login(anna)
    pk, meeting, poll = walk_args["pk"], walk_args["meeting_id"], walk_args["poll_id"]
    pages = [
        reverse("meetings:meeting-list", args=[pk]),
        reverse("meetings:meeting-new", args=[pk]),
        reverse("meetings:meeting-detail", args=[pk, meeting]),
        reverse("meetings:meeting-edit", args=[pk, meeting]),
        reverse("meetings:meeting-protocol", args=[pk, meeting]),
        reverse("meetings:meeting-ics", args=[pk, meeting]),
        reverse("meetings:decision-list", args=[pk]),
        reverse("meetings:decision-edit", args=[pk, walk_args["decision_id"]]),
        reverse("meetings:decision-confirm", args=[pk, walk_args["decision_id"]]),
        reverse("meetings:decision-discard", args=[pk, walk_args["decision_id"]]),
        reverse("meetings:action-list", args=[pk]),
        reverse("meetings:action-new", args=[pk]),
        reverse("meetings:action-edit", args=[pk, walk_args["action_id"]]),
        reverse("meetings:poll-new", args=[pk]),
        reverse("meetings:poll-detail", args=[pk, poll]),
        reverse("meetings:my-actions"),
        reverse("meetings:calendar"),
        reverse("meetings:calendar-revoke"),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_login(
    client: Client, walk_args: dict[str, object]
) -> None:
    for url in (
        reverse("meetings:meeting-list", args=[walk_args["pk"]]),
        reverse("meetings:my-actions"),
        reverse("meetings:calendar"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def _write_attempts(args: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    pk, meeting = args["pk"], args["meeting_id"]
    slot_day = in_days(9)
    return [
        (
            reverse("meetings:meeting-new", args=[pk]),
            {
                "title": "Neu",
                "place": "x",
                "starts_at": "2031-01-01T10:00",
                "duration_minutes": "60",
            },
        ),
        (
            reverse("meetings:meeting-edit", args=[pk, meeting]),
            {
                "title": "Geändert",
                "place": "x",
                "starts_at": "2031-01-01T10:00",
                "duration_minutes": "60",
            },
        ),
        (
            reverse("meetings:meeting-protocol", args=[pk, meeting]),
            {"protocol": "Heimlich", "revision": "0"},
        ),
        (reverse("meetings:agenda-add", args=[pk, meeting]), {"punkt-title": "Heimlich"}),
        (reverse("meetings:agenda-remove", args=[pk, meeting, args["item_id"]]), {}),
        (reverse("meetings:decision-add", args=[pk, meeting]), {"beschluss-title": "Heimlich"}),
        (reverse("meetings:decision-confirm", args=[pk, args["decision_id"]]), {}),
        (reverse("meetings:decision-discard", args=[pk, args["decision_id"]]), {}),
        (
            reverse("meetings:action-add", args=[pk, meeting]),
            {
                "aufgabe-title": "Heimlich",
                "aufgabe-owner": args["owner"],
                "aufgabe-due_on": slot_day.date().isoformat(),
            },
        ),
        (reverse("meetings:action-done", args=[pk, args["action_id"]]), {}),
        (reverse("meetings:action-cancel", args=[pk, args["action_id"]]), {}),
        (
            reverse("meetings:poll-new", args=[pk]),
            {
                "title": "Heimlich",
                "place": "x",
                "duration_minutes": "60",
                "slot_1": slot_day.strftime("%Y-%m-%dT%H:%M"),
            },
        ),
        (reverse("meetings:poll-detail", args=[pk, args["poll_id"]]), {args["slot"]: "yes"}),
    ]


def _nothing_changed(meeting_id: object) -> None:
    meeting = Meeting.objects.get(pk=meeting_id)
    assert Meeting.objects.count() == 1
    assert (meeting.title, meeting.protocol) == ("Jour fixe", "")
    assert AgendaItem.objects.count() == 1
    assert Decision.objects.get().status == "draft"
    assert Action.objects.get().status == ActionStatus.OPEN
    assert not Action.objects.exclude(meeting=meeting).exists()
    assert not PollAnswer.objects.exists()


def test_former_members_read_everything_but_change_nothing(
    client: Client, cooperation: Cooperation, anna: User, ben: User, walk_args: dict[str, object]
) -> None:
    remove(cooperation, anna, ben)
    client.force_login(ben)
    detail = reverse("meetings:meeting-detail", args=[cooperation.pk, walk_args["meeting_id"]])
    page = client.get(detail).content.decode()
    assert "nicht mehr Mitglied" in page and "Jour fixe" in page
    assert "Beschluss festhalten" not in page and "Erledigt" not in page
    for url, data in _write_attempts(walk_args):
        assert client.post(url, data).status_code in (200, 302), url
    _nothing_changed(walk_args["meeting_id"])


def test_an_ended_cooperation_is_read_only_for_everyone(
    client: Client, cooperation: Cooperation, anna: User, walk_args: dict[str, object]
) -> None:
    end(cooperation, anna)
    client.force_login(anna)
    page = client.get(reverse("meetings:meeting-list", args=[cooperation.pk])).content.decode()
    assert "beendet" in page and "Besprechung planen" not in page
    for url, data in _write_attempts(walk_args):
        assert client.post(url, data).status_code in (200, 302), url
    _nothing_changed(walk_args["meeting_id"])


def test_the_same_writes_work_for_a_current_member(
    client: Client, anna: User, walk_args: dict[str, object]
) -> None:
    # The control for the two tests above: the refused requests were valid ones.
    client.force_login(anna)
    for url, data in _write_attempts(walk_args):
        assert client.post(url, data).status_code in (200, 302), url
    assert Meeting.objects.count() == 2
    assert Meeting.objects.get(pk=walk_args["meeting_id"]).protocol == "Heimlich"
    assert Decision.objects.get(title="Tagessatz").status == "final"
    assert Action.objects.filter(title="Heimlich").exists()
    assert Action.objects.exclude(title="Heimlich").get().status == ActionStatus.DONE
    assert PollAnswer.objects.filter(user=anna).exists()
    assert AgendaItem.objects.filter(title="Heimlich").exists()
