"""Formatting helpers for templates: money and numbers the German way."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

from wirwerk.lib.markdown import render_markdown

register = template.Library()


@register.filter
def euro(value: Decimal | int | str | None) -> str:
    """``Decimal("1234.5")`` → ``1.234,50 €`` (in the active locale's separators)."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)}\xa0€"


@register.filter
def markdown(value: str | None) -> str:
    """Members' Markdown as sanitised HTML (see ``wirwerk.lib.markdown``)."""
    return mark_safe(render_markdown(value or ""))
