"""The authorization walk over EVERY operation of the API, enumerated from its
OpenAPI schema (a new operation is walked without touching this file; a new write
operation must name a valid body below, or the walk fails and says so).

Who asks, and what they must get:
- nobody (no or a wrong token): 401 problem+json everywhere;
- a member with a read-only token: reads work, every write is 403;
- an outsider (carla): 404 on everything that points at anna's records, a cooperation
  she is not in first of all, reads and writes alike;
- a former member (ben after his removal): reads inside the cooperation as on the
  pages, nothing created after he left, and every write 403;
- the member (anna, read-write): every read 200, every write succeeds.
"""

import functools
import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from apps.api.api import api
from apps.api.models import TokenScope
from apps.api.tests.conftest import ApiClient, Demo
from apps.contributions import services as contributions
from apps.meetings import services as meetings
from apps.network.models import Connection, ContactRequest
from apps.profiles.models import Profile, Visibility
from tests.factories import remove

pytestmark = pytest.mark.django_db

PARAM = re.compile(r"{(\w+)}")
AFTER = "nach dem Austritt"


@functools.cache
def schema() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def operations() -> list[tuple[str, str]]:
    """(method, path template) of every operation in the schema."""
    paths = schema()["paths"]
    return sorted((method.upper(), path) for path, ops in paths.items() for method in ops)


def fill(path: str, ids: dict[str, int]) -> str:
    return PARAM.sub(lambda m: str(ids[m.group(1)]), path)


def bodies(demo: Demo) -> dict[tuple[str, str], dict[str, Any]]:
    """A valid body of every write operation that takes one."""
    in_a_week = (timezone.localdate() + timedelta(days=7)).isoformat()
    connected = {
        pk
        for pair in Connection.objects.involving(demo.anna).values_list(
            "user_low_id", "user_high_id"
        )
        for pk in pair
    }
    asked = set(
        ContactRequest.objects.filter(sender=demo.anna).values_list("recipient_id", flat=True)
    ) | set(ContactRequest.objects.filter(recipient=demo.anna).values_list("sender_id", flat=True))
    stranger = (
        Profile.objects.exclude(user_id__in=connected | asked | {demo.anna.pk})
        .exclude(visibility=Visibility.HIDDEN)
        .values_list("user_id", flat=True)
        .first()
    )
    base = "/api/v1/cooperations/{cooperation_id}"
    return {
        ("POST", "/api/v1/contact-requests"): {
            "recipient_id": stranger,
            "purpose": "Ich suche eine Partnerin für ein Führungskräfteprogramm in Leipzig.",
        },
        ("POST", f"{base}/actions"): {"title": "Flyer drucken", "due_on": in_a_week},
        ("POST", f"{base}/meetings"): {
            "title": "Planungstreffen",
            "starts_at": (timezone.now() + timedelta(days=7)).isoformat(),
            "duration_minutes": 90,
            "place": "Leipzig",
        },
        ("POST", f"{base}/contributions"): {
            "kind": "hours",
            "done_on": timezone.localdate().isoformat(),
            "hours": "1.5",
        },
    }


def has_body(method: str, path: str) -> bool:
    operation = schema()["paths"][path][method.lower()]
    return "requestBody" in operation


def call(client: ApiClient, method: str, path: str, demo: Demo, ids: dict[str, int]) -> Any:
    if "bodies" not in demo.cache:
        demo.cache["bodies"] = bodies(demo)
    body = demo.cache["bodies"].get((method, path)) if method != "GET" else None
    if method != "GET" and has_body(method, path):
        assert body is not None, f"name a valid body for {method} {path} in bodies()"
    return client.request(method, fill(path, ids), body)


