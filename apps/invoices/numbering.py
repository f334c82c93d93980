"""Gapless invoice numbers per issuer and year ("2026-0001").

The next number is taken from the issuer's counter row inside the transaction
that writes the invoice: on PostgreSQL the row is locked (``select_for_update``)
until the invoice is committed, so a rolled-back invoice returns its number and
two concurrent invoices wait for each other. SQLite serialises write transactions
(``BEGIN IMMEDIATE``, see settings); ``retrying`` waits out a busy database.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction

from apps.accounts.models import User
from apps.invoices.models import InvoiceCounter

T = TypeVar("T")

ATTEMPTS = 50


def next_number(*, issuer: User, year: int) -> tuple[int, str]:
    """The next sequence and number of ``issuer`` in ``year``; call inside ``atomic``."""
    if not InvoiceCounter.objects.filter(issuer=issuer, year=year).exists():
        try:
            with transaction.atomic():
                InvoiceCounter.objects.create(issuer=issuer, year=year)
        except IntegrityError:
            pass  # a concurrent first invoice of the year created it
    counter = InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{year}-{counter.last:04d}"


def _busy(error: OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "could not serialize" in text or "deadlock" in text


def retrying(write: Callable[[], T]) -> T:
    """Run ``write`` (its own transaction) again while the database is busy.

    Only the outermost transaction can be repeated; inside one the error goes up.
    """
    if connection.in_atomic_block:
        return write()
    for attempt in range(ATTEMPTS):
        try:
            return write()
        except OperationalError as error:
            if not _busy(error) or attempt == ATTEMPTS - 1:
                raise
            time.sleep((attempt + 1) / 100)  # seconds, not money
    raise AssertionError("unreachable")
