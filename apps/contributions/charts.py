"""Geometry of the two balance charts, rendered as SVG by templates.

* **Zugesagt und geleistet** – per member two bars: the hours committed for the
  window (light) and the hours delivered (solid), with the figures beside them.
* **Verlauf** – per member the delivered hours added up day by day (solid line) and
  the committed pace (dashed line, rising from the day the member became bound). A
  solid line under its dashed one is a member falling behind.

Both have a title and a description for screen readers, and the page has a table
with the same figures. Each has a phone layout too (``chart.narrow``, 320 units
wide), shown instead of the wide one by a media query, so that the labels keep
their CSS size on a 390 px screen.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from apps.contributions import balance
from apps.contributions.selectors import MemberBalance
from apps.contributions.templatetags.contributions_tags import hours

WIDTH = 720
NARROW_WIDTH = 320  # the phone layouts: scaled about 1:1 on a 390 px screen
SERIES = 6  # colours; then they repeat (the labels name every line)
LABEL_LENGTH = 22


def _shorten(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1] + "…"


def _first_name(name: str, *, narrow: bool = False) -> str:
    """Line labels are short (the description and the table have the full names)."""
    first = (name.split() or [name])[0]
    if narrow and len(first) > NARROW_NAME_LENGTH:
        return first[: NARROW_NAME_LENGTH - 1] + "…"
    return _shorten(first)


def _series(index: int) -> str:
    return f"series-{index % SERIES}"


def _scale_max(largest: Decimal) -> Decimal:
    """A round upper end of the axis: 1, 2, 2,5, 5 or 7,5 times a power of ten."""
    if largest <= 0:
        return Decimal(10)
    power = Decimal(1)
    while power * 10 <= largest:
        power *= 10
    while power > largest:
        power /= 10
    for step in (1, 2, Decimal("2.5"), 5, Decimal("7.5"), 10):
        if power * step >= largest:
            return power * step
    return power * 10


def _describe(member: MemberBalance) -> str:
    values = {
        "name": member.name,
        "committed": hours(member.committed_hours),
        "delivered": hours(member.delivered_hours),
        "difference": hours(abs(member.hours_difference)),
    }
    if member.hours_difference > 0:
        text = _(
            "%(name)s: zugesagt %(committed)s, geleistet %(delivered)s, Überhang %(difference)s."
        )
    elif member.hours_difference < 0:
        text = _(
            "%(name)s: zugesagt %(committed)s, geleistet %(delivered)s, Rückstand %(difference)s."
        )
    else:
        text = _("%(name)s: zugesagt %(committed)s, geleistet %(delivered)s, ausgeglichen.")
    return text % values


# Paired bars ------------------------------------------------------------------

BAR_LABEL_WIDTH = 170
BAR_TEXT_SPACE = 165
BAR_SPACE = WIDTH - BAR_LABEL_WIDTH - BAR_TEXT_SPACE
BAR_TOP = 34
GROUP_HEIGHT = 50
BAR_HEIGHT = 15


@dataclass(frozen=True)
class BarLayout:
    """Wide: names in a column left of the bars. Narrow (phones): each name above its
    bars, 320 units wide, so the SVG is scaled about 1:1 on a 390 px screen."""

    variant: str
    width: int
    label_width: int
    text_space: int
    group_height: int
    label_above: bool

    @property
    def bar_space(self) -> int:
        return self.width - self.label_width - self.text_space


WIDE_BARS = BarLayout("wide", WIDTH, BAR_LABEL_WIDTH, BAR_TEXT_SPACE, GROUP_HEIGHT, False)
NARROW_BARS = BarLayout("narrow", NARROW_WIDTH, 0, 160, GROUP_HEIGHT + 18, True)


@dataclass
class BarGroup:
    label: str
    description: str
    y: int
    committed_width: float
    delivered_width: float
    committed_text: str
    delivered_text: str
    behind: bool
    layout: BarLayout = WIDE_BARS

    @property
    def label_y(self) -> int:
        return self.y + 13 if self.layout.label_above else self.y + 22

    @property
    def committed_y(self) -> int:
        return self.y + 4 + (18 if self.layout.label_above else 0)

    @property
    def delivered_y(self) -> int:
        return self.committed_y + BAR_HEIGHT + 3

    @property
    def committed_text_y(self) -> int:
        return self.committed_y + BAR_HEIGHT - 3

    @property
    def delivered_text_y(self) -> int:
        return self.delivered_y + BAR_HEIGHT - 3

    @property
    def committed_text_x(self) -> float:
        return self.layout.label_width + self.committed_width + 6

    @property
    def delivered_text_x(self) -> float:
        return self.layout.label_width + self.delivered_width + 6


@dataclass
class BarChart:
    title: str
    description: str
    groups: list[BarGroup] = field(default_factory=list)
    layout: BarLayout = WIDE_BARS
    bar_height: int = BAR_HEIGHT
    narrow: "BarChart | None" = None

    @property
    def layouts(self) -> "list[BarChart]":
        return [self] + ([self.narrow] if self.narrow else [])

    @property
    def variant(self) -> str:
        return self.layout.variant

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def bar_x(self) -> int:
        return self.layout.label_width

    @property
    def label_x(self) -> int:
        return 0 if self.layout.label_above else self.layout.label_width - 10

    @property
    def label_anchor(self) -> str:
        return "start" if self.layout.label_above else "end"

    @property
    def height(self) -> int:
        return BAR_TOP + self.layout.group_height * len(self.groups) + 4

    @property
    def legend_committed_x(self) -> int:
        return self.layout.label_width

    @property
    def legend_delivered_x(self) -> int:
        return self.layout.label_width + 120


def bar_chart(figures: list[MemberBalance], *, days: int) -> BarChart:
    """The wide chart with its phone layout as ``narrow``."""
    chart = _bar_chart(figures, days=days, layout=WIDE_BARS)
    chart.narrow = _bar_chart(figures, days=days, layout=NARROW_BARS)
    return chart


def _bar_chart(figures: list[MemberBalance], *, days: int, layout: BarLayout) -> BarChart:
    largest = max((max(f.committed_hours, f.delivered_hours) for f in figures), default=Decimal(0))
    scale = float(layout.bar_space) / float(largest) if largest else 0.0
    chart = BarChart(
        title=_("Zugesagte und geleistete Stunden der letzten %(days)s Tage") % {"days": days},
        description=" ".join(_describe(f) for f in figures),
        layout=layout,
    )
    for index, member in enumerate(figures):
        chart.groups.append(
            BarGroup(
                label=_shorten(member.name),
                description=_describe(member),
                y=BAR_TOP + index * layout.group_height,
                committed_width=round(float(member.committed_hours) * scale, 1),
                delivered_width=round(float(member.delivered_hours) * scale, 1),
                committed_text=_("%(hours)s zugesagt") % {"hours": hours(member.committed_hours)},
                delivered_text=_("%(hours)s geleistet") % {"hours": hours(member.delivered_hours)},
                behind=member.hours_difference < 0,
                layout=layout,
            )
        )
    return chart


# Cumulative lines -------------------------------------------------------------

LINE_HEIGHT = 290
PLOT_LEFT = 56
PLOT_RIGHT = WIDTH - 150
PLOT_TOP = 16
PLOT_BOTTOM = LINE_HEIGHT - 34
LABEL_GAP = 15  # minimal vertical distance of two end labels
NARROW_LINE_HEIGHT = 240
NARROW_LABEL_SPACE = 80  # right of the plot, for the first names
NARROW_NAME_LENGTH = 9
Y_TICKS = 5


@dataclass
class Tick:
    position: float
    text: str


@dataclass
class Line:
    css: str
    label: str
    description: str
    points: str  # the delivered hours, day by day
    pace: str  # the committed pace, a straight dashed line
    label_y: float
    end_y: float


@dataclass
class LineChart:
    title: str
    description: str
    lines: list[Line] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    width: int = WIDTH
    height: int = LINE_HEIGHT
    left: int = PLOT_LEFT
    right: int = PLOT_RIGHT
    top: int = PLOT_TOP
    bottom: int = PLOT_BOTTOM
    variant: str = "wide"
    narrow: "LineChart | None" = None

    @property
    def layouts(self) -> "list[LineChart]":
        return [self] + ([self.narrow] if self.narrow else [])

    @property
    def label_x(self) -> int:
        return self.right + 8

    @property
    def y_label_x(self) -> int:
        return self.left - 6

    @property
    def x_label_y(self) -> int:
        return self.bottom + 18


def _x_ticks(since: date, until: date) -> list[date]:
    """First days of months for long windows, Mondays for short ones."""
    span = (until - since).days
    if span > 45:
        first = date(since.year, since.month, 1)
        ticks = []
        while first <= until:
            if first >= since:
                ticks.append(first)
            first = (first + timedelta(days=32)).replace(day=1)
        return ticks
    monday = since + timedelta(days=(7 - since.weekday()) % 7)
    return [monday + timedelta(weeks=n) for n in range((until - monday).days // 7 + 1)]


def _spread(wanted: list[float], low: float, high: float) -> list[float]:
    """End labels moved apart by at least ``LABEL_GAP``, in the same order, inside the plot."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    previous = low - LABEL_GAP
    for i in order:
        placed[i] = max(wanted[i], previous + LABEL_GAP)
        previous = placed[i]
    overflow = previous - high
    if overflow > 0:
        for i in order:
            placed[i] -= overflow
    return placed


