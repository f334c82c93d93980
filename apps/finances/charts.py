"""The balance chart: one horizontal bar per member from a zero line, to the right
for what the others owe them, to the left for what they owe. Rendered as SVG by
``finances/_chart.html`` with a title, a description and a table beside it.

Each chart comes in two layouts: the wide one and, as ``chart.narrow``, one for phones
(320 units wide, first names only) whose labels stay at their CSS size when the SVG is
scaled to a 390 px screen; the page shows one of them by a media query."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.base.templatetags.wirwerk import euro
from apps.finances.selectors import MemberRow

WIDTH = 720
LABEL_WIDTH = 170
NARROW_WIDTH = 320
NARROW_LABEL_WIDTH = 80
ROW = 34
BAR = 18
TOP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    x: Decimal
    y: int
    width: Decimal
    positive: bool
    text: str
    text_x: Decimal
    text_y: int
    description: str


@dataclass(frozen=True)
class BalanceChart:
    width: int
    height: int
    zero_x: Decimal
    label_x: int
    title: str
    description: str
    bars: list[Bar]
    variant: str = "wide"
    narrow: "BalanceChart | None" = None

    @property
    def layouts(self) -> "list[BalanceChart]":
        return [self] + ([self.narrow] if self.narrow else [])


def _label(name: str, *, narrow: bool) -> str:
    if narrow:
        name = (name.split() or [name])[0]
        return name if len(name) <= 11 else name[:10] + "…"
    return name if len(name) <= 22 else name[:21] + "…"


def balance_chart(rows: list[MemberRow]) -> BalanceChart:
    """The wide chart with its phone layout as ``narrow``."""
    chart = _balance_chart(rows, narrow=False)
    return replace(chart, narrow=_balance_chart(rows, narrow=True))


def _balance_chart(rows: list[MemberRow], *, narrow: bool) -> BalanceChart:
    chart_width, label_width = (
        (NARROW_WIDTH, NARROW_LABEL_WIDTH) if narrow else (WIDTH, LABEL_WIDTH)
    )
    largest = max((abs(r.figures.balance) for r in rows), default=Decimal(0)) or Decimal(1)
    half = Decimal(chart_width - label_width - 40) / 2
    zero_x = label_width + 20 + half
    bars = []
    for index, row in enumerate(rows):
        value = row.figures.balance
        width = (abs(value) / largest * half).quantize(Decimal("0.1"))
        y = TOP + index * ROW
        positive = value >= 0
        x = zero_x if positive else zero_x - width
        text = euro(value)
        description = (
            _("%(name)s bekommt %(amount)s")
            if value > 0
            else _("%(name)s schuldet %(amount)s")
            if value < 0
            else _("%(name)s ist ausgeglichen (%(amount)s)")
        ) % {"name": row.name, "amount": euro(abs(value))}
        bars.append(
            Bar(
                label=_label(row.name, narrow=narrow),
                x=x,
                y=y,
                width=width,
                positive=positive,
                text=text,
                text_x=zero_x + 6 if not positive else zero_x - 6,
                text_y=y + BAR - 4,
                description=description,
            )
        )
    return BalanceChart(
        width=chart_width,
        height=TOP * 2 + ROW * max(len(rows), 1),
        zero_x=zero_x,
        label_x=label_width,
        title=_("Salden je Mitglied"),
        description="; ".join(bar.description for bar in bars),
        bars=bars,
        variant="narrow" if narrow else "wide",
    )
