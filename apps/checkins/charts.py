"""Geometry of the health trend chart, rendered as SVG by a template.

A line over the days of the window (0 to 100 on the vertical axis), the bands of
"needs attention" (below 75) and "critical" (below 50) marked by dashed lines. The
description says in words where the score started, ended and was lowest, and the
page shows every value in a table too, so the chart reads without seeing it.

The chart has a phone layout too (``chart.narrow``, 320 units wide), shown instead of
the wide one by a media query so that its labels keep their size on a 390 px screen.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from apps.checkins.health import CRITICAL_BELOW, WATCH_BELOW

WIDTH = 720
NARROW_WIDTH = 320
HEIGHT = 240
LEFT = 44  # room for the score labels
RIGHT = 16
TOP = 16
BOTTOM = 36  # room for the date labels


@dataclass(frozen=True)
class Point:
    day: date
    score: int
    x: float
    y: float

    @property
    def label(self) -> str:
        return _("%(date)s: %(score)s von 100") % {
            "date": formats.date_format(self.day, "DATE_FORMAT"),
            "score": self.score,
        }


@dataclass(frozen=True)
class Tick:
    text: str
    x: float
    y: float


@dataclass
class TrendChart:
    title: str
    description: str
    points: list[Point] = field(default_factory=list)
    score_ticks: list[Tick] = field(default_factory=list)
    day_ticks: list[Tick] = field(default_factory=list)

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    watch_y: float = 0.0
    critical_y: float = 0.0
    baseline_y: float = 0.0
    variant: str = "wide"
    narrow: "TrendChart | None" = None

    @property
    def layouts(self) -> "list[TrendChart]":
        return [self] + ([self.narrow] if self.narrow else [])

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _y(score: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 100)


def _date(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _short(day: date) -> str:
    return formats.date_format(day, "j. M")


def trend_chart(values: Sequence[tuple[date, int]], *, since: date, until: date) -> TrendChart:
    """The chart of ``values`` (day, score), oldest first, over ``since..until``, with
    its phone layout as ``narrow``."""
    chart = _trend_chart(values, since=since, until=until, width=WIDTH)
    chart.narrow = _trend_chart(values, since=since, until=until, width=NARROW_WIDTH)
    return chart


def _trend_chart(
    values: Sequence[tuple[date, int]], *, since: date, until: date, width: int
) -> TrendChart:
    span = max(1, (until - since).days)
    plot_width = width - LEFT - RIGHT

    def x(day: date) -> float:
        return LEFT + plot_width * (day - since).days / span

    title = _("Gesundheit vom %(since)s bis %(until)s") % {
        "since": _date(since),
        "until": _date(until),
    }
    chart = TrendChart(
        title=title,
        description="",
        width=width,
        right_edge=width - RIGHT,
        variant="wide" if width == WIDTH else "narrow",
    )
    chart.points = [Point(day, score, x(day), _y(score)) for day, score in values]
    chart.watch_y = _y(WATCH_BELOW)
    chart.critical_y = _y(CRITICAL_BELOW)
    chart.baseline_y = _y(0)
    chart.score_ticks = [Tick(str(score), LEFT - 8, _y(score) + 4) for score in (0, 50, 75, 100)]
    middle = since + (until - since) / 2
    chart.day_ticks = [Tick(_short(day), x(day), HEIGHT - 12) for day in (since, middle, until)]
    if not chart.points:
        chart.description = _("Für diesen Zeitraum liegen noch keine Werte vor.")
        return chart
    first, last = chart.points[0], chart.points[-1]
    lowest = min(chart.points, key=lambda p: (p.score, p.day))
    chart.description = _(
        "Am %(first_date)s %(first)s von 100, zuletzt am %(last_date)s %(last)s von 100; "
        "der niedrigste Wert war %(lowest)s am %(lowest_date)s."
    ) % {
        "first_date": _date(first.day),
        "first": first.score,
        "last_date": _date(last.day),
        "last": last.score,
        "lowest": lowest.score,
        "lowest_date": _date(lowest.day),
    }
    return chart
