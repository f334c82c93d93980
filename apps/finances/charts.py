"""The balance chart: one horizontal bar per member from a zero line, to the right
for what the others owe them, to the left for what they owe. Rendered as SVG by
``finances/_balance_chart.html`` with a title, a description and a table beside it."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.base.templatetags.wirwerk import euro
from apps.finances.selectors import MemberRow

WIDTH = 720
LABEL_WIDTH = 170
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


def balance_chart(rows: list[MemberRow]) -> BalanceChart:
    largest = max((abs(r.figures.balance) for r in rows), default=Decimal(0)) or Decimal(1)
    half = Decimal(WIDTH - LABEL_WIDTH - 40) / 2
    zero_x = LABEL_WIDTH + 20 + half
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
                label=row.name if len(row.name) <= 22 else row.name[:21] + "…",
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
        width=WIDTH,
        height=TOP * 2 + ROW * max(len(rows), 1),
        zero_x=zero_x,
        label_x=LABEL_WIDTH,
        title=_("Salden je Mitglied"),
        description="; ".join(bar.description for bar in bars),
        bars=bars,
    )