def line_chart(
    figures: list[MemberBalance],
    per_day: dict[int, dict[date, Decimal]],
    *,
    since: date,
    until: date,
) -> LineChart:
    """The wide chart with its phone layout as ``narrow``: the end labels name the first
    name only (the bars and the table give the hours)."""
    chart = _line_chart(figures, per_day, since=since, until=until, narrow=False)
    chart.narrow = _line_chart(figures, per_day, since=since, until=until, narrow=True)
    return chart


def _line_chart(
    figures: list[MemberBalance],
    per_day: dict[int, dict[date, Decimal]],
    *,
    since: date,
    until: date,
    narrow: bool,
) -> LineChart:
    width = NARROW_WIDTH if narrow else WIDTH
    height = NARROW_LINE_HEIGHT if narrow else LINE_HEIGHT
    left, right = PLOT_LEFT, width - (NARROW_LABEL_SPACE if narrow else WIDTH - PLOT_RIGHT)
    bottom = height - (LINE_HEIGHT - PLOT_BOTTOM)
    days = balance.days(since, until)
    span = max(len(days) - 1, 1)
    totals = {
        f.user_id: balance.cumulative(per_day.get(f.user_id, {}), since, until) for f in figures
    }
    largest = max(
        [f.committed_hours for f in figures] + [t[-1] for t in totals.values() if t],
        default=Decimal(0),
    )
    top = _scale_max(largest)

    def x(index: float) -> float:
        return round(left + (right - left) * index / span, 1)

    def y(value: Decimal) -> float:
        return round(bottom - (bottom - PLOT_TOP) * float(value / top), 1)

    chart = LineChart(
        title=_("Verlauf der geleisteten Stunden vom %(since)s bis %(until)s")
        % {
            "since": formats.date_format(since, "DATE_FORMAT"),
            "until": formats.date_format(until, "DATE_FORMAT"),
        },
        description=_(
            "Durchgezogen: die geleisteten Stunden, Tag für Tag addiert. Gestrichelt: der "
            "zugesagte Verlauf."
        )
        + " "
        + " ".join(_describe(f) for f in figures),
        width=width,
        height=height,
        right=right,
        bottom=bottom,
        variant="narrow" if narrow else "wide",
    )
    chart.y_ticks = [
        Tick(y(top * n / Y_TICKS), hours(top * n / Y_TICKS)) for n in range(Y_TICKS + 1)
    ]
    chart.x_ticks = [
        Tick(x((day - since).days), formats.date_format(day, "j. M"))
        for day in _x_ticks(since, until)
    ]
    ends = [y(totals[f.user_id][-1]) if totals[f.user_id] else y(Decimal(0)) for f in figures]
    labels = _spread(ends, PLOT_TOP + 4, bottom + 4)
    for index, member in enumerate(figures):
        cumulative = totals[member.user_id]
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(cumulative))
        start = max(span + 1 - member.bound_days, 0)
        pace = f"{x(start)},{y(Decimal(0))} {x(span)},{y(member.committed_hours)}"
        chart.lines.append(
            Line(
                css=_series(index),
                label=_first_name(member.name, narrow=True)
                if narrow
                else f"{_first_name(member.name)} {hours(member.delivered_hours)}",
                description=_describe(member),
                points=points,
                pace=pace if member.bound_days and member.committed_hours else "",
                label_y=labels[index] + 4,
                end_y=ends[index],
            )
        )
    return chart
