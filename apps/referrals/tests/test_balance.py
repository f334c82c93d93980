"""The give-and-take page: figures, an accessible chart, privacy of the pairs."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.referrals.charts import BAR_SPACE, CENTER, balance_chart
from apps.referrals.models import ReferralStatus
from apps.referrals.selectors import reciprocity_for
from apps.referrals.tests.conftest import referral_in
from tests.factories import connect

pytestmark = pytest.mark.django_db

S = ReferralStatus


@pytest.fixture
def exchange(anna: User, ben: User, carla: User) -> None:
    """anna gave ben three (one won and shared), ben gave her one; carla gave anna one."""
    connect(anna, ben)
    referral_in(anna, ben, S.WON, won_value=Decimal("1500.00"), value_shared=True)
    referral_in(anna, ben, S.ACCEPTED)
    referral_in(anna, ben, S.OFFERED)
    referral_in(anna, ben, S.DECLINED)  # does not count
    referral_in(ben, anna, S.LOST)
    referral_in(carla, anna, S.WON, won_value=Decimal("700.00"), value_shared=False)


def test_the_chart_scales_the_largest_bar_to_the_full_width_and_keeps_the_order(
    anna: User, exchange: None
) -> None:
    figures = reciprocity_for(user=anna)
    chart = balance_chart(figures.total, figures.pairs, metric="count")
    total, first, second = chart.rows
    assert (total.label, total.given_text, total.received_text) == ("Gesamt", "3", "2")
    assert total.given_width == BAR_SPACE  # the largest number fills the space
    assert first.label == "Ben Brückner" and first.given_width == BAR_SPACE
    assert first.received_width == pytest.approx(BAR_SPACE / 3, abs=0.1)
    assert second.label == "Carla Conrad" and second.given_width == 0
    assert first.received_x == pytest.approx(CENTER - first.received_width)
    assert "Ben Brückner: gegeben 3, erhalten 1." in chart.description


def test_the_value_chart_counts_only_shared_values(anna: User, exchange: None) -> None:
    figures = reciprocity_for(user=anna)
    chart = balance_chart(figures.total, figures.pairs, metric="value")
    total = chart.rows[0]
    assert (total.given_text, total.received_text) == ("1.500,00\xa0€", "0,00\xa0€")


def test_a_chart_without_referrals_has_only_an_empty_total_row(anna: User) -> None:
    figures = reciprocity_for(user=anna)
    chart = balance_chart(figures.total, figures.pairs, metric="value")
    assert len(chart.rows) == 1
    assert chart.rows[0].given_width == chart.rows[0].received_width == 0


def test_the_chart_shows_ten_people_and_points_to_the_table_for_the_rest(
    anna: User, add_people
) -> None:  # type: ignore[no-untyped-def]
    add_people(12)
    for other in User.objects.exclude(pk=anna.pk).order_by("pk")[:12]:
        referral_in(anna, other, S.OFFERED)
    figures = reciprocity_for(user=anna)
    chart = balance_chart(figures.total, figures.pairs, metric="count")
    assert len(chart.rows) == 11  # the total and ten people
    assert chart.more == 2


def test_the_balance_page_shows_totals_an_accessible_svg_and_the_table(
    client: Client, anna: User, exchange: None
) -> None:
    client.force_login(anna)
    content = client.get(reverse("referrals:balance")).content.decode()
    # Two charts, each in a wide layout and a phone layout (one shown by a media query).
    assert content.count('role="img"') == 4
    assert 'aria-labelledby="chart-count-wide-title chart-count-wide-desc"' in content
    assert '<title id="chart-value-narrow-title">' in content
    assert "Ben Brückner: gegeben 3, erhalten 1." in content
    assert "Carla Conrad: gegeben 0,00\xa0€, erhalten 0,00\xa0€." in content
    assert re.search(r'<th scope="row">Ben Brückner</th>\s*<td class="number">3</td>', content)
    assert "1.500,00\xa0€" in content
    assert 'style="' not in content  # CSP: no inline styles


def test_pair_figures_are_visible_only_to_the_two_people_concerned(
    client: Client, anna: User, ben: User, carla: User, exchange: None
) -> None:
    client.force_login(ben)
    content = client.get(reverse("referrals:balance")).content.decode()
    assert "Anna Albrecht" in content
    assert "Carla Conrad" not in content  # anna–carla is none of ben's business
    client.force_login(carla)
    content = client.get(reverse("referrals:balance")).content.decode()
    assert "Anna Albrecht" in content
    assert "Ben Brückner" not in content
    assert "1.500,00" not in content


def test_the_balance_page_has_an_empty_state(client: Client, anna: User) -> None:
    client.force_login(anna)
    content = client.get(reverse("referrals:balance")).content.decode()
    assert "noch keine Empfehlung gegeben oder erhalten" in content
    assert 'role="img"' not in content


def test_on_a_phone_the_chart_puts_each_name_above_its_bars(anna: User, exchange: None) -> None:
    from apps.referrals import charts

    figures = reciprocity_for(user=anna)
    narrow = balance_chart(figures.total, figures.pairs, metric="value").narrow
    assert narrow is not None and narrow.width == charts.NARROW_WIDTH
    total, first, _second = narrow.rows
    assert (narrow.label_x, narrow.label_anchor) == (0, "start")
    assert total.label_y < total.bar_y < first.label_y
    assert first.label == "Ben Brückner"  # the whole name: it has the row to itself
    assert total.given_width == charts.NARROW_BAR_SPACE
    # The widest figure beside the largest bar still ends inside the 320 units.
    assert total.given_text_x + 7.5 * len(total.given_text) <= charts.NARROW_WIDTH
