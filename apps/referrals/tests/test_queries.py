"""Query counts of the referral pages stay flat as referrals pile up."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.referrals.models import Referral, ReferralStatus
from tests.factories import connect

pytestmark = pytest.mark.django_db


def _grow(anna: User, add_people, size: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    """``size`` new connections of anna, each giving her and getting referrals in all states."""
    before = set(User.objects.values_list("pk", flat=True))
    add_people(size, seed=seed)
    people = list(User.objects.exclude(pk__in=before).order_by("pk"))
    statuses = list(ReferralStatus.values)
    rows = []
    for n, other in enumerate(people):
        connect(anna, other)
        for k in range(3):
            status = statuses[(n + k) % len(statuses)]
            giver, receiver = (anna, other) if k % 2 else (other, anna)
            rows.append(
                Referral(
                    giver=giver,
                    receiver=receiver,
                    client_label=f"Kunde {n}-{k}",
                    need="Bedarf",
                    status=status,
                    status_changed_at=timezone.now(),
                    won_value=Decimal("100.00") if status == "won" else None,
                    value_shared=status == "won" and n % 2 == 0,
                )
            )
    Referral.objects.bulk_create(rows)


@pytest.mark.parametrize(
    "params", [{}, {"ansicht": "gegeben"}, {"ansicht": "erhalten", "status": "won"}]
)
def test_list_page_query_count_does_not_grow_with_referrals(
    client: Client, anna: User, add_people, params: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(anna)
    _grow(anna, add_people, 4, seed=31)
    client.get(reverse("referrals:list"), params)  # warm up session and caches
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("referrals:list"), params)
    small_count = len(small)
    assert len(response.context["page"].object_list) > 0
    _grow(anna, add_people, 40, seed=32)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("referrals:list"), params)
    assert len(large) == small_count
    assert small_count <= 8
    assert len(response.context["page"].object_list) > 0


def test_balance_page_query_count_does_not_grow_with_referrals(
    client: Client, anna: User, add_people
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(anna)
    _grow(anna, add_people, 4, seed=41)
    client.get(reverse("referrals:balance"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("referrals:balance"))
    small_count = len(small)
    _grow(anna, add_people, 60, seed=42)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("referrals:balance"))
    assert len(large) == small_count
    assert small_count <= 6
    assert len(response.context["page"].object_list) == 25  # and a second page
