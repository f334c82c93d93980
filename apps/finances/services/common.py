"""What the finance services share: Decimal amounts in cents, current members."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.cooperations.models import Cooperation, Membership
from wirwerk.lib.money import to_cents


def decimal_amount(value: Any, field: str) -> Decimal:
    if not isinstance(value, Decimal | int | str):
        # Money never passes through binary floating point.
        raise TypeError(f"{field} must be a Decimal, not {type(value).__name__}")
    amount = Decimal(str(value))
    try:
        to_cents(amount)
    except ValueError:
        raise ValidationError(
            {field: _("Bitte geben Sie den Betrag in Euro und Cent an.")}
        ) from None
    return amount


def current_ids(cooperation: Cooperation) -> list[int]:
    return list(
        Membership.objects.current()
        .filter(cooperation=cooperation)
        .order_by("created_at", "pk")
        .values_list("user_id", flat=True)
    )


def ensure_member(cooperation: Cooperation, user_id: int, field: str) -> None:
    if user_id not in current_ids(cooperation):
        raise ValidationError({field: _("Bitte wählen Sie ein aktuelles Mitglied.")})
