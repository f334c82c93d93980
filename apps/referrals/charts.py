"""Geometry of the give-and-take chart, rendered as SVG by a template.

A diverging bar chart: one row per person, what the viewer received grows to the
left of the centre line, what they gave to the right. The numbers stand beside the
bars, and every row has a text description, so the chart reads without colours too.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.base.templatetags.wirwerk import euro
from apps.referrals.selectors import Balance, Flow

WIDTH = 720
LABEL_WIDTH = 190
CENTER = LABEL_WIDTH + (WIDTH - LABEL_WIDTH) // 2
BAR_SPACE = (WIDTH - LABEL_WIDTH) // 2 - 110  # room for the number beside the bar
TOP = 30
ROW_HEIGHT = 30
BAR_HEIGHT = 16
MAX_ROWS = 10
LABEL_LENGTH = 24


@dataclass
class ChartRow:
    label: str
    description: str
    y: int
    given_width: float
    received_width: float
    given_text: str
    received_text: str
    total: bool = False

    @property
    def bar_y(self) -> int:
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        return self.y + ROW_HEIGHT // 2 + 4

    @property
    def received_x(self) -> float:
        return CENTER - self.received_width

    @property
    def received_text_x(self) -> float:
        return CENTER - self.received_width - 6

    @property
    def given_text_x(self) -> float:
        return CENTER + self.given_width + 6


@dataclass
class BalanceChart:
    metric: str
    title: str
    rows: list[ChartRow] = field(default_factory=list)
    more: int = 0  # people left out of the chart (they are in the table)

    width: int = WIDTH
    center: int = CENTER
    label_x: int = LABEL_WIDTH - 10
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return TOP + ROW_HEIGHT * len(self.rows) + 8

    @property
    def axis_bottom(self) -> int:
        return self.height - 4

    @property
    def description(self) -> str:
        return " ".join(row.description for row in self.rows)


def _amount(flow: Flow, metric: str) -> Decimal:
    return flow.value if metric == "value" else Decimal(flow.count)


def _text(amount: Decimal, metric: str) -> str:
    return euro(amount) if metric == "value" else str(int(amount))


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1] + "…"


def balance_chart(total: Balance, pairs: list[Balance], *, metric: str) -> BalanceChart:
    """The chart of the viewer's total and their ten busiest pairs, by count or value."""
    title = (
        _("Empfehlungen der letzten 12 Monate: Anzahl")
        if metric == "count"
        else _("Empfehlungen der letzten 12 Monate: geteilter Auftragswert")
    )
    shown = pairs[:MAX_ROWS]
    entries = [(_("Gesamt"), total, True)] + [(str(b.other), b, False) for b in shown]
    largest = max(
        (max(_amount(b.given, metric), _amount(b.received, metric)) for _l, b, _t in entries),
        default=Decimal(0),
    )
    chart = BalanceChart(metric=metric, title=title, more=len(pairs) - len(shown))
    for index, (name, balance, is_total) in enumerate(entries):
        given = _amount(balance.given, metric)
        received = _amount(balance.received, metric)
        scale = float(BAR_SPACE) / float(largest) if largest else 0.0
        chart.rows.append(
            ChartRow(
                label=_shorten(name),
                description=_("%(name)s: gegeben %(given)s, erhalten %(received)s.")
                % {
                    "name": name,
                    "given": _text(given, metric),
                    "received": _text(received, metric),
                },
                y=TOP + index * ROW_HEIGHT,
                given_width=round(float(given) * scale, 1),
                received_width=round(float(received) * scale, 1),
                given_text=_text(given, metric),
                received_text=_text(received, metric),
                total=is_total,
            )
        )
    return chart
