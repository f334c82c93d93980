"""The four CoCreation dimensions over a circle's sessions, as data for an inline SVG
line chart (``cocreation/_dimension_chart.html``); a table beside it says the same."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from apps.cocreation.selectors.circles import DimensionPoint

WIDTH, HEIGHT, PAD = 600, 220, 32
DIMENSIONS = ("personality", "behaviour", "culture", "organisation")
COLOURS = ("#1f6f8b", "#c0392b", "#2e8b57", "#8e44ad")


@dataclass
class Line:
    key: str
    label: str
    colour: str
    points: str
    dots: list[tuple[str, str, str]]


@dataclass
class Chart:
    width: int
    height: int
    lines: list[Line]
    grid: list[tuple[str, int]]
    rows: list[DimensionPoint]


def _labels() -> dict[str, str]:
    return {
        "personality": _("Persönlichkeit"),
        "behaviour": _("Verhalten"),
        "culture": _("Kultur"),
        "organisation": _("Organisation"),
    }


def dimension_chart(series: list[DimensionPoint]) -> Chart:
    """Scores 1–5 on the y axis, sessions in order on the x axis."""
    span = max(1, len(series) - 1)

    def x(index: int) -> float:
        if len(series) == 1:
            return WIDTH / 2
        return round(PAD + index * (WIDTH - 2 * PAD) / span, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - 1) * (HEIGHT - 2 * PAD) / 4, 1)

    labels = _labels()
    lines = []
    for key, colour in zip(DIMENSIONS, COLOURS, strict=True):
        # Coordinates as plain strings: the template would print floats with a
        # German decimal comma, which SVG does not read.
        dots = [
            (str(x(i)), str(y(getattr(p, key))), f"{getattr(p, key):.1f}".replace(".", ","))
            for i, p in enumerate(series)
        ]
        points = " ".join(f"{dx},{dy}" for dx, dy, _v in dots)
        lines.append(Line(key, labels[key], colour, points, dots))
    grid = [(str(y(score)), score) for score in range(1, 6)]
    return Chart(width=WIDTH, height=HEIGHT, lines=lines, grid=grid, rows=series)
