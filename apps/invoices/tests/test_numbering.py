"""Invoice numbers are gapless per issuer and year, also when many invoices are
issued at the same moment (threads with their own connections, on SQLite and on
PostgreSQL) and when an invoice is rolled back."""

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.invoices import demo
from apps.invoices.models import Invoice
from apps.invoices.services import Draft, Line, invoice_issue

THREADS = 6
EACH = 4


def _draft(recipient: User, text: str = "Teamtag", issue_date: date | None = None) -> Draft:
    today = date(2026, 3, 1)
    return Draft(
        recipient=recipient,
        reference=text,
        period_start=today - timedelta(days=7),
        period_end=today,
        lines=[Line(text, Decimal("1"), "DAY", Decimal("800.00"))],
        issue_date=issue_date or today,
    )


def _numbers(issuer: User) -> list[str]:
    return sorted(Invoice.objects.filter(issuer=issuer).values_list("number", flat=True))


@pytest.mark.django_db(transaction=True)
def test_concurrent_invoices_get_unique_gapless_numbers(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    demo.settings_for(anna, "anna")
    demo.settings_for(ben, "ben")
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def issue_some(issuer: User, recipient: User) -> None:
        try:
            start.wait()
            for _ in range(EACH):
                invoice_issue(cooperation=cooperation, issuer=issuer, draft=_draft(recipient))
        except BaseException as error:  # collected: a thread's failure must fail the test
            errors.append(error)
        finally:
            connection.close()

    # Most threads write as anna (one counter row), the rest as ben (another).
    threads = [
        threading.Thread(target=issue_some, args=(anna, ben) if n % 3 else (ben, anna))
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    anna_count = sum(EACH for n in range(THREADS) if n % 3)
    ben_count = THREADS * EACH - anna_count
    assert _numbers(anna) == [f"2026-{n:04d}" for n in range(1, anna_count + 1)]
    assert _numbers(ben) == [f"2026-{n:04d}" for n in range(1, ben_count + 1)]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_invoice_gives_its_number_back(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    demo.settings_for(anna, "anna")
    demo.settings_for(ben, "ben")
    invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben))
    with pytest.raises(RuntimeError), transaction.atomic():
        invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben))
        raise RuntimeError("the surrounding work failed")
    invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben))
    assert _numbers(anna) == ["2026-0001", "2026-0002"]


@pytest.mark.django_db
def test_numbers_count_per_issuer_and_start_again_each_year(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    demo.settings_for(anna, "anna")
    demo.settings_for(ben, "ben")
    invoice_issue(cooperation=cooperation, issuer=anna, draft=_draft(ben))
    invoice_issue(cooperation=cooperation, issuer=ben, draft=_draft(anna))
    invoice_issue(
        cooperation=cooperation, issuer=anna, draft=_draft(ben, issue_date=date(2027, 1, 2))
    )
    assert _numbers(anna) == ["2026-0001", "2027-0001"]
    assert _numbers(ben) == ["2026-0001"]
