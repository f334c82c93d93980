"""Query counts of the cooperation pages do not grow with cooperations, members or versions."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation
from tests.factories import agree, join

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def grow(anna: User, ben: User, others: list[User], cooperations: int, versions: int) -> None:
    for i in range(cooperations):
        cooperation = services.cooperation_create(
            founder=anna, title=f"Kooperation {i}", purpose="Zweck.", kind="joint_offer"
        )
        for person in [ben, *others]:
            join(cooperation, anna, person)
        for v in range(versions):
            agree(cooperation, anna, ben, *others, goals=f"Ziele {v}")


@pytest.fixture
def measure(client: Client, anna: User) -> Callable[[str], dict[str, int]]:
    client.force_login(anna)

    def pages(kind: str) -> dict[str, int]:
        newest = Cooperation.objects.order_by("-pk").first()
        assert newest is not None
        pk = newest.pk
        urls = {
            "list": reverse("cooperations:list"),
            "detail": reverse("cooperations:detail", args=[pk]),
            "agreement": reverse("cooperations:agreement", args=[pk]),
            "version": reverse("cooperations:agreement-version", args=[pk, 1]),
            "timeline": reverse("cooperations:timeline", args=[pk]),
            "draft": reverse("cooperations:agreement-draft", args=[pk]),
        }
        return {name: queries(client, url) for name, url in urls.items()}

    return pages


def test_page_queries_do_not_grow_with_data(
    measure: Callable[[str], dict[str, int]],
    anna: User,
    ben: User,
    add_people,  # type: ignore[no-untyped-def]
) -> None:
    grow(anna, ben, [], cooperations=1, versions=1)
    small = measure("small")
    add_people(4)
    others = list(User.objects.exclude(email__endswith="@wirwerk.example"))
    grow(anna, ben, others, cooperations=5, versions=3)
    large = measure("large")
    # The draft page creates nothing the second time; the others only read.
    assert large == small


def test_the_dashboard_puts_cooperations_waiting_for_the_user_first(
    client: Client, anna: User, ben: User
) -> None:
    quiet = services.cooperation_create(founder=anna, title="Ruhig", purpose="x", kind="other")
    waiting = services.cooperation_create(founder=ben, title="Wartet", purpose="x", kind="other")
    join(waiting, ben, anna)
    draft = services.agreement_draft(cooperation=waiting, user=ben)
    services.agreement_propose(draft=draft, user=ben)
    services.cooperation_update(
        cooperation=quiet, user=anna, title="Ruhig", purpose="y", kind="other"
    )
    client.force_login(anna)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert content.index("Wartet") < content.index("Ruhig")
    assert "wartet auf Ihre Annahme" in content
