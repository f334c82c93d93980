"""Contribution fixtures: anna coordinates "Führung im Mittelstand", ben is a member,
carla is outside. ``commit`` puts an agreement in force with chosen commitments."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from apps.accounts.models import User
from apps.contributions.models import Contribution
from apps.contributions.services import Entry, contribution_log
from apps.cooperations import services
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.cooperations.tests.conftest import cooperation, join

__all__ = ["commit", "cooperation", "join", "log"]


def commit(
    cooperation: Cooperation,
    hours: dict[User, str | int],
    cost: dict[User, str | int] | None = None,
) -> AgreementVersion:
    """Draft, propose and accept by everyone, with ``hours`` per month (and cost shares)."""
    people = list(hours)
    draft = services.agreement_draft(cooperation=cooperation, user=people[0])
    commitments: dict[int, dict[str, Any]] = {}
    for c in draft.commitments.all():
        person = next(p for p in people if p.pk == c.user_id)
        commitments[c.user_id] = {
            "hours_per_month": Decimal(hours[person]),
            "resources": c.resources,
            "revenue_share": c.revenue_share,
            "cost_share": Decimal(cost[person]) if cost else c.cost_share,
        }
    fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
    services.agreement_draft_save(
        draft=draft, user=people[0], revision=draft.revision, fields=fields, commitments=commitments
    )
    version = services.agreement_propose(draft=draft, user=people[0])
    for person in people:
        services.agreement_accept(version=version, user=person)
    version.refresh_from_db()
    return version


def log(
    cooperation: Cooperation, user: User, kind: str = "hours", on: date | None = None, **values: Any
) -> Contribution:
    """Log through the service; hours by default (``hours="2.5"``)."""
    from django.utils import timezone

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
