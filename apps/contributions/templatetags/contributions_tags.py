"""Numbers of the ledger and the balance, the German way: ``15,5 Std.``, ``86,1 %``."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


def _places(value: Decimal) -> int:
    """0, 1 or 2 decimals: as many as the value needs (hours have at most two)."""
    value = value.quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        return 0
    return 1 if value * 10 == (value * 10).to_integral_value() else 2


def number(value: Decimal | int | None) -> str:
    """A number with only the decimals it needs, e.g. ``1.234,5``."""
    amount = Decimal(value or 0)
    return number_format(amount, decimal_pos=_places(amount), use_l10n=True, force_grouping=True)


@register.filter
def hours(value: Decimal | int | None) -> str:
    """``Decimal("15.50")`` → ``15,5 Std.``"""
    return _("%(hours)s Std.") % {"hours": number(value)}


@register.filter
def signed_hours(value: Decimal | int | None) -> str:
    """A difference of hours with its sign: ``+2,5 Std.`` or ``−20,5 Std.``"""
    amount = Decimal(value or 0)
    sign = "+" if amount > 0 else "−" if amount < 0 else "±"
    return _("%(hours)s Std.") % {"hours": sign + number(abs(amount))}


@register.filter
def percent(value: Decimal | int | None) -> str:
    """``Decimal("86.1")`` → ``86,1 %`` (always one decimal: shares add up to 100,0 %)."""
    amount = Decimal(value or 0)
    return f"{number_format(amount, decimal_pos=1, use_l10n=True)}\xa0%"


@register.filter
def points(value: Decimal | int | None) -> str:
    """A difference of shares: ``+19,4 Pp.`` or ``−19,4 Pp.``"""
    amount = Decimal(value or 0)
    sign = "+" if amount > 0 else "−" if amount < 0 else "±"
    text = number_format(abs(amount), decimal_pos=1, use_l10n=True)
    return _("%(points)s Pp.") % {"points": sign + text}
