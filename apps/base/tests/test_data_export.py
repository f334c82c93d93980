"""A person's data export: every app's section, and nothing of anyone else."""

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.base import data_export
from apps.contributions.services import Entry, contribution_log
from apps.cooperations import services
from apps.meetings import services as meeting_services
from apps.network.models import ContactRequest
from tests.factories import agree, answers, join

pytestmark = pytest.mark.django_db


def busy(founder: User, partner: User, title: str, word: str) -> None:
    """A cooperation with a fit-check answer, an agreement, an action and a contribution."""
    cooperation = services.cooperation_create(
        founder=founder, title=title, purpose=f"Zweck {word}", kind="other"
    )
    join(cooperation, founder, partner)
    fit_check = services.fit_check_start(cooperation=cooperation, user=founder)
    services.fit_check_answer(fit_check=fit_check, user=founder, data=answers(goals=f"Ziel {word}"))
    agree(cooperation, founder, partner)
    meeting_services.action_create(
        cooperation=cooperation,
        user=founder,
        title=f"Aufgabe {word}",
        owner=founder,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    contribution_log(
        cooperation=cooperation,
        user=founder,
        entry=Entry(
            kind="hours",
            done_on=timezone.localdate(),
            hours=Decimal("3"),
            description=f"Beitrag {word}",
        ),
    )
    ContactRequest.objects.create(
        sender=founder, recipient=partner, purpose=f"Anfrage {word} an dich"
    )


def test_a_section_registered_by_an_app_appears_under_its_key(anna: User) -> None:
    def sample(user: User) -> dict[str, Any]:
        return {"email": user.email}

    with data_export.sections.registered("sample", sample):
        export = data_export.user_data_export(anna)

    assert export["sample"] == {"email": anna.email}
    assert "sample" not in data_export.user_data_export(anna)


def test_every_app_adds_its_section_to_the_export() -> None:
    assert {
        "account",
        "profile",
        "network",
        "cooperations",
        "meetings",
        "contributions",
        "referrals",
    } <= set(data_export.sections.names())


def test_annas_export_holds_her_data_and_nothing_of_carla(
    anna: User, ben: User, carla: User
) -> None:
    busy(anna, ben, "Führung im Mittelstand", "annas")
    busy(carla, ben, "Carlas Geheimprojekt", "carlas")

    export = data_export.user_data_export(anna)
    text = json.dumps(export, ensure_ascii=False)

    assert export["account"]["email"] == anna.email
    assert export["profile"] is not None
    cooperations = export["cooperations"]
    assert [m["cooperation"] for m in cooperations["memberships"]] == ["Führung im Mittelstand"]
    assert cooperations["fit_check_answers"][0]["goals"] == "Ziel annas"
    assert cooperations["agreement_acceptances"][0]["version"] == 1
    assert export["meetings"]["actions_owned"][0]["title"] == "Aufgabe annas"
    assert [e["description"] for e in export["contributions"]] == ["Beitrag annas"]
    assert export["network"]["contact_requests_sent"][0]["purpose"] == "Anfrage annas an dich"
    assert export["network"]["connections"][0]["with"] == str(ben)
    assert export["referrals"] == {"given": [], "received": []}
    assert json.loads(text) == export  # JSON-ready as it is
    for trace in ("carlas", "Carlas", carla.email, carla.name):
        assert trace not in text
