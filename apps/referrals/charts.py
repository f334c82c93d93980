"""Geometry of the give-and-take chart, rendered as SVG by a template.

A diverging bar chart: one row per person, what the viewer received grows to the
left of the centre line, what they gave to the right. The numbers stand beside the
bars, and every row has a text description, so the chart reads without colours too.

Each chart also has a phone layout, ``chart.narrow``: 320 units wide with first names
only, so that its labels keep their CSS size on a 390 px screen; a media query shows
one of the two.
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
# The phone layout: the name stands above its bars, which get the whole width.
NARROW_WIDTH = 320
NARROW_CENTER = NARROW_WIDTH // 2
NARROW_BAR_SPACE = NARROW_CENTER - 88  # room for the number beside the bar
NARROW_ROW_HEIGHT = 42
NARROW_LABEL_LENGTH = 30


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
    center: int = CENTER
    label_above: bool = False

    @property
    def bar_y(self) -> int:
        if self.label_above:
            return self.y + NARROW_ROW_HEIGHT - BAR_HEIGHT - 6
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) // 2

    @property
    def text_y(self) -> int:
        if self.label_above:
            return self.bar_y + BAR_HEIGHT - 3
        return self.y + ROW_HEIGHT // 2 + 4

    @property
    def label_y(self) -> int:
        return self.y + 13 if self.label_above else self.text_y

    @property
    def received_x(self) -> float:
        return self.center - self.received_width

    @property
    def received_text_x(self) -> float:
        return self.center - self.received_width - 6

    @property
    def given_text_x(self) -> float:
        return self.center + self.given_width + 6


@dataclass
class BalanceChart:
    metric: str
    title: str
    rows: list[ChartRow] = field(default_factory=list)
    more: int = 0  # people left out of the chart (they are in the table)

    width: int = WIDTH
    center: int = CENTER
    label_x: int = LABEL_WIDTH - 10
    label_anchor: str = "end"
    bar_height: int = BAR_HEIGHT
    row_height: int = ROW_HEIGHT
    variant: str = "wide"
    narrow: "BalanceChart | None" = None

    @property
    def layouts(self) -> "list[BalanceChart]":
        return [self] + ([self.narrow] if self.narrow else [])

    @property
    def height(self) -> int:
        return TOP + self.row_height * len(self.rows) + 8

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


def _shorten(name: str, *, narrow: bool = False) -> str:
    limit = NARROW_LABEL_LENGTH if narrow else LABEL_LENGTH
    return name if len(name) <= limit else name[: limit - 1] + "…"


def balance_chart(total: Balance, pairs: list[Balance], *, metric: str) -> BalanceChart:
    """The chart of the viewer's total and their ten busiest pairs, by count or value,
    with its phone layout as ``narrow``."""
    chart = _balance_chart(total, pairs, metric=metric, narrow=False)
    chart.narrow = _balance_chart(total, pairs, metric=metric, narrow=True)
    return chart


def _balance_chart(
    total: Balance, pairs: list[Balance], *, metric: str, narrow: bool
) -> BalanceChart:
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
    bar_space = BAR_SPACE
    if narrow:
        chart.width, chart.center, chart.variant = NARROW_WIDTH, NARROW_CENTER, "narrow"
        chart.label_x, chart.label_anchor = 0, "start"
        chart.row_height, bar_space = NARROW_ROW_HEIGHT, NARROW_BAR_SPACE
    for index, (name, balance, is_total) in enumerate(entries):
        given = _amount(balance.given, metric)
        received = _amount(balance.received, metric)
        scale = float(bar_space) / float(largest) if largest else 0.0
        chart.rows.append(
            ChartRow(
                label=_shorten(name, narrow=narrow),
                description=_("%(name)s: gegeben %(given)s, erhalten %(received)s.")
                % {
                    "name": name,
                    "given": _text(given, metric),
                    "received": _text(received, metric),
                },
                y=TOP + index * chart.row_height,
                given_width=round(float(given) * scale, 1),
                received_width=round(float(received) * scale, 1),
                given_text=_text(given, metric),
                received_text=_text(received, metric),
                total=is_total,
                center=chart.center,
                label_above=narrow,
            )
        )
    return chart
