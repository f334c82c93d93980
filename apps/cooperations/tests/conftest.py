"""Cooperation fixtures: anna and ben are connected and cooperate; carla is outside."""

from typing import Any

import pytest

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation, CooperationKind, FitCheck
from apps.network.models import Connection


def connect(a: User, b: User) -> Connection:
    low, high = Connection.ordered_ids(a.pk, b.pk)
    return Connection.objects.get_or_create(user_low_id=low, user_high_id=high)[0]


def answers(**overrides: Any) -> dict[str, Any]:
    """A complete fit check answer; tests change what they are about."""
    data: dict[str, Any] = {
        "goals": "Ein gemeinsames Führungskräfteprogramm für den Mittelstand entwickeln.",
        "result_in_12_months": "Das Programm ist dreimal durchgeführt.",
        "hours_per_month": 10,
        "money_expectation": "side",
        "money_note": "",
        "decision_style": "consensus",
        "risk_appetite": 3,
        "communication_rhythm": "biweekly",
        "values": "Verlässlichkeit, Offenheit",
        "personality": 4,
        "behaviour": 4,
        "culture": 4,
        "organisation": 3,
    }
    data.update(overrides)
    return data


def join(cooperation: Cooperation, inviter: User, user: User) -> None:
    connect(inviter, user)
    invitation = services.invitation_create(cooperation=cooperation, inviter=inviter, invitee=user)
    services.invitation_accept(invitation=invitation, user=user)


@pytest.fixture
def cooperation(anna: User, ben: User) -> Cooperation:
    """anna coordinates, ben is a member."""
    cooperation = services.cooperation_create(
        founder=anna,
        title="Führung im Mittelstand",
        purpose="Ein gemeinsames Programm für Führungskräfte in Familienunternehmen.",
        kind=CooperationKind.JOINT_OFFER,
    )
    join(cooperation, anna, ben)
    return cooperation


@pytest.fixture
def revealed(cooperation: Cooperation, anna: User, ben: User) -> FitCheck:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    services.fit_check_answer(fit_check=fit_check, user=anna, data=answers())
    services.fit_check_answer(fit_check=fit_check, user=ben, data=answers(hours_per_month=4))
    fit_check.refresh_from_db()
    return fit_check


def agree(cooperation: Cooperation, *people: User, goals: str = "Gemeinsam wachsen.") -> Any:
    """Draft, propose and accept by everyone: the next version is in force."""
    draft = services.agreement_draft(cooperation=cooperation, user=people[0])
    commitments = {
        c.user_id: {
            "hours_per_month": c.hours_per_month,
            "resources": c.resources,
            "revenue_share": c.revenue_share,
            "cost_share": c.cost_share,
        }
        for c in draft.commitments.all()
    }
    fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
    fields["goals"] = goals
    services.agreement_draft_save(
        draft=draft, user=people[0], revision=draft.revision, fields=fields, commitments=commitments
    )
    version = services.agreement_propose(draft=draft, user=people[0])
    for person in people:
        services.agreement_accept(version=version, user=person)
    version.refresh_from_db()
    return version