def assert_problem(response: Any, status: int, where: str) -> None:
    assert response.status_code == status, (where, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/problem+json", where
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["detail"], where


def test_the_walk_covers_every_operation_and_names_the_figures() -> None:
    walked = operations()
    writes = [op for op in walked if op[0] != "GET"]
    inside = [op for op in walked if "{cooperation_id}" in op[1]]
    # Figures for the closing note (printed with -s).
    print(
        f"api_operations={len(walked)} url_patterns={len({p for _m, p in walked})} "
        f"writes={len(writes)} inside_cooperation={len(inside)}"
    )
    assert len(walked) >= 40 and len(writes) >= 11


def walk_nobody(demo: Demo) -> None:
    anonymous = ApiClient(None)
    wrong = ApiClient("ww_not-a-token")
    for method, path in operations():
        for client in (anonymous, wrong):
            response = call(client, method, path, demo, demo.ids)
            assert_problem(response, 401, f"{method} {path}")
            assert response["WWW-Authenticate"].startswith("Bearer")


def walk_read_only(demo: Demo, api_as: Any) -> None:
    reader = api_as(demo.anna, TokenScope.READ)
    for method, path in operations():
        response = call(reader, method, path, demo, demo.ids)
        if method == "GET":
            assert response.status_code == 200, (path, response.content[:300])
        else:
            assert_problem(response, 403, f"{method} {path}")


def walk_outsider(demo: Demo, api_as: Any) -> None:
    carla = api_as(demo.carla)
    for method, path in operations():
        response = call(carla, method, path, demo, demo.ids)
        if PARAM.search(path):
            assert_problem(response, 404, f"{method} {path}")
        elif method == "GET":
            assert response.status_code == 200, path
    listed = carla.get("/api/v1/cooperations").json()["items"]
    assert demo.cooperation.pk not in {c["id"] for c in listed}


def _after_leaving(demo: Demo) -> dict[str, int]:
    """ben leaves; a minute later anna creates records he must not see."""
    remove(demo.cooperation, demo.anna, demo.ben)
    cooperation, anna = demo.cooperation, demo.anna
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        meeting = meetings.meeting_create(
            cooperation=cooperation,
            user=anna,
            title=f"Treffen {AFTER}",
            starts_at=timezone.now() + timedelta(days=2),
            duration_minutes=60,
            place="Leipzig",
        )
        action = meetings.action_create(
            cooperation=cooperation,
            user=anna,
            title=f"Aufgabe {AFTER}",
            owner=anna,
            due_on=timezone.localdate() + timedelta(days=3),
        )
        contributions.contribution_log(
            cooperation=cooperation,
            user=anna,
            entry=contributions.Entry(
                kind="hours",
                done_on=timezone.localdate(),
                hours=Decimal("2"),
                description=f"Konzept {AFTER}",
            ),
        )
    return {"meeting_id": meeting.pk, "action_id": action.pk}


def walk_former_member(demo: Demo, api_as: Any) -> None:
    later = _after_leaving(demo)
    ben = api_as(demo.ben)
    inside = [op for op in operations() if "{cooperation_id}" in op[1]]
    for method, path in inside:
        response = call(ben, method, path, demo, demo.ids)
        where = f"{method} {path}"
        if method == "GET":
            assert response.status_code == 200, (where, response.content[:300])
            assert AFTER not in response.content.decode(), where
        else:
            assert_problem(response, 403, where)
    for method, path in inside:
        if method == "GET" and set(PARAM.findall(path)) & set(later):
            response = call(ben, method, path, demo, {**demo.ids, **later})
            assert_problem(response, 404, f"{path} (created after he left)")
    cooperation = ben.get(f"/api/v1/cooperations/{demo.cooperation.pk}").json()
    assert cooperation["can_write"] is False and cooperation["i_left_at"]


def walk_member(demo: Demo, api_as: Any) -> None:
    anna = api_as(demo.anna)
    used: set[str] = set()
    for method, path in operations():
        params = PARAM.findall(path)
        # A second nudge and request where the first was used up (done, then dismiss).
        ids = {**demo.ids, **{k: v for k, v in demo.extra.items() if k in used and k in params}}
        response = call(anna, method, path, demo, ids)
        expected = 201 if response.status_code == 201 else 200
        assert response.status_code == expected, (method, path, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        if method != "GET":
            used.update(p for p in params if p in demo.extra)


# One demo network per test (seeding takes a while): the refusals change nothing, so
# they share one; the former member's walk comes before the member's writes.


def test_nobody_outsiders_and_read_only_tokens_are_refused_everywhere(
    demo: Demo, api_as: Any
) -> None:
    walk_nobody(demo)
    walk_read_only(demo, api_as)
    walk_outsider(demo, api_as)


def test_a_former_member_reads_the_past_and_the_member_does_everything(
    demo: Demo, api_as: Any
) -> None:
    walk_former_member(demo, api_as)
    walk_member(demo, api_as)
