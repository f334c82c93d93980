"""Talking points from the fit check: where the answers of the members differ.

Pure functions over the answers, so the rules are easy to read and to test. Each
gap names what differs and why it matters; it is a question to talk about, not a
verdict.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Protocol

from django.utils.translation import gettext as _

from apps.matching.engine.text import STOP_WORDS, phrase_stems

RHYTHM_ORDER = ["weekly", "biweekly", "monthly", "quarterly", "as_needed"]
# Words of a goals text that say nothing about the goal itself.
_FILLER = frozenset(
    [
        "gemeinsam",
        "zusammen",
        "ziel",
        "ziele",
        "moecht",
        "wollen",
        "will",
        "jahr",
        "monat",
        "monaten",
        "erreichen",
        "mehr",
        "neue",
        "neu",
        "gute",
        "gut",
        "besser",
    ]
)


class Answer(Protocol):
    goals: str
    result_in_12_months: str
    hours_per_month: int
    money_expectation: str
    decision_style: str
    risk_appetite: int
    communication_rhythm: str
    values: str
    personality: int
    behaviour: int
    culture: int
    organisation: int

    def get_money_expectation_display(self) -> str: ...
    def get_decision_style_display(self) -> str: ...
    def get_communication_rhythm_display(self) -> str: ...


@dataclass(frozen=True)
class Gap:
    topic: str
    text: str


def _words(text: str) -> set[str]:
    return {
        s for s in phrase_stems(text) if s not in STOP_WORDS and s not in _FILLER and len(s) > 2
    }


def _names(pair: tuple[object, object]) -> dict[str, str]:
    return {"a": str(pair[0]), "b": str(pair[1])}


def gaps(answers: Sequence[Answer], names: Sequence[str]) -> list[Gap]:
    """The talking points for answers given by the people called ``names`` (same order)."""
    found: list[Gap] = []
    if len(answers) < 2:
        return found
    hours = [a.hours_per_month for a in answers]
    if min(hours) * 2 < max(hours):
        found.append(
            Gap(
                "hours",
                _(
                    "Die Stunden pro Monat liegen weit auseinander (%(low)d bis %(high)d). "
                    "Wer trägt wie viel – und ist das für alle in Ordnung?"
                )
                % {"low": min(hours), "high": max(hours)},
            )
        )
    pairs = list(combinations(range(len(answers)), 2))
    for i, j in pairs:
        goals_i = _words(answers[i].goals + " " + answers[i].result_in_12_months)
        goals_j = _words(answers[j].goals + " " + answers[j].result_in_12_months)
        if goals_i and goals_j and not goals_i & goals_j:
            found.append(
                Gap(
                    "goals",
                    _(
                        "Die Ziele von %(a)s und %(b)s haben nichts gemeinsam. "
                        "Was wollen Sie zusammen erreichen?"
                    )
                    % _names((names[i], names[j])),
                )
            )
    for i, j in pairs:
        if not _words(answers[i].values) & _words(answers[j].values):
            found.append(
                Gap(
                    "values",
                    _(
                        "%(a)s und %(b)s nennen keine gemeinsamen Werte. "
                        "Was ist Ihnen beiden in der Zusammenarbeit wichtig?"
                    )
                    % _names((names[i], names[j])),
                )
            )
    if len({a.money_expectation for a in answers}) > 1:
        found.append(
            Gap(
                "money",
                _("Die Erwartungen ans Geld unterscheiden sich: %(list)s.")
                % {"list": _listing(names, [a.get_money_expectation_display() for a in answers])},
            )
        )
    if len({a.decision_style for a in answers}) > 1:
        found.append(
            Gap(
                "decisions",
                _("Sie möchten unterschiedlich entscheiden: %(list)s. Welche Regel gilt?")
                % {"list": _listing(names, [a.get_decision_style_display() for a in answers])},
            )
        )
    risks = [a.risk_appetite for a in answers]
    if max(risks) - min(risks) >= 2:
        found.append(
            Gap(
                "risk",
                _(
                    "Die Risikobereitschaft ist verschieden (%(low)d bis %(high)d von 5). "
                    "Wie viel wollen Sie gemeinsam wagen?"
                )
                % {"low": min(risks), "high": max(risks)},
            )
        )
    steps = [RHYTHM_ORDER.index(a.communication_rhythm) for a in answers]
    if max(steps) - min(steps) >= 2:
        found.append(
            Gap(
                "rhythm",
                _("Sie wünschen sich einen sehr verschiedenen Takt der Abstimmung: %(list)s.")
                % {
                    "list": _listing(names, [a.get_communication_rhythm_display() for a in answers])
                },
            )
        )
    for field, label in DIMENSIONS:
        ratings = [getattr(a, field) for a in answers]
        if max(ratings) - min(ratings) >= 2:
            found.append(
                Gap(
                    field,
                    _(
                        "Bei „%(dimension)s“ schätzen Sie sich unterschiedlich ein "
                        "(%(low)d bis %(high)d von 5)."
                    )
                    % {"dimension": label(), "low": min(ratings), "high": max(ratings)},
                )
            )
    return found


def _listing(names: Sequence[str], values: Sequence[str]) -> str:
    return "; ".join(f"{name}: {value}" for name, value in zip(names, values, strict=True))


DIMENSIONS = (
    ("personality", lambda: _("Persönlichkeit")),
    ("behaviour", lambda: _("Verhalten")),
    ("culture", lambda: _("Kultur")),
    ("organisation", lambda: _("Organisation")),
)


@dataclass(frozen=True)
class Row:
    label: str
    values: list[str]
    ratings: list[int] | None
    gap: bool


def side_by_side(answers: Sequence[Answer], found: Sequence[Gap]) -> list[Row]:
    """The answers as rows of a table, one column per person; rows with a gap marked."""
    topics = {gap.topic for gap in found}
    text_rows = [
        ("goals", _("Ziele"), lambda a: a.goals),
        ("goals", _("Ergebnis in 12 Monaten"), lambda a: a.result_in_12_months),
        ("hours", _("Stunden pro Monat"), lambda a: str(a.hours_per_month)),
        ("money", _("Geld"), lambda a: a.get_money_expectation_display()),
        ("decisions", _("Entscheiden"), lambda a: a.get_decision_style_display()),
        ("rhythm", _("Abstimmung"), lambda a: a.get_communication_rhythm_display()),
        ("values", _("Werte"), lambda a: a.values),
    ]
    rows = [
        Row(label, [value(a) for a in answers], None, topic in topics)
        for topic, label, value in text_rows
    ]
    rating_rows = [("risk", "risk_appetite", _("Risikobereitschaft"))]
    rating_rows += [(field, field, label()) for field, label in DIMENSIONS]
    for topic, field, label in rating_rows:
        ratings = [getattr(a, field) for a in answers]
        rows.append(Row(label, [str(r) for r in ratings], ratings, topic in topics))
    return rows
