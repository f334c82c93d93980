"""The driver's rules about cooperations: silence, pending acceptance, check-in due and
"Leave it" – with frozen time, idempotency, escalation and constant queries."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.checkins.services import checkin_answer
from apps.checkins.tests.conftest import (
    FIRST_CHECKIN,
    START,
    answer,
    answer_data,
    make_running,
    open_round,
)
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation
from apps.driver import rules as rules_module
from apps.driver.models import Nudge, NudgeStatus
from apps.driver.rules import registry
from apps.driver.services import driver_run

pytestmark = pytest.mark.django_db

COOPERATION_RULES = ["cooperation_silence", "agreement_pending", "checkin_due", "checkin_leave"]


def run_at(moment, *rules: str):  # type: ignore[no-untyped-def]
    with time_machine.travel(moment, tick=False):
        return driver_run(rules=list(rules))


def open_nudges(rule: str) -> list[Nudge]:
    return list(Nudge.objects.open().filter(rule=rule).order_by("user_id"))


def test_the_four_rules_are_registered_with_the_driver() -> None:
    assert set(COOPERATION_RULES) <= set(registry.names())


# No activity ---------------------------------------------------------------------------


def test_a_cooperation_silent_for_21_days_nudges_every_current_member_once(
    running: Cooperation, anna: User, ben: User
) -> None:
    assert not run_at(START + timedelta(days=20, hours=23), "cooperation_silence").created
    result = run_at(START + timedelta(days=21), "cooperation_silence")
    assert result.created == 2
    nudges = open_nudges("cooperation_silence")
    assert [n.user for n in nudges] == sorted([anna, ben], key=lambda u: u.pk)
    nudge = nudges[0]
    assert (nudge.subject, nudge.period) == (f"cooperation:{running.pk}", "2026-03-02")
    assert nudge.url == reverse("cooperations:detail", args=[running.pk])
    assert nudge.cooperation_id == running.pk
    assert not nudge.urgent
    assert nudge.message.startswith(
        "In „Führung im Mittelstand“ ist seit 2. März 2026 nichts mehr passiert."
    )

    # Running again – the same day or a week later – changes nothing: one nudge per streak.
    before = list(Nudge.objects.values())
    assert not run_at(START + timedelta(days=21), "cooperation_silence").changed
    assert not run_at(START + timedelta(days=35), "cooperation_silence").changed
    assert list(Nudge.objects.values()) == before


def test_activity_ends_the_silence_and_a_new_streak_brings_a_new_nudge(
    running: Cooperation, anna: User
) -> None:
    run_at(START + timedelta(days=21), "cooperation_silence")
    with time_machine.travel(START + timedelta(days=22), tick=False):
        cooperation_services.activity_record(cooperation=running)
    assert run_at(START + timedelta(days=22), "cooperation_silence").resolved == 2
    assert not open_nudges("cooperation_silence")

    # 21 days on (one hour more: the clocks went forward on 29 March).
    result = run_at(START + timedelta(days=43, hours=1), "cooperation_silence")
    assert result.created == 2
    assert {n.period for n in open_nudges("cooperation_silence")} == {"2026-03-24"}


def test_silence_skips_former_members_and_ended_cooperations(
    running: Cooperation, anna: User, ben: User
) -> None:
    with time_machine.travel(START, tick=False):
        cooperation_services.member_remove(
            cooperation=running, by=anna, member=ben, reason="Zieht sich zurück."
        )
    run_at(START + timedelta(days=21), "cooperation_silence")
    assert [n.user for n in open_nudges("cooperation_silence")] == [anna]

    running.status = "ended"
    running.save(update_fields=["status"])
    assert run_at(START + timedelta(days=22), "cooperation_silence").resolved == 1


def test_a_cooperation_can_have_its_own_silence_threshold(
    running: Cooperation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        rules_module, "_override_loaders", [lambda: {running.pk: {"silence_days": 7}}]
    )
    assert not run_at(START + timedelta(days=6), "cooperation_silence").created
    assert run_at(START + timedelta(days=7), "cooperation_silence").created == 2


# Agreement waiting for acceptance ------------------------------------------------------


def propose_amendment(cooperation: Cooperation, user: User):  # type: ignore[no-untyped-def]
    draft = cooperation_services.agreement_draft(cooperation=cooperation, user=user)
    fields = {name: getattr(draft, name) for name in cooperation_services.AGREEMENT_TEXT_FIELDS}
    fields["goals"] = "Gemeinsam wachsen, jetzt auch online."
    commitments = {
        c.user_id: {
            "hours_per_month": c.hours_per_month,
            "resources": c.resources,
            "revenue_share": c.revenue_share,
            "cost_share": c.cost_share,
        }
        for c in draft.commitments.all()
    }
    cooperation_services.agreement_draft_save(
        draft=draft, user=user, revision=draft.revision, fields=fields, commitments=commitments
    )
    return cooperation_services.agreement_propose(draft=draft, user=user)


def test_a_version_pending_for_3_days_nudges_who_has_not_accepted_then_escalates(
    running: Cooperation, anna: User, ben: User
) -> None:
    proposed_at = START + timedelta(days=10)
    with time_machine.travel(proposed_at, tick=False):
        version = propose_amendment(running, anna)
        cooperation_services.agreement_accept(version=version, user=anna)

    assert not run_at(proposed_at + timedelta(days=2, hours=23), "agreement_pending").created
    run_at(proposed_at + timedelta(days=3), "agreement_pending")
    (nudge,) = open_nudges("agreement_pending")
    assert (nudge.user, nudge.period, nudge.urgent) == (ben, "reminder", False)
    assert nudge.url == reverse("cooperations:agreement-version", args=[running.pk, 2])
    assert nudge.message == (
        "Fassung 2 der Vereinbarung in „Führung im Mittelstand“ wartet seit 12. März 2026 "
        "auf Ihre Annahme."
    )
    assert not run_at(proposed_at + timedelta(days=4), "agreement_pending").changed

    # Twice the threshold: a second, urgent nudge – the first one is resolved.
    result = run_at(proposed_at + timedelta(days=6), "agreement_pending")
    assert (result.created, result.resolved) == (1, 1)
    (urgent,) = open_nudges("agreement_pending")
    assert (urgent.user, urgent.period, urgent.urgent) == (ben, "urgent", True)
    assert "wartet schon seit 12. März 2026" in urgent.message
    assert not run_at(proposed_at + timedelta(days=7), "agreement_pending").changed

    # Accepted: the condition is gone.
    with time_machine.travel(proposed_at + timedelta(days=8), tick=False):
        cooperation_services.agreement_accept(version=version, user=ben)
    assert run_at(proposed_at + timedelta(days=8), "agreement_pending").resolved == 1
    assert not open_nudges("agreement_pending")


def test_a_dismissed_reminder_still_escalates(running: Cooperation, anna: User, ben: User) -> None:
    with time_machine.travel(START + timedelta(days=10), tick=False):
        propose_amendment(running, anna)
    run_at(START + timedelta(days=13), "agreement_pending")
    Nudge.objects.filter(rule="agreement_pending").update(status=NudgeStatus.DISMISSED)
    run_at(START + timedelta(days=16), "agreement_pending")
    assert {(n.user, n.period) for n in open_nudges("agreement_pending")} == {
        (anna, "urgent"),
        (ben, "urgent"),
    }


# Check-in due --------------------------------------------------------------------------


def test_an_open_check_in_nudges_who_has_not_answered_urgent_in_the_last_days(
    running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    run_at(FIRST_CHECKIN, "checkin_due")
    assert {n.user for n in open_nudges("checkin_due")} == {anna, ben}
    nudge = open_nudges("checkin_due")[0]
    assert (nudge.subject, nudge.period, nudge.urgent) == (f"checkin:{check_in.pk}", "open", False)
    assert nudge.url == reverse("checkins:overview", args=[running.pk])
    assert nudge.message == (
        "Zeit für den Check-in in „Führung im Mittelstand“: Wie läuft die Zusammenarbeit? "
        "Bitte antworten Sie bis 14. Juni 2026."
    )
    assert not run_at(FIRST_CHECKIN + timedelta(days=1), "checkin_due").changed

    # Answering closes the own nudge at once; the next run agrees.
    answer(check_in, anna, FIRST_CHECKIN + timedelta(days=2))
    assert [n.user for n in open_nudges("checkin_due")] == [ben]
    assert not run_at(FIRST_CHECKIN + timedelta(days=2), "checkin_due").changed

    # Three days before the deadline: ben's reminder comes again, urgent.
    result = run_at(FIRST_CHECKIN + timedelta(days=11), "checkin_due")
    assert (result.created, result.resolved) == (1, 1)
    (urgent,) = open_nudges("checkin_due")
    assert (urgent.user, urgent.period, urgent.urgent) == (ben, "last-days", True)
    assert urgent.message.startswith("Der Check-in in „Führung im Mittelstand“ endet am 14. Juni")
    assert not run_at(FIRST_CHECKIN + timedelta(days=12), "checkin_due").changed

    # After the deadline the round is over: nothing left to nudge about.
    assert run_at(FIRST_CHECKIN + timedelta(days=14), "checkin_due").resolved == 1


# Leave it ------------------------------------------------------------------------------


def test_leave_it_nudges_the_other_members_at_once_with_the_exit_page(
    anna: User, ben: User, carla: User, django_capture_on_commit_callbacks: Any
) -> None:
    running = make_running(anna, ben, carla)
    check_in = open_round()
    data = answer_data(choice="leave", comment="Mir fehlt die Zeit.")
    with (
        time_machine.travel(FIRST_CHECKIN, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        checkin_answer(check_in=check_in, user=ben, data=data)
    # The answer itself ran the rule (after commit): no waiting for the dispatcher.
    nudges = open_nudges("checkin_leave")
    assert {n.user for n in nudges} == {anna, carla}
    nudge = nudges[0]
    assert nudge.urgent
    assert nudge.url == reverse("cooperations:exit", args=[running.pk])
    assert nudge.message.startswith(
        "Ben Brückner hat im Check-in von „Führung im Mittelstand“ „Leave it“ gewählt."
    )
    assert not run_at(FIRST_CHECKIN + timedelta(days=1), "checkin_leave").changed

    # Once someone proposes the exit, the conversation is open: the nudges resolve.
    with time_machine.travel(FIRST_CHECKIN + timedelta(days=2), tick=False):
        cooperation_services.exit_propose(
            cooperation=running, user=ben, kind="leave", reason="Mir fehlt die Zeit dafür."
        )
    assert run_at(FIRST_CHECKIN + timedelta(days=2), "checkin_leave").resolved == 2


def test_changing_leave_it_to_love_it_takes_the_nudges_back(
    running: Cooperation, anna: User, ben: User
) -> None:
    check_in = open_round()
    answer(check_in, ben, FIRST_CHECKIN, choice="leave", comment="Ich weiß nicht weiter.")
    run_at(FIRST_CHECKIN, "checkin_leave")
    assert [n.user for n in open_nudges("checkin_leave")] == [anna]
    answer(check_in, ben, FIRST_CHECKIN + timedelta(hours=1), choice="love")
    assert not open_nudges("checkin_leave")
    assert not run_at(FIRST_CHECKIN + timedelta(hours=2), "checkin_leave").changed


# Constant queries ----------------------------------------------------------------------


def _grow(people: list[User]) -> None:
    """One cooperation per pair of ``people``, each with every condition of the rules:
    silent, an amendment waiting, an open check-in, and "Leave it" in every other one."""
    pairs = list(zip(people[::2], people[1::2], strict=True))
    for founder, partner in pairs:
        cooperation = make_running(founder, partner, title=f"Kooperation {founder.pk}")
        with time_machine.travel(START + timedelta(days=20), tick=False):
            propose_amendment(cooperation, founder)
    open_round()
    for index, (_founder, partner) in enumerate(pairs):
        if index % 2 == 0:
            check_in = partner.cooperation_memberships.get().cooperation.check_ins.get()
            answer(check_in, partner, FIRST_CHECKIN, choice="leave", comment="Zu viel.")


def _queries(rule: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        result = driver_run(now=FIRST_CHECKIN + timedelta(days=12), rules=[rule])
    return len(ctx), result.created


def test_each_rule_needs_the_same_queries_for_few_and_many_cooperations(
    anna: User, add_people: Callable[..., None]
) -> None:
    add_people(24)
    people = list(User.objects.exclude(email__endswith="@wirwerk.example").order_by("pk"))
    # Two cooperations, so that each rule finds something in the small set too.
    _grow(people[:4])
    small = {rule: _queries(rule) for rule in COOPERATION_RULES}
    _grow(people[4:24])
    large = {rule: _queries(rule) for rule in COOPERATION_RULES}
    for rule in COOPERATION_RULES:
        assert large[rule][0] == small[rule][0], rule
        # The large run did find more to nudge about: the data really grew.
        assert large[rule][1] > small[rule][1] > 0, rule
