"""Tokens and a client that speaks to the API with them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from apps.accounts.models import User
from apps.api import services
from apps.api.models import TokenScope
from apps.cocreation.models import Circle, Session
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.core.demo.personas import ANNA, BEN, CARLA
from apps.core.demo.seed import seed_demo
from apps.driver.models import Nudge
from apps.driver.services import driver_run
from apps.finances.models import Engagement
from apps.invoices.models import Invoice
from apps.meetings.models import Action, Meeting
from apps.network.models import ContactRequest
from apps.referrals.services import referral_offer


class ApiClient:
    """Django's test client with a bearer token and an Accept-Language."""

    def __init__(self, secret: str | None, language: str = "de") -> None:
        self.client = Client()
        self.headers = {"Accept-Language": language}
        if secret:
            self.headers["Authorization"] = f"Bearer {secret}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, data: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            path, data or {}, content_type="application/json", headers=self.headers
        )

    def request(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        return self.get(path) if method == "GET" else self.post(path, data)


@pytest.fixture
def token_for() -> Callable[..., str]:
    def make(user: User, scope: str = TokenScope.READ_WRITE) -> str:
        return services.token_create(user=user, name="Test", scope=scope).secret

    return make


@pytest.fixture
def api_as(token_for: Callable[..., str]) -> Callable[..., ApiClient]:
    """``api_as(anna)``: a client with a read-write token of anna's."""

    def make(
        user: User | None, scope: str = TokenScope.READ_WRITE, language: str = "de"
    ) -> ApiClient:
        return ApiClient(token_for(user, scope) if user else None, language)

    return make


@dataclass
class Demo:
    """The demo network, and ids of anna's records for every path parameter."""

    anna: User
    ben: User
    carla: User
    cooperation: Cooperation
    ids: dict[str, int] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def demo(db: None) -> Demo:
    """``seed_demo`` (10 people), the driver run once; anna's running cooperation
    with ben, which carla is not part of."""
    seed_demo(people=10, seed=3)
    driver_run()
    anna, ben, carla = (User.objects.get(email=p.email) for p in (ANNA, BEN, CARLA))
    cooperation = (
        Cooperation.objects.filter(memberships__user=anna, status="agreed")
        .filter(memberships__user=ben)
        .get()
    )
    assert not cooperation.memberships.filter(user=carla).exists()
    # Two nudges of anna's own: the driver's may be resolved by a write of the walk.
    nudges = [
        Nudge.objects.create(user=anna, rule="api_walk", subject=f"api-{n}", params={}).pk
        for n in range(2)
    ]
    requests = list(
        ContactRequest.objects.pending().filter(recipient=anna).values_list("pk", flat=True)[:2]
    )
    # Two fresh referrals from ben that anna may still accept or decline.
    referrals = [
        referral_offer(
            giver=ben, receiver=anna, client_label=f"Verein {n}", need="Teamtag im Frühjahr"
        ).pk
        for n in range(2)
    ]
    circle = Circle.objects.filter(memberships__user=anna).exclude(memberships__user=carla).first()
    assert circle is not None and len(requests) == 2
    demo = Demo(anna=anna, ben=ben, carla=carla, cooperation=cooperation)
    demo.ids = {
        "cooperation_id": cooperation.pk,
        "number": AgreementVersion.objects.filter(cooperation=cooperation, number__isnull=False)
        .order_by("-number")
        .values_list("number", flat=True)[0],
        "meeting_id": Meeting.objects.filter(cooperation=cooperation).values_list("pk", flat=True)[
            0
        ],
        "action_id": Action.objects.filter(cooperation=cooperation, status="open").values_list(
            "pk", flat=True
        )[0],
        "engagement_id": Engagement.objects.filter(cooperation=cooperation).values_list(
            "pk", flat=True
        )[0],
        "invoice_id": Invoice.objects.filter(issuer=anna, recipient=ben).values_list(
            "pk", flat=True
        )[0],
        "referral_id": referrals[0],
        "circle_id": circle.pk,
        "session_id": Session.objects.filter(cooperation=cooperation).values_list("pk", flat=True)[
            0
        ],
        "nudge_id": nudges[0],
        "request_id": requests[0],
    }
    # A second one where an operation used up the first (accept, then decline).
    demo.extra = {"nudge_id": nudges[1], "request_id": requests[1], "referral_id": referrals[1]}
    return demo
