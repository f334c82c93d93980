"""Query counts of the ledger with its balance, and of an entry's page, stay flat
as members, entries and corrections grow."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.contributions.services import Entry, contribution_correct
from apps.contributions.tests.conftest import log
from apps.cooperations.models import Cooperation
from tests.factories import commit, join

pytestmark = pytest.mark.django_db

KINDS = ["hours", "hours", "money", "referral", "resource"]


def _entries(cooperation: Cooperation, members: list[User], count: int) -> None:
    """``count`` entries of every kind, spread over the last 120 days (bulk, for speed)."""
    today = timezone.localdate()
    rows = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        rows.append(
            Contribution(
                cooperation=cooperation,
                member=members[n % len(members)],
                kind=kind,
                done_on=today - timedelta(days=n % 120),
                hours=Decimal("1.25") if kind == "hours" else None,
                amount=Decimal("10.00") if kind in ("money", "resource") else None,
                count=1 if kind == "referral" else None,
                description=f"Beitrag {n}",
            )
        )
    Contribution.objects.bulk_create(rows)


def _grow(cooperation: Cooperation, anna: User, ben: User, add_people, size: int, seed: int):  # type: ignore[no-untyped-def]
    before = set(User.objects.values_list("pk", flat=True))
    add_people(size, seed=seed)
    newcomers = list(User.objects.exclude(pk__in=before).order_by("pk"))
    for person in newcomers:
        join(cooperation, anna, person)
    members = [m.user for m in cooperation.memberships.select_related("user").order_by("pk")]
    commit(cooperation, {m: 5 + i for i, m in enumerate(members)})
    _entries(cooperation, members, 30 * size)
    for entry in list(Contribution.objects.filter(member=ben).current()[:size])[:3]:
        contribution_correct(
            contribution=entry,
            user=ben,
            entry=Entry(
                kind="hours",
                done_on=timezone.localdate(),
                hours=Decimal("0.5"),
                description=f"Korrigiert {seed}",
            ),
            reason="Korrektur",
        )


def _count(client: Client, url: str) -> int:
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_ledger_and_balance_query_count_does_not_grow_with_data(
    client: Client, agreed: Cooperation, anna: User, ben: User, add_people
) -> None:
    client.force_login(anna)
    url = reverse("contributions:ledger", args=[agreed.pk])
    log(agreed, anna, hours="2")
    _grow(agreed, anna, ben, add_people, 2, seed=31)
    small = _count(client, url)
    _grow(agreed, anna, ben, add_people, 12, seed=32)
    large = _count(client, url)
    assert Contribution.objects.count() > 400
    assert small == large, (small, large)
    # Filtered and paged lists too.
    assert _count(client, f"{url}?mitglied={ben.pk}&art=hours&seite=2") <= large


def test_entry_page_query_count_does_not_grow_with_the_history(
    client: Client, agreed: Cooperation, ben: User
) -> None:
    client.force_login(ben)
    entry = log(agreed, ben, hours="1")
    url = reverse("contributions:detail", args=[agreed.pk, entry.pk])
    small = _count(client, url)
    for hours in range(2, 12):
        entry = contribution_correct(
            contribution=entry,
            user=ben,
            entry=Entry(kind="hours", done_on=entry.done_on, hours=Decimal(hours)),
            reason=f"Korrektur {hours}",
        )
    assert _count(client, url) == small
