"""The fit check: hidden until everyone answered, then side by side with talking points."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import fitcheck, services
from apps.cooperations.models import Cooperation, EventKind, FitCheck
from tests.factories import answers, join

pytestmark = pytest.mark.django_db


def answer_like(**overrides: Any) -> SimpleNamespace:
    data = answers(**overrides)
    labels = {
        "get_money_expectation_display": data["money_expectation"],
        "get_decision_style_display": data["decision_style"],
        "get_communication_rhythm_display": data["communication_rhythm"],
    }
    return SimpleNamespace(**data, **{k: (lambda v=v: v) for k, v in labels.items()})


def topics(*given: SimpleNamespace) -> set[str]:
    return {gap.topic for gap in fitcheck.gaps(list(given), [f"P{i}" for i in range(len(given))])}


def test_answers_stay_hidden_until_everyone_has_answered(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    services.fit_check_answer(
        fit_check=fit_check, user=anna, data=answers(goals="Geheimes Ziel von Anna")
    )
    client.force_login(ben)
    page = client.get(reverse("cooperations:fit-check", args=[cooperation.pk])).content.decode()
    assert "Geheimes Ziel von Anna" not in page
    assert "Es fehlen: Ben" in page
    services.fit_check_answer(fit_check=fit_check, user=ben, data=answers(hours_per_month=3))
    page = client.get(reverse("cooperations:fit-check", args=[cooperation.pk])).content.decode()
    assert "Geheimes Ziel von Anna" in page
    assert "Gesprächspunkt" in page  # 10 vs. 3 hours
    assert EventKind.FIT_CHECK_REVEALED in cooperation.events.values_list("kind", flat=True)


def test_a_member_who_joins_before_the_reveal_must_answer_too(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    services.fit_check_answer(fit_check=fit_check, user=anna, data=answers())
    join(cooperation, anna, carla)
    services.fit_check_answer(fit_check=fit_check, user=ben, data=answers())
    fit_check.refresh_from_db()
    assert fit_check.revealed_at is None
    services.fit_check_answer(fit_check=fit_check, user=carla, data=answers())
    fit_check.refresh_from_db()
    assert fit_check.revealed_at is not None


def test_when_the_last_missing_member_leaves_the_answers_are_shown(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    join(cooperation, anna, carla)
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    services.fit_check_answer(fit_check=fit_check, user=anna, data=answers())
    services.fit_check_answer(fit_check=fit_check, user=ben, data=answers())
    services.member_remove(
        cooperation=cooperation, by=anna, member=carla, reason="Passt zeitlich nicht."
    )
    fit_check.refresh_from_db()
    assert fit_check.revealed_at is not None


def test_answers_can_be_changed_until_they_are_revealed(
    revealed: FitCheck, cooperation: Cooperation, anna: User
) -> None:
    with pytest.raises(ValidationError, match="sichtbar"):
        services.fit_check_answer(fit_check=revealed, user=anna, data=answers(hours_per_month=40))


def test_answers_are_validated(cooperation: Cooperation, anna: User) -> None:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    with pytest.raises(ValidationError):
        services.fit_check_answer(fit_check=fit_check, user=anna, data=answers(risk_appetite=9))
    assert not fit_check.answers.exists()


def test_hours_differing_by_more_than_half_are_a_talking_point() -> None:
    assert "hours" in topics(answer_like(hours_per_month=10), answer_like(hours_per_month=4))
    assert "hours" not in topics(answer_like(hours_per_month=10), answer_like(hours_per_month=5))


def test_goals_without_any_overlap_are_a_talking_point() -> None:
    shared = topics(
        answer_like(goals="Ein Programm für Führungskräfte entwickeln"),
        answer_like(goals="Führungskräfte im Handwerk begleiten"),
    )
    assert "goals" not in shared
    apart = topics(
        answer_like(goals="Podcast über Resilienz produzieren", result_in_12_months="Folge 10"),
        answer_like(goals="Büroräume in Köln teilen", result_in_12_months="Mietvertrag"),
    )
    assert "goals" in apart


def test_different_styles_and_dimensions_are_named() -> None:
    found = topics(
        answer_like(
            decision_style="consensus", risk_appetite=1, culture=1, money_expectation="none"
        ),
        answer_like(
            decision_style="majority", risk_appetite=4, culture=5, money_expectation="side"
        ),
    )
    assert {"decisions", "risk", "culture", "money"} <= found
    assert "personality" not in found


def test_the_same_answers_give_no_talking_points() -> None:
    assert topics(answer_like(), answer_like()) == set()


def test_the_side_by_side_table_marks_the_rows_with_gaps() -> None:
    given = [answer_like(hours_per_month=10), answer_like(hours_per_month=2)]
    rows = fitcheck.side_by_side(given, fitcheck.gaps(given, ["A", "B"]))
    marked = {row.label for row in rows if row.gap}
    assert marked == {"Stunden pro Monat"}
    assert all(len(row.values) == 2 for row in rows)
