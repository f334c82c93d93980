"""Geometry of the balance charts: round axes, labels that do not overlap, lines per member."""

import itertools
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from apps.contributions import charts
from apps.contributions.selectors import MemberBalance


def member(
    user_id: int, name: str, committed: str, delivered: str, days: int = 90
) -> MemberBalance:
    zero = Decimal(0)
    return MemberBalance(
        user_id=user_id,
        name=name,
        is_current=True,
        hours_per_month=Decimal(10),
        bound_days=days,
        committed_hours=Decimal(committed),
        delivered_hours=Decimal(delivered),
        committed_share=zero,
        delivered_share=zero,
        money=zero,
        resource_value=zero,
        resources=0,
        referrals=0,
        cost_share=zero,
        money_share=zero,
        money_expected=zero,
    )


def test_the_axis_ends_on_a_round_number_above_the_largest_value() -> None:
    assert charts._scale_max(Decimal("67.25")) == 75
    assert charts._scale_max(Decimal("36")) == 50
    assert charts._scale_max(Decimal("0.4")) == Decimal("0.5")
    assert charts._scale_max(Decimal(0)) == 10


@given(st.lists(st.floats(min_value=16, max_value=256), min_size=1, max_size=8))
def test_end_labels_keep_their_distance_and_order(wanted: list[float]) -> None:
    placed = charts._spread(wanted, 20, 260)
    ordered = sorted(range(len(wanted)), key=lambda i: wanted[i])
    positions = [placed[i] for i in ordered]
    assert all(b - a >= charts.LABEL_GAP - 1e-9 for a, b in itertools.pairwise(positions))


def test_the_line_chart_draws_each_member_and_the_committed_pace() -> None:
    since, until = date(2026, 1, 1), date(2026, 1, 30)
    figures = [member(1, "Anna Albrecht", "10", "6"), member(2, "Ben Brückner", "5", "0", days=10)]
    per_day = {1: {date(2026, 1, 5): Decimal(2), date(2026, 1, 20): Decimal(4)}}
    chart = charts.line_chart(figures, per_day, since=since, until=until)
    anna, ben = chart.lines
    assert len(anna.points.split()) == 30
    assert anna.label == "Anna 6 Std."
    # Ben was bound for the last 10 days: his pace starts on day 21.
    day_21 = round(charts.PLOT_LEFT + (charts.PLOT_RIGHT - charts.PLOT_LEFT) * 20 / 29, 1)
    assert ben.pace.startswith(f"{day_21},")
    assert "Rückstand 5 Std." in chart.description
    assert [tick.text for tick in chart.x_ticks] == ["5. Jan", "12. Jan", "19. Jan", "26. Jan"]


def test_the_bar_chart_marks_members_behind() -> None:
    chart = charts.bar_chart(
        [member(1, "Anna Albrecht", "36", "49.5"), member(2, "Ben Brückner", "18", "2.5")], days=90
    )
    assert [group.behind for group in chart.groups] == [False, True]
    assert chart.groups[0].delivered_text == "49,5 Std. geleistet"
    assert chart.groups[0].delivered_width == charts.BAR_SPACE


def test_on_a_phone_the_names_stand_above_bars_that_fill_the_narrow_width() -> None:
    figures = [member(1, "Anna Albrecht", "36", "49.5"), member(2, "Ben Brückner", "18", "2.5")]
    narrow = charts.bar_chart(figures, days=90).narrow
    assert narrow is not None and narrow.width == charts.NARROW_WIDTH
    anna, ben = narrow.groups
    assert (narrow.label_x, narrow.label_anchor) == (0, "start")
    assert anna.label_y < anna.committed_y < anna.delivered_y < ben.label_y
    assert anna.delivered_width == charts.NARROW_BARS.bar_space
    # The longest figure text still ends inside the 320 units (about 7 units a character).
    assert anna.delivered_text_x + 7.5 * len(anna.delivered_text) <= charts.NARROW_WIDTH


def test_on_a_phone_the_lines_end_in_first_names_inside_the_narrow_width() -> None:
    since, until = date(2026, 1, 1), date(2026, 1, 30)
    figures = [member(1, "Anna Albrecht", "10", "6"), member(2, "Maximilianus Brückner", "5", "0")]
    narrow = charts.line_chart(figures, {}, since=since, until=until).narrow
    assert narrow is not None and narrow.width == charts.NARROW_WIDTH
    assert [line.label for line in narrow.lines] == ["Anna", "Maximili…"]
    assert narrow.label_x + 7 * max(len(line.label) for line in narrow.lines) <= narrow.width
    assert max(float(p.split(",")[0]) for p in narrow.lines[0].points.split()) == narrow.right
