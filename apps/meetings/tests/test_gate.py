"""Every meetings write asks the cooperation's one write gate: a former member and
anyone in an ended cooperation are refused with the gate's message, and the pages
offer them no controls to change anything."""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import Meeting
from apps.meetings.tests.conftest import assign, in_days, plan
from tests.factories import end, remove

pytestmark = pytest.mark.django_db

NOT_MEMBER = "Das können nur aktuelle Mitglieder der Kooperation."
ENDED = "Diese Kooperation ist beendet und kann nur noch gelesen werden."


def writes(cooperation: Cooperation, meeting: Meeting, user: User) -> list[Callable[[], object]]:
    """One write of each sub-domain, as ``user`` would try it."""
    draft = meeting.decisions.get()  # type: ignore[attr-defined]
    action = meeting.actions.get()  # type: ignore[attr-defined]
    return [
        lambda: services.meeting_create(
            cooperation=cooperation,
            user=user,
            title="Heimlich",
            starts_at=in_days(3),
            duration_minutes=30,
        ),
        lambda: services.agenda_item_add(meeting=meeting, user=user, title="Heimlich"),
        lambda: services.protocol_save(
            meeting=meeting, user=user, protocol="Heimlich", revision=meeting.protocol_revision
        ),
        lambda: services.decision_confirm(decision=draft, user=user),
        lambda: services.action_complete(action=action, user=user),
        lambda: services.date_poll_create(
            cooperation=cooperation, user=user, title="Heimlich", slots=[in_days(5)]
        ),
    ]


@pytest.fixture
def filled(cooperation: Cooperation, anna: User, ben: User) -> Meeting:
    meeting = plan(cooperation, anna)
    services.agenda_item_add(meeting=meeting, user=ben, title="Bens Punkt")
    services.agenda_item_add(meeting=meeting, user=anna, title="Annas Punkt")
    services.decision_record(meeting=meeting, user=anna, title="Tagessatz")
    assign(cooperation, anna, ben, meeting=meeting)
    return meeting


def test_a_former_member_is_refused_by_every_meetings_write_with_the_gates_message(
    cooperation: Cooperation, anna: User, ben: User, filled: Meeting
) -> None:
    remove(cooperation, anna, ben)
    for write in writes(cooperation, filled, ben):
        with pytest.raises(PermissionDenied) as refused:
            write()
        assert str(refused.value) == NOT_MEMBER


def test_a_member_of_an_ended_cooperation_is_refused_by_every_meetings_write(
    cooperation: Cooperation, anna: User, filled: Meeting
) -> None:
    end(cooperation, anna)
    meeting = Meeting.objects.select_related("cooperation").get(pk=filled.pk)
    for write in writes(meeting.cooperation, meeting, anna):
        with pytest.raises(ValidationError) as refused:
            write()
        assert refused.value.messages == [ENDED]
    # The platform itself (a check-in's agenda item) is refused as well.
    with pytest.raises(ValidationError, match="beendet"):
        services.agenda_item_add(meeting=meeting, user=None, title="Vom Check-in")


def edit_urls(cooperation: Cooperation, meeting: Meeting) -> dict[str, str]:
    """The addresses of the controls that change something on the meeting page."""
    args = [cooperation.pk, meeting.pk]
    item = meeting.agenda_items.get(title="Bens Punkt")  # type: ignore[attr-defined]
    return {
        "edit": reverse("meetings:meeting-edit", args=args),
        "protocol": reverse("meetings:meeting-protocol", args=args),
        "agenda add": reverse("meetings:agenda-add", args=args),
        "agenda move": reverse("meetings:agenda-move", args=[*args, item.pk]),
        "agenda remove": reverse("meetings:agenda-remove", args=[*args, item.pk]),
        "decision add": reverse("meetings:decision-add", args=args),
        "decision confirm": reverse(
            "meetings:decision-confirm",
            args=[cooperation.pk, meeting.decisions.get().pk],  # type: ignore[attr-defined]
        ),
        "action add": reverse("meetings:action-add", args=args),
        "action done": reverse(
            "meetings:action-done",
            args=[cooperation.pk, meeting.actions.get().pk],  # type: ignore[attr-defined]
        ),
    }


def test_the_meeting_page_offers_no_edit_controls_to_a_former_member(
    client: Client, cooperation: Cooperation, anna: User, ben: User, filled: Meeting
) -> None:
    detail = reverse("meetings:meeting-detail", args=[cooperation.pk, filled.pk])
    client.force_login(ben)
    page = client.get(detail).content.decode()
    # The control: a current member sees every one of them (ben brought the item in).
    assert [name for name, url in edit_urls(cooperation, filled).items() if url not in page] == []
    remove(cooperation, anna, ben)
    page = client.get(detail).content.decode()
    assert "Bens Punkt" in page and "Tagessatz" in page
    assert [name for name, url in edit_urls(cooperation, filled).items() if url in page] == []


def test_only_who_brought_an_item_in_or_the_coordination_sees_its_remove_button(
    client: Client, cooperation: Cooperation, anna: User, ben: User, filled: Meeting
) -> None:
    def remove_urls(user: User) -> set[str]:
        client.force_login(user)
        page = client.get(reverse("meetings:meeting-detail", args=[cooperation.pk, filled.pk]))
        return {
            item.title
            for item in filled.agenda_items.all()  # type: ignore[attr-defined]
            if reverse("meetings:agenda-remove", args=[cooperation.pk, filled.pk, item.pk])
            in page.content.decode()
        }

    assert remove_urls(ben) == {"Bens Punkt"}
    assert remove_urls(anna) == {"Bens Punkt", "Annas Punkt"}


def test_my_actions_offers_buttons_only_where_the_user_still_writes(
    client: Client, cooperation: Cooperation, anna: User, ben: User, filled: Meeting
) -> None:
    action = filled.actions.get()  # type: ignore[attr-defined]
    done_url = reverse("meetings:action-done", args=[cooperation.pk, action.pk])
    client.force_login(ben)
    mine = reverse("meetings:my-actions")
    assert done_url in client.get(mine).content.decode()
    remove(cooperation, anna, ben)
    page = client.get(mine).content.decode()
    assert action.title in page and done_url not in page


def test_the_poll_page_offers_answers_and_scheduling_only_to_writers(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    poll = services.date_poll_create(
        cooperation=cooperation, user=anna, title="Klausur", slots=[in_days(9)], place="Leipzig"
    )
    url = reverse("meetings:poll-detail", args=[cooperation.pk, poll.pk])
    schedule = reverse("meetings:poll-schedule", args=[cooperation.pk, poll.pk])
    client.force_login(anna)
    page = client.get(url).content.decode()
    assert "Antworten speichern" in page and schedule in page
    client.force_login(ben)  # a member, but neither coordination nor the poll's starter
    page = client.get(url).content.decode()
    assert "Antworten speichern" in page and schedule not in page
    remove(cooperation, anna, ben)
    page = client.get(url).content.decode()
    assert "Klausur" in page and "Antworten speichern" not in page
    assert timezone.now() < poll.slots.get().starts_at  # still open: only the gate hides it
