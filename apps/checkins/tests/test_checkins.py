"""Check-ins: the rhythm, the rounds, answers hidden until everyone answered or the
deadline passed, "Change it" and "Leave it", and the pages inside the cooperation."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from apps.accounts.models import User
from apps.base.records import guards_lifted
from apps.checkins.models import CheckIn, CheckInAnswer
from apps.checkins.selectors import checkin_schedules, checkin_view, next_due_on
from apps.checkins.services import checkins_open_due, checkins_reveal_due
from apps.checkins.tests.conftest import FIRST_CHECKIN, START, answer, make_running, open_round
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from apps.driver import rules as rules_module
from apps.driver.rules import DriverRun

pytestmark = pytest.mark.django_db


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# The rhythm ------------------------------------------------------------------------------


def test_the_first_check_in_is_due_one_review_period_after_the_agreement() -> None:
    assert next_due_on(
        anchor=date(2026, 3, 2), last_due=None, interval=90, today=date(2026, 3, 2)
    ) == date(2026, 5, 31)
    assert next_due_on(
        anchor=date(2026, 3, 2), last_due=date(2026, 5, 31), interval=90, today=date(2026, 6, 1)
    ) == date(2026, 8, 29)
    # Down for longer than a whole interval: one round today, no backlog.
    assert next_due_on(
        anchor=date(2025, 1, 1), last_due=None, interval=90, today=date(2026, 3, 2)
    ) == date(2026, 3, 2)


def test_the_rhythm_comes_from_the_agreement_then_an_override(
    running: Cooperation, monkeypatch: pytest.MonkeyPatch
) -> None:
    with guards_lifted():  # a shortcut for a new version naming another rhythm
        running.agreement_versions.filter(status="in_force").update(review_every_days=30)
    (schedule,) = checkin_schedules(run=DriverRun.start(START))
    assert (schedule.interval_days, schedule.next_due) == (30, date(2026, 4, 1))
    monkeypatch.setattr(
        rules_module, "_override_loaders", [lambda: {running.pk: {"checkin_interval_days": 14}}]
    )
    (schedule,) = checkin_schedules(run=DriverRun.start(START))
    assert (schedule.interval_days, schedule.next_due) == (14, date(2026, 3, 16))


def test_cooperations_without_an_agreement_get_no_check_in(cooperation: Cooperation) -> None:
    with time_machine.travel(START + timedelta(days=400), tick=False):
        assert checkins_open_due() == 0


def test_a_due_round_is_opened_once_with_a_deadline_in_14_days(running: Cooperation) -> None:
    assert checkins_open_due(now=FIRST_CHECKIN - timedelta(days=1)) == 0
    assert checkins_open_due(now=FIRST_CHECKIN) == 1
    assert checkins_open_due(now=FIRST_CHECKIN) == 0  # idempotent
    assert checkins_open_due(now=FIRST_CHECKIN + timedelta(days=30)) == 0
    check_in = CheckIn.objects.get()
    assert (check_in.due_on, check_in.interval_days) == (date(2026, 5, 31), 90)
    assert check_in.deadline == FIRST_CHECKIN + timedelta(days=14)
    # The next one 90 days after the first was due.
    assert checkins_open_due(now=FIRST_CHECKIN + timedelta(days=90)) == 1
    assert list(CheckIn.objects.values_list("due_on", flat=True)) == [
        date(2026, 8, 29),
        date(2026, 5, 31),
    ]


# Answers -------------------------------------------------------------------------------


def test_answers_stay_hidden_until_everyone_answered(
    running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN, personality=5)
    running.membership = running.memberships.get(user=ben)  # type: ignore[attr-defined]
    view = checkin_view(cooperation=running, user=ben, check_in=check_in, now=FIRST_CHECKIN)
    assert not view.revealed and view.can_answer
    assert (view.answered_names, view.waiting_names) == (["Anna Albrecht"], ["Ben Brückner"])
    assert view.answers == [] and view.my_answer is None

    answer(check_in, ben, FIRST_CHECKIN + timedelta(hours=1), choice="change", comment="Mehr Zeit.")
    check_in.refresh_from_db()
    assert check_in.revealed_at == FIRST_CHECKIN + timedelta(hours=1)
    view = checkin_view(cooperation=running, user=ben, check_in=check_in, now=FIRST_CHECKIN)
    assert view.revealed and not view.can_answer
    assert len(view.answers) == 2
    assert [a.comment for a in view.topics] == ["Mehr Zeit."]
    assert view.averages[0] == ("Persönlichkeit", 4.5)


def test_after_the_deadline_the_answers_given_are_shown_and_no_more_taken(
    running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN)
    after = FIRST_CHECKIN + timedelta(days=14)
    running.membership = running.memberships.get(user=anna)  # type: ignore[attr-defined]
    assert checkin_view(cooperation=running, user=anna, check_in=check_in, now=after).revealed
    with pytest.raises(ValidationError, match="abgeschlossen"):
        answer(check_in, ben, after)
    assert checkins_reveal_due(now=after) == 1
    assert checkins_reveal_due(now=after) == 0  # idempotent
    check_in.refresh_from_db()
    assert check_in.revealed_at == after


def test_an_answer_can_be_changed_until_the_round_is_revealed(
    running: Cooperation, anna: User
) -> None:
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN, culture=2)
    answer(check_in, anna, FIRST_CHECKIN + timedelta(hours=1), culture=5)
    assert CheckInAnswer.objects.get().culture == 5


@pytest.mark.parametrize("choice", ["change", "leave"])
def test_change_it_and_leave_it_need_a_comment(
    running: Cooperation, anna: User, choice: str
) -> None:
    check_in = open_round()
    with pytest.raises(ValidationError) as raised:
        answer(check_in, anna, FIRST_CHECKIN, choice=choice, comment="  ")
    assert "comment" in raised.value.message_dict
    assert not CheckInAnswer.objects.exists()


def test_ratings_must_be_between_1_and_5(running: Cooperation, anna: User) -> None:
    check_in = open_round()
    with pytest.raises(ValidationError):
        answer(check_in, anna, FIRST_CHECKIN, behaviour=6)


def test_only_current_members_answer_and_not_in_an_ended_cooperation(
    running: Cooperation, anna: User, ben: User, carla: User
) -> None:
    check_in = open_round()
    with pytest.raises(PermissionDenied):
        answer(check_in, carla, FIRST_CHECKIN)
    running.status = "ended"
    running.save(update_fields=["status"])
    check_in.refresh_from_db()
    with pytest.raises(ValidationError, match="beendet"):
        answer(check_in, anna, FIRST_CHECKIN)


def test_answering_counts_as_activity(running: Cooperation, anna: User) -> None:
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN)
    running.refresh_from_db()
    assert running.last_activity_at == FIRST_CHECKIN


# Pages ---------------------------------------------------------------------------------


def checkin_patterns() -> list[URLPattern]:
    namespace = get_resolver().namespace_dict["checkins"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


def test_every_check_in_url_answers_404_to_an_outsider(
    client: Client, running: Cooperation, carla: User
) -> None:
    check_in = open_round()
    login(client, carla)
    args = {"pk": running.pk, "check_in_id": check_in.pk}
    walked = []
    for pattern in checkin_patterns():
        names = pattern.pattern.regex.groupindex.keys()
        url = reverse(f"checkins:{pattern.name}", kwargs={n: args[n] for n in names})
        assert client.get(url).status_code == 404, pattern.name
        assert client.post(url).status_code == 404, pattern.name
        walked.append(pattern.name)
    assert set(walked) == {"overview", "round", "health"}


def test_a_round_of_another_cooperation_is_404(
    client: Client, running: Cooperation, anna: User, carla: User
) -> None:
    make_running(carla, anna, title="Zweite Kooperation")
    open_round()  # one round in each cooperation
    foreign = CheckIn.objects.exclude(cooperation=running).get()
    login(client, anna)
    url = reverse("checkins:round", args=[running.pk, foreign.pk])
    assert client.get(url).status_code == 404


def test_the_sub_navigation_leads_to_the_check_in(
    client: Client, running: Cooperation, anna: User
) -> None:
    login(client, anna)
    page = client.get(reverse("cooperations:detail", args=[running.pk])).content.decode()
    assert f'href="{reverse("checkins:overview", args=[running.pk])}"' in page


def test_before_the_first_round_the_page_says_when_it_is_due(
    client: Client, running: Cooperation, anna: User
) -> None:
    with time_machine.travel(START + timedelta(days=1), tick=False):
        page = login(client, anna).get(reverse("checkins:overview", args=[running.pk]))
    content = page.content.decode()
    assert "Der erste Check-in ist am 31. Mai 2026 fällig." in content
    assert 'aria-current="page">Check-in</a>' in content


def _post(client: Client, url: str, **data: Any):  # type: ignore[no-untyped-def]
    values = {"personality": 4, "behaviour": 3, "culture": 5, "organisation": 2}
    values.update(data)
    return client.post(url, values)


def test_a_member_answers_on_the_page_and_sees_only_who_answered(
    client: Client, running: Cooperation, anna: User, ben: User
) -> None:
    open_round()
    url = reverse("checkins:overview", args=[running.pk])
    login(client, anna)
    with time_machine.travel(FIRST_CHECKIN + timedelta(hours=1), tick=False):
        page = client.get(url).content.decode()
        assert "Check-in vom 31. Mai 2026" in page
        assert "Love it – weiter so" in page and "Persönlichkeit" in page
        response = _post(client, url, choice="love", comment="Läuft gut.")
        assert response.status_code == 302
        page = client.get(url).content.decode()
    assert "Ihre Antwort ist gespeichert." in page
    assert "Geantwortet: Anna Albrecht." in page and "Es fehlen: Ben Brückner." in page
    assert "Antwort ändern" in page
    # ben does not see anna's answer before his own is in.
    with time_machine.travel(FIRST_CHECKIN + timedelta(hours=2), tick=False):
        theirs = login(Client(), ben).get(url).content.decode()
    assert "Läuft gut." not in theirs and "Antwort abgeben" in theirs


def test_a_missing_comment_is_shown_at_the_field(
    client: Client, running: Cooperation, anna: User
) -> None:
    open_round()
    url = reverse("checkins:overview", args=[running.pk])
    with time_machine.travel(FIRST_CHECKIN + timedelta(hours=1), tick=False):
        response = _post(login(client, anna), url, choice="change", comment="")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bitte schreiben Sie in ein paar Worten, was sich ändern soll." in content


def test_leave_it_shows_a_prominent_way_to_the_exit(
    client: Client, running: Cooperation, anna: User
) -> None:
    open_round()
    url = reverse("checkins:overview", args=[running.pk])
    login(client, anna)
    with time_machine.travel(FIRST_CHECKIN + timedelta(hours=1), tick=False):
        response = _post(client, url, choice="leave", comment="Es passt nicht mehr.")
        page = client.get(response["Location"]).content.decode()
    assert "Die anderen Mitglieder erfahren, dass Sie aussteigen möchten" in page
    assert f'role="button" href="{reverse("cooperations:exit", args=[running.pk])}"' in page
    # No exit was proposed on the member's behalf.
    assert not running.exits.exists()


def test_results_show_everyone_side_by_side_with_the_topics(
    client: Client, running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN, choice="love", comment="Gern weiter so.")
    answer(check_in, ben, FIRST_CHECKIN, choice="change", comment="Mehr Akquise gemeinsam.")
    with time_machine.travel(FIRST_CHECKIN + timedelta(hours=1), tick=False):
        page = login(client, ben).get(reverse("checkins:overview", args=[running.pk]))
    content = page.content.decode()
    assert "Ausgewertet." in content
    assert "Gern weiter so." in content and "Mehr Akquise gemeinsam." in content
    assert "Themen für die nächste Besprechung" in content
    assert "offen – kommt auf die Tagesordnung der nächsten geplanten Besprechung" in content
    assert "4,0 von 5" in content
    assert '<form method="post"' not in content.split("Ergebnis")[1]


def test_an_ended_cooperation_shows_its_check_ins_read_only(
    client: Client, running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN)
    with time_machine.travel(FIRST_CHECKIN + timedelta(days=1), tick=False):
        exit_process = cooperation_services.exit_propose(
            cooperation=running, user=anna, kind="end", reason="Wir haben unser Ziel erreicht."
        )
        for field in ("settlement", "resources", "clients"):
            setattr(exit_process, field, "n_a")
        exit_process.data_decision = "keep_all"
        exit_process.save()
        cooperation_services.exit_complete(exit_process=exit_process, user=anna)
    running.refresh_from_db()
    assert running.is_ended
    login(client, ben)
    with time_machine.travel(FIRST_CHECKIN + timedelta(days=2), tick=False):
        overview = client.get(reverse("checkins:overview", args=[running.pk]))
        posted = _post(client, reverse("checkins:overview", args=[running.pk]), choice="love")
        health = client.get(reverse("checkins:health", args=[running.pk]))
    assert overview.status_code == 200
    assert "Antwort abgeben" not in overview.content.decode()
    assert posted.status_code == 200  # shown again with the refusal, nothing stored
    assert not CheckInAnswer.objects.filter(user=ben).exists()
    assert health.status_code == 200


# "Change it" on the next meeting's agenda ---------------------------------------------------


def plan_meeting(cooperation: Cooperation, user: User, at: Any, starts_at: Any) -> Any:
    from apps.meetings.services import meeting_create

    with time_machine.travel(at, tick=False):
        return meeting_create(
            cooperation=cooperation,
            user=user,
            title="Quartalstreffen",
            starts_at=starts_at,
            duration_minutes=90,
            place="Büro Anna",
        )


def test_change_it_goes_on_the_next_meetings_agenda_when_the_round_is_revealed(
    client: Client,
    running: Cooperation,
    anna: User,
    ben: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from apps.meetings.models import AgendaItem

    check_in = open_round()
    plan_meeting(running, anna, FIRST_CHECKIN, FIRST_CHECKIN - timedelta(days=5))  # past
    later = plan_meeting(running, anna, FIRST_CHECKIN, FIRST_CHECKIN + timedelta(days=20))
    nearer = plan_meeting(running, anna, FIRST_CHECKIN, FIRST_CHECKIN + timedelta(days=10))
    answer(check_in, anna, FIRST_CHECKIN, choice="change", comment="Feste Rollen im Vertrieb.")
    with django_capture_on_commit_callbacks(execute=True):
        answer(check_in, ben, FIRST_CHECKIN + timedelta(hours=1))
    item = AgendaItem.objects.get()
    assert (item.meeting, item.title) == (
        nearer,
        "Aus dem Check-in: Anna Albrecht möchte etwas ändern",
    )
    assert item.note == "Feste Rollen im Vertrieb."
    assert CheckInAnswer.objects.get(user=anna).agenda_item_id == item.pk
    assert later.agenda_items.count() == 0

    with time_machine.travel(FIRST_CHECKIN + timedelta(hours=2), tick=False):
        page = login(client, ben).get(reverse("checkins:overview", args=[running.pk]))
    url = reverse("meetings:meeting-detail", args=[running.pk, nearer.pk])
    assert f'<a href="{url}">steht auf der Tagesordnung</a>' in page.content.decode()


def test_a_topic_waits_for_a_meeting_and_goes_on_its_agenda_once(
    running: Cooperation, anna: User, ben: User
) -> None:
    from apps.checkins.services import checkin_topics_hand_over
    from apps.driver.dispatch import driver_dispatch
    from apps.meetings.models import AgendaItem

    check_in = open_round()
    answer(check_in, ben, FIRST_CHECKIN, choice="change", comment="Weniger E-Mails, mehr Telefon.")
    result = driver_dispatch(now=FIRST_CHECKIN + timedelta(days=14), send_mail=False)
    assert (result.steps["checkins_revealed"], result.steps["checkin_topics"]) == (
        1,
        0,
    )  # no meeting planned
    assert not AgendaItem.objects.exists()

    meeting = plan_meeting(
        running, anna, FIRST_CHECKIN + timedelta(days=15), FIRST_CHECKIN + timedelta(days=30)
    )
    result = driver_dispatch(now=FIRST_CHECKIN + timedelta(days=15, hours=1), send_mail=False)
    assert result.steps["checkin_topics"] == 1
    assert meeting.agenda_items.get().note == "Weniger E-Mails, mehr Telefon."
    assert checkin_topics_hand_over(now=FIRST_CHECKIN + timedelta(days=16)) == 0
    assert AgendaItem.objects.count() == 1


def test_topics_of_an_older_round_no_longer_go_on_an_agenda(
    running: Cooperation, anna: User, ben: User
) -> None:
    from apps.checkins.services import checkin_topics_hand_over

    first = open_round()
    answer(first, ben, FIRST_CHECKIN, choice="change", comment="Mehr Absprache.")
    checkins_reveal_due(now=FIRST_CHECKIN + timedelta(days=14))
    second = open_round(FIRST_CHECKIN + timedelta(days=90))
    answer(second, anna, FIRST_CHECKIN + timedelta(days=90))
    answer(second, ben, FIRST_CHECKIN + timedelta(days=90))  # revealed: the latest round
    plan_meeting(
        running, anna, FIRST_CHECKIN + timedelta(days=91), FIRST_CHECKIN + timedelta(days=100)
    )
    assert checkin_topics_hand_over(now=FIRST_CHECKIN + timedelta(days=91)) == 0
    running.membership = running.memberships.get(user=anna)  # type: ignore[attr-defined]
    view = checkin_view(
        cooperation=running, user=anna, check_in=first, now=FIRST_CHECKIN + timedelta(days=91)
    )
    assert [t.comment for t in view.topics] == ["Mehr Absprache."]
    assert not view.topics_waiting


def test_the_admin_lists_check_ins_answers_and_health(
    client: Client, running: Cooperation, anna: User
) -> None:
    from apps.checkins.services import health_snapshots_write

    check_in = open_round()
    answer(check_in, anna, FIRST_CHECKIN)
    health_snapshots_write(now=FIRST_CHECKIN)
    admin = User.objects.create_superuser("admin@example.org", "x")
    client.force_login(admin)
    for name in ("checkin", "checkinanswer", "healthsnapshot"):
        assert client.get(reverse(f"admin:checkins_{name}_changelist")).status_code == 200, name
    assert (
        client.get(reverse("admin:checkins_checkin_change", args=[check_in.pk])).status_code == 200
    )
