"""Horizontal bar charts of pooled demand, rendered as SVG by
``datapool/_chart.html`` with a title, a description and a table beside them.
A withheld value has no bar and says so; an offer is a marker on the demand bar."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 720
LABEL_WIDTH = 220
ROW = 30
BAR = 18
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: float
    text: str
    text_x: float
    text_y: int
    marker_x: float | None
    gap: bool
    description: str


@dataclass(frozen=True)
class BarChart:
    key: str
    width: int
    height: int
    label_x: int
    title: str
    description: str
    bars: list[Bar]


def bar_chart(
    *,
    key: str,
    title: str,
    items: Sequence[tuple[str, int | None, int | None]],
) -> BarChart:
    """``items``: (label, value or None when withheld, offer or None)."""
    values = [v for _l, v, o in items if v is not None] + [o for _l, _v, o in items if o]
    largest = max(values, default=0) or 1
    span = WIDTH - LABEL_WIDTH - 90
    bars = []
    for index, (label, value, offer) in enumerate(items):
        y = TOP + index * ROW
        width = round((value or 0) / largest * span, 1)
        gap = value is not None and offer is not None and value > offer
        text = str(value) if value is not None else _("gesperrt")
        description = (
            _("%(label)s: %(value)s") % {"label": label, "value": value}
            if value is not None
            else _("%(label)s: gesperrt (zu wenige Personen)") % {"label": label}
        )
        if offer is not None:
            description += " · " + _("Angebot %(offer)s Plätze") % {"offer": offer}
        bars.append(
            Bar(
                label=label if len(label) <= 30 else label[:29] + "…",
                y=y,
                width=width,
                text=text,
                text_x=LABEL_WIDTH + 10 + width + 6,
                text_y=y + BAR - 4,
                marker_x=round(LABEL_WIDTH + 10 + offer / largest * span, 1)
                if offer is not None
                else None,
                gap=gap,
                description=description,
            )
        )
    return BarChart(
        key=key,
        width=WIDTH,
        height=TOP * 2 + ROW * max(len(items), 1),
        label_x=LABEL_WIDTH,
        title=title,
        description=description_of(title, items),
        bars=bars,
    )


def description_of(title: str, items: Sequence[tuple[str, int | None, int | None]]) -> str:
    shown = [f"{label} {value}" for label, value, _o in items if value is not None]
    return f"{title}: " + (", ".join(shown) if shown else _("keine veröffentlichten Werte"))
