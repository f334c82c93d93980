"""The pages: planning, agenda, protocol, decisions, actions and polls through the UI."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.meetings import services
from apps.meetings.models import Action, ActionStatus, DatePoll, Decision, DecisionStatus, Meeting
from apps.meetings.tests.conftest import assign, in_days, plan

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"meetings:{name}", args=args)


def test_a_member_plans_a_meeting_through_the_form(
    client: Client, cooperation: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    start = in_days(5, hour=14)
    response = client.post(
        url("meeting-new", cooperation.pk),
        {
            "title": "Konzeptklausur",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "90",
            "place": "",
            "video_url": "https://meet.example.org/klausur",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == url("meeting-detail", cooperation.pk, meeting.pk)
    assert meeting.starts_at == start  # entered as Berlin time
    page = client.get(response["Location"]).content.decode()
    assert "Konzeptklausur" in page
    assert f"{start.day}. " in page and "14:00–15:30 Uhr" in page


def test_the_form_explains_a_missing_place(
    client: Client, cooperation: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    response = client.post(
        url("meeting-new", cooperation.pk),
        {"title": "X", "starts_at": "2030-01-01T10:00", "duration_minutes": "60"},
    )
    assert response.status_code == 200
    assert "Ort oder einen Videolink" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_protocol_is_markdown_without_scripts(
    client: Client, meeting: Meeting, anna: User
) -> None:
    client.force_login(anna)
    client.post(
        url("meeting-protocol", meeting.cooperation_id, meeting.pk),
        {
            "protocol": "## Ergebnisse\n\n- **Preis** steht\n\n<script>alert(1)</script>"
            "\n\n![x](https://tracker.example.com/p.gif)",
            "revision": "0",
        },
    )
    page = client.get(url("meeting-detail", meeting.cooperation_id, meeting.pk)).content.decode()
    assert "<h4>Ergebnisse</h4>" in page
    assert "<strong>Preis</strong>" in page
    assert "<script>alert" not in page
    assert "tracker.example.com" not in page


def test_a_stale_protocol_edit_shows_the_newer_text(
    client: Client, meeting: Meeting, anna: User, ben: User
) -> None:
    services.protocol_save(meeting=meeting, user=anna, protocol="Annas Fassung", revision=0)
    client.force_login(ben)
    response = client.post(
        url("meeting-protocol", meeting.cooperation_id, meeting.pk),
        {"protocol": "Bens Fassung", "revision": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "inzwischen geändert" in page
    assert "Annas Fassung" in page and "Bens Fassung" in page


def test_a_decision_is_recorded_confirmed_and_then_offers_no_edit(
    client: Client, meeting: Meeting, anna: User
) -> None:
    client.force_login(anna)
    pk = meeting.cooperation_id
    client.post(
        url("decision-add", pk, meeting.pk),
        {"beschluss-title": "Tagessatz 1.200 €", "beschluss-text": "Für alle Neukunden."},
    )
    decision = Decision.objects.get()
    confirm = url("decision-confirm", pk, decision.pk)
    assert "nie mehr geändert" in client.get(confirm).content.decode()
    client.post(confirm)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.FINAL
    page = client.get(url("meeting-detail", pk, meeting.pk)).content.decode()
    assert url("decision-edit", pk, decision.pk) not in page
    response = client.post(url("decision-edit", pk, decision.pk), {"beschluss-title": "Geändert"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.title == "Tagessatz 1.200 €"


def test_the_register_links_superseded_and_superseding_decisions(
    client: Client, cooperation: Cooperation, meeting: Meeting, anna: User
) -> None:
    old = services.decision_confirm(
        decision=services.decision_record(meeting=meeting, user=anna, title="1.100 €"), user=anna
    )
    new = services.decision_confirm(
        decision=services.decision_record(
            meeting=meeting, user=anna, title="1.200 €", supersedes=old
        ),
        user=anna,
    )
    client.force_login(anna)
    page = client.get(url("decision-list", cooperation.pk)).content.decode()
    assert f'href="{url("decision-list", cooperation.pk)}#beschluss-{old.pk}"' in page
    assert f'href="{url("decision-list", cooperation.pk)}#beschluss-{new.pk}"' in page
    assert "decision-superseded" in page
    assert "Abgelöst durch" in page and "Ersetzt" in page


def test_an_action_is_created_from_the_protocol_page_and_marked_done_with_htmx(
    client: Client, meeting: Meeting, anna: User, ben: User
) -> None:
    client.force_login(anna)
    pk = meeting.cooperation_id
    due = timezone.localdate() + timedelta(days=3)
    client.post(
        url("action-add", pk, meeting.pk),
        {
            "aufgabe-title": "Angebot schreiben",
            "aufgabe-owner": ben.pk,
            "aufgabe-due_on": due.isoformat(),
        },
    )
    action = Action.objects.get()
    assert (action.meeting, action.owner, action.due_on) == (meeting, ben, due)
    client.force_login(ben)
    response = client.post(url("action-done", pk, action.pk), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'id="nudge-counter"' in content and 'hx-swap-oob="true"' in content
    assert "Erledigt – danke!" in content
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_an_invalid_action_keeps_the_form_open_with_the_reason(
    client: Client, meeting: Meeting, anna: User, carla: User
) -> None:
    client.force_login(anna)
    response = client.post(
        url("action-add", meeting.cooperation_id, meeting.pk),
        {"aufgabe-title": "X", "aufgabe-owner": carla.pk, "aufgabe-due_on": "2000-01-01"},
    )
    assert response.status_code == 200
    assert not Action.objects.exists()
    assert "<details open" in response.content.decode()


def test_my_actions_lists_only_my_own_with_filters(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    assign(cooperation, anna, ben, title="Bens Aufgabe")
    assign(cooperation, anna, anna, title="Annas Aufgabe")
    client.force_login(ben)
    page = client.get(url("my-actions")).content.decode()
    assert "Bens Aufgabe" in page and "Annas Aufgabe" not in page
    page = client.get(url("my-actions") + "?status=done").content.decode()
    assert "Bens Aufgabe" not in page
    page = client.get(url("my-actions") + "?status=quatsch&kooperation=abc").content.decode()
    assert "Bens Aufgabe" in page  # bad filters fall back to the open ones


def test_a_poll_is_started_answered_and_turned_into_a_meeting(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    client.force_login(ben)
    first, second = in_days(10, 9), in_days(11, 9)
    client.post(
        url("poll-new", cooperation.pk),
        {
            "title": "Strategietag",
            "duration_minutes": "240",
            "place": "Leipzig",
            "slot_1": first.strftime("%Y-%m-%dT%H:%M"),
            "slot_2": second.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    poll = DatePoll.objects.get()
    slots = list(poll.slots.all())
    detail = url("poll-detail", cooperation.pk, poll.pk)
    client.post(detail, {f"slot_{slots[0].pk}": "no", f"slot_{slots[1].pk}": "yes"})
    client.force_login(anna)
    client.post(detail, {f"slot_{slots[0].pk}": "maybe", f"slot_{slots[1].pk}": "yes"})
    page = client.get(detail).content.decode()
    assert "bester Termin" in page and "Diesen Termin festlegen" in page
    response = client.post(url("poll-schedule", cooperation.pk, poll.pk), {"termin": slots[1].pk})
    meeting = Meeting.objects.get()
    assert response["Location"] == url("meeting-detail", cooperation.pk, meeting.pk)
    assert meeting.starts_at == second


def test_the_meeting_list_shows_upcoming_and_past_with_an_empty_state(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    client.force_login(anna)
    page = client.get(url("meeting-list", cooperation.pk)).content.decode()
    assert "Keine Besprechung geplant" in page
    plan(cooperation, anna, title="Rückblick", starts_at=in_days(-7))
    plan(cooperation, anna, title="Ausblick", starts_at=in_days(7))
    page = client.get(url("meeting-list", cooperation.pk)).content.decode()
    assert "Ausblick" in page and "Rückblick" not in page
    page = client.get(url("meeting-list", cooperation.pk) + "?ansicht=vergangene").content.decode()
    assert "Rückblick" in page and "Ausblick" not in page
