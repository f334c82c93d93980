"""Helpers for the referral tests: connected personas and referrals in any status."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.referrals.models import Referral, ReferralStatus
from apps.referrals.services import ClientConsent, consent_text_for, referral_offer
from tests.factories import connect


def consent_of(giver: User, name: str = "Doris Demir") -> ClientConsent:
    return ClientConsent(
        given_by=name, given_on=date(2026, 1, 5), text=consent_text_for(giver=giver)
    )


def offer(giver: User, receiver: User, **extra: Any) -> Referral:
    """A referral through the service, anonymous unless contact data and consent are given."""
    values: dict[str, Any] = {
        "client_label": "Familienunternehmen im Maschinenbau, 120 Beschäftigte",
        "need": "Konfliktmoderation zwischen zwei Abteilungsleitungen, Anfang März",
        "expected_value": Decimal("2400.00"),
    }
    values.update(extra)
    return referral_offer(giver=giver, receiver=receiver, **values)


def referral_in(giver: User, receiver: User, status: str, **fields: Any) -> Referral:
    """A referral put straight into ``status`` (for permission tables), without history."""
    if status == ReferralStatus.WON:
        fields.setdefault("won_value", Decimal("1000.00"))
    fields.setdefault("client_label", "Bildungswerk")
    fields.setdefault("need", "Zweitägiger Workshop zur Teamentwicklung")
    return Referral.objects.create(
        giver=giver, receiver=receiver, status=status, status_changed_at=timezone.now(), **fields
    )


@pytest.fixture
def partners(anna: User, ben: User) -> tuple[User, User]:
    """anna and ben, connected: the pair that gives and takes."""
    connect(anna, ben)
    return anna, ben
