"""Contribution fixtures: anna coordinates "Führung im Mittelstand", ben is a member,
carla is outside (``cooperation`` is the root conftest's). ``tests.factories.commit``
puts an agreement in force with chosen commitments."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.contributions.services import Entry, contribution_log
from apps.cooperations.models import Cooperation
from tests.factories import commit


def log(
    cooperation: Cooperation, user: User, kind: str = "hours", on: date | None = None, **values: Any
) -> Contribution:
    """Log through the service; hours by default (``hours="2.5"``)."""
    if kind == "hours":
        values.setdefault("hours", Decimal("1"))
    for name in ("hours", "amount"):
        if name in values and values[name] is not None:
            values[name] = Decimal(str(values[name]))
    entry = Entry(kind=kind, done_on=on or timezone.localdate(), **values)
    return contribution_log(cooperation=cooperation, user=user, entry=entry)


@pytest.fixture
def agreed(cooperation: Cooperation, anna: User, ben: User) -> Cooperation:
    """anna commits 12 hours a month and half the costs, ben 6 hours and the other half."""
    commit(cooperation, {anna: 12, ben: 6}, {anna: 50, ben: 50})
    return cooperation
