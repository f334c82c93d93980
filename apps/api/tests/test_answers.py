"""How the API answers: problem+json in German or English, cursor pages that hold
still while rows are added, writes through the services, the schema and docs page."""

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import User
from apps.api.models import TokenScope
from apps.contributions import services as contributions
from apps.contributions.models import Contribution
from apps.cooperations.models import Cooperation
from apps.meetings import services as meetings
from apps.meetings.models import Action
from tests.factories import end

pytestmark = pytest.mark.django_db


def test_errors_are_problem_json_in_the_clients_language(anna: User, api_as: Any) -> None:
    german = api_as(anna).get("/api/v1/cooperations/999999")
    english = api_as(anna, language="en").get("/api/v1/cooperations/999999")
    for response in (german, english):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert set(response.json()) >= {"type", "title", "status", "detail"}
    assert german.json()["title"] == "Nicht gefunden"
    assert english.json()["title"] == "Not found"
    assert german.json()["type"] == english.json()["type"] == "urn:wirwerk:problem:not-found"


def test_an_unknown_api_address_is_a_problem_too(client: Client) -> None:
    for path in ("/api/v1/gibt-es-nicht", "/api/v2/me", "/api/"):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["title"] == "Not found"


def test_invalid_input_names_the_fields(cooperation: Cooperation, anna: User, api_as: Any) -> None:
    response = api_as(anna, language="en").post(
        f"/api/v1/cooperations/{cooperation.pk}/actions", {"title": "", "due_on": "morgen"}
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["detail"] == "The request contains invalid values."
    assert {e["field"] for e in problem["errors"]} == {"title", "due_on"}


def test_a_refusal_of_a_service_keeps_its_own_message(
    cooperation: Cooperation, anna: User, api_as: Any
) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = api_as(anna).post(
        f"/api/v1/cooperations/{cooperation.pk}/actions", {"title": "Flyer", "due_on": yesterday}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "due_on", "message": "Das Fälligkeitsdatum liegt in der Vergangenheit."}
    ]
    assert not Action.objects.exists()


def test_an_ended_cooperation_refuses_writes_through_the_gate(
    cooperation: Cooperation, anna: User, api_as: Any
) -> None:
    end(cooperation, anna)
    response = api_as(anna).post(
        f"/api/v1/cooperations/{cooperation.pk}/contributions",
        {"kind": "hours", "done_on": timezone.localdate().isoformat(), "hours": "2"},
    )
    assert response.status_code == 422
    assert "beendet" in response.json()["detail"]
    assert not Contribution.objects.exists()


def test_a_member_logs_a_contribution_and_marks_an_action_done(
    cooperation: Cooperation, anna: User, ben: User, api_as: Any
) -> None:
    api = api_as(ben)
    logged = api.post(
        f"/api/v1/cooperations/{cooperation.pk}/contributions",
        {"kind": "money", "done_on": timezone.localdate().isoformat(), "amount": "1234.50"},
    )
    assert logged.status_code == 201
    assert logged.json()["amount"] == "1234.50" and logged.json()["member"]["id"] == ben.pk
    action = meetings.action_create(
        cooperation=cooperation,
        user=anna,
        title="Flyer",
        owner=ben,
        due_on=timezone.localdate(),
    )
    done = api.post(f"/api/v1/cooperations/{cooperation.pk}/actions/{action.pk}/done")
    assert done.status_code == 200 and done.json()["status"] == "done"
    action.refresh_from_db()
    assert action.status == "done" and action.closed_by == ben


def _titles(api: Any, path: str, limit: int) -> list[str]:
    titles, cursor = [], ""
    while True:
        page = api.get(path, limit=limit, cursor=cursor).json()
        titles += [item["title"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return titles


def test_cursor_pages_follow_ids_and_hold_still_while_rows_are_added(
    cooperation: Cooperation, anna: User, api_as: Any
) -> None:
    for n in range(5):
        meetings.action_create(
            cooperation=cooperation,
            user=anna,
            title=f"A{n}",
            owner=anna,
            due_on=timezone.localdate() + timedelta(days=5 - n),
        )
    api = api_as(anna, TokenScope.READ)
    path = f"/api/v1/cooperations/{cooperation.pk}/actions"
    assert _titles(api, path, 2) == ["A0", "A1", "A2", "A3", "A4"]
    first = api.get(path, limit=2).json()
    # A new row while paging: the next page still starts after the last id seen.
    meetings.action_create(
        cooperation=cooperation, user=anna, title="neu", owner=anna, due_on=timezone.localdate()
    )
    second = api.get(path, limit=2, cursor=first["next_cursor"]).json()
    assert [i["title"] for i in second["items"]] == ["A2", "A3"]
    assert re.fullmatch(r"[\w:\-]+", first["next_cursor"])


def test_a_forged_cursor_is_refused(anna: User, api_as: Any) -> None:
    response = api_as(anna).get("/api/v1/cooperations", cursor="MTIz:forged")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"


def test_the_schema_names_every_error_as_problem_json(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status, answer in operation["responses"].items():
                media = set(answer["content"])
                expected = "application/problem+json" if int(status) >= 400 else "application/json"
                assert media == {expected}


def test_the_docs_page_loads_nothing_from_elsewhere(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "cdn" not in html.lower()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_a_meeting_is_planned_with_a_moment_in_a_time_zone(
    cooperation: Cooperation, ben: User, api_as: Any
) -> None:
    api = api_as(ben)
    path = f"/api/v1/cooperations/{cooperation.pk}/meetings"
    soon = timezone.now() + timedelta(days=3)
    naive = api.post(path, {"title": "Planung", "starts_at": soon.replace(tzinfo=None).isoformat()})
    far = api.post(path, {"title": "Planung", "starts_at": soon.replace(year=3000).isoformat()})
    assert naive.status_code == far.status_code == 422
    planned = api.post(path, {"title": "Planung", "starts_at": soon.isoformat(), "place": "Köln"})
    assert planned.status_code == 201
    assert planned.json()["place"] == "Köln" and planned.json()["duration_minutes"] == 60


def _queries(api: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_a_list_costs_the_same_queries_for_1_and_10_rows(
    cooperation: Cooperation, anna: User, api_as: Any
) -> None:
    api = api_as(anna, TokenScope.READ)
    ledger = f"/api/v1/cooperations/{cooperation.pk}/contributions"
    actions = f"/api/v1/cooperations/{cooperation.pk}/actions"

    def add(n: int) -> None:
        for i in range(n):
            contributions.contribution_log(
                cooperation=cooperation,
                user=anna,
                entry=contributions.Entry(
                    kind="hours",
                    done_on=timezone.localdate(),
                    hours=Decimal("1"),
                    description=f"{i}",
                ),
            )
            meetings.action_create(
                cooperation=cooperation,
                user=anna,
                title=f"A{i}",
                owner=anna,
                due_on=timezone.localdate(),
            )

    add(1)
    api.get(ledger)  # the token's "last used" is written once a minute, not now
    once = (_queries(api, ledger), _queries(api, actions))
    add(9)
    assert (_queries(api, ledger), _queries(api, actions)) == once
