"""The invoice pages read in a constant number of queries, however many invoices."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.invoices.models import Invoice
from apps.invoices.services import Draft, Line, invoice_correct, invoice_issue

pytestmark = pytest.mark.django_db


def _issue(cooperation: Cooperation, anna: User, ben: User, count: int) -> None:
    for n in range(count):
        issuer, recipient = (anna, ben) if n % 2 else (ben, anna)
        lines = [
            Line(f"Leistung {n}", Decimal("2"), "HUR", Decimal("90.00")),
            Line("Material", Decimal("1"), "LS", Decimal("20.00"), Decimal("7")),
        ]
        invoice = invoice_issue(
            cooperation=cooperation,
            issuer=issuer,
            draft=Draft(
                recipient,
                f"Auftrag {n}",
                date(2026, 1, 1),
                date(2026, 1, 31),
                lines,
                issue_date=date(2026, 2, 1),
            ),
        )
        if n % 5 == 0:
            invoice_correct(invoice=invoice, user=issuer)


def _count(client: Client, url: str, query: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda c: (reverse("invoices:mine"), None),
        lambda c: (reverse("invoices:mine"), {"richtung": "erhalten"}),
        lambda c: (reverse("invoices:cooperation", args=[c.pk]), None),
        lambda c: (
            reverse("invoices:export"),
            {
                "since": "2026-01-01",
                "until": "2026-12-31",
                "format": "datev",
                "adviser": "1001",
                "client": "1",
            },
        ),
        lambda c: (
            reverse("invoices:export"),
            {
                "since": "2026-01-01",
                "until": "2026-12-31",
                "format": "csv",
                "adviser": "1001",
                "client": "1",
            },
        ),
        lambda c: (
            reverse("invoices:detail", args=[c.pk, Invoice.objects.order_by("-pk").first().pk]),
            None,
        ),  # type: ignore[union-attr]
    ],
    ids=["mine", "received", "cooperation", "datev", "csv", "detail"],
)
def test_invoice_pages_do_not_query_more_with_ten_times_the_invoices(
    cooperation: Cooperation,
    anna: User,
    ben: User,
    with_settings: None,
    page: Callable[[Cooperation], tuple[str, dict[str, str] | None]],
) -> None:
    client = Client()
    client.force_login(anna)
    _issue(cooperation, anna, ben, 3)
    small = _count(client, *page(cooperation))
    _issue(cooperation, anna, ben, 27)
    large = _count(client, *page(cooperation))
    assert large == small
