"""Finance fixtures: anna coordinates "Führung im Mittelstand", ben is a member, carla
is outside (``cooperation`` is the root conftest's)."""

from datetime import date
from decimal import Decimal

import pytest

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.finances import services
from apps.finances.models import Engagement, EngagementLine


def engage(
    cooperation: Cooperation,
    user: User,
    *,
    lead: User | None = None,
    pilot: bool = False,
    **extra: object,
) -> Engagement:
    data = services.EngagementData(
        title=str(extra.get("title", "Workshop Müller GmbH")),
        client="Müller GmbH",
        lead_id=(lead or user).pk,
        starts_on=date(2026, 1, 1),
        is_pilot=pilot,
    )
    return services.engagement_create(cooperation=cooperation, user=user, data=data)


def book(
    engagement: Engagement, user: User, kind: str, amount: str, *, by: User | None = None
) -> EngagementLine:
    return services.line_add(
        engagement=engagement,
        user=user,
        kind=kind,
        member_id=(by or user).pk,
        amount=Decimal(amount),
        booked_on=date(2026, 2, 1),
        description="Posten",
    )


@pytest.fixture
def engagement(cooperation: Cooperation, anna: User) -> Engagement:
    return engage(cooperation, anna)
