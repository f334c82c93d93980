"""The nudge pages: header counter, list with tabs, done / snooze / dismiss, settings."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.driver.models import NudgeStatus

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 9, 9, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _monday_morning():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_header_counts_open_nudges_that_are_not_snoozed(anna, ben, make_nudge) -> None:
    for _ in range(3):
        make_nudge(anna)
    make_nudge(anna, snoozed_until=date(2026, 3, 12))
    make_nudge(anna, status=NudgeStatus.DONE)
    make_nudge(ben)
    page = _client(anna).get(reverse("core:dashboard")).content.decode()
    assert '<span id="nudge-counter" class="nav-count">' in page
    assert "(3 offene Impulse)" in page


def test_a_snoozed_nudge_counts_again_from_its_day(anna, make_nudge) -> None:
    make_nudge(anna, snoozed_until=date(2026, 3, 10))
    with time_machine.travel(datetime(2026, 3, 10, 0, 5, tzinfo=BERLIN), tick=False):
        page = _client(anna).get(reverse("core:dashboard")).content.decode()
    assert "(1 offener Impuls)" in page


def test_the_header_counter_costs_one_query(anna, make_nudge) -> None:
    client = _client(anna)
    client.get(reverse("core:dashboard"))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("core:dashboard"))
    counting = [
        q["sql"]
        for q in ctx.captured_queries
        if "COUNT(" in q["sql"] and "driver_nudge" in q["sql"]
    ]
    assert len(counting) == 1


def test_without_open_nudges_the_counter_is_hidden(anna) -> None:
    page = _client(anna).get(reverse("core:dashboard")).content.decode()
    assert '<span id="nudge-counter" class="nav-count" hidden>' in page


def test_the_list_shows_urgent_nudges_first_under_their_own_heading(anna, make_nudge) -> None:
    make_nudge(anna, "Normaler Impuls")
    make_nudge(anna, "Dringender Impuls", urgent=True)
    page = _client(anna).get(reverse("driver:nudges")).content.decode()
    assert page.index("Dringender Impuls") < page.index("Anstehend") < page.index("Normaler Impuls")
    assert "seit 9. März 2026" in page


def test_snoozed_and_closed_nudges_are_in_the_second_tab(anna, make_nudge) -> None:
    make_nudge(anna, "Alpha ist offen")
    make_nudge(anna, "Beta ist zurückgestellt", snoozed_until=date(2026, 3, 20))
    make_nudge(anna, "Gamma ist fertig", status=NudgeStatus.DONE, closed_at=NOW)
    client = _client(anna)
    first = client.get(reverse("driver:nudges")).content.decode()
    second = client.get(reverse("driver:nudges") + "?ansicht=spaeter").content.decode()
    assert "Alpha" in first and "Beta" not in first and "Gamma" not in first
    assert "Alpha" not in second
    assert second.index("Beta") < second.index("Gamma")
    assert "zurückgestellt bis 20. März 2026" in second
    assert "erledigt</strong> am 9. März 2026" in second


def test_without_nudges_the_list_shows_an_empty_state(anna) -> None:
    page = _client(anna).get(reverse("driver:nudges")).content.decode()
    assert "Keine offenen Impulse." in page


def test_the_list_is_paginated(anna, make_nudge) -> None:
    for _ in range(25):
        make_nudge(anna)
    client = _client(anna)
    assert "Seite 1 von 2" in client.get(reverse("driver:nudges")).content.decode()
    second = client.get(reverse("driver:nudges") + "?seite=2").content.decode()
    assert second.count('class="nudge-text"') == 5


def _list_queries(client: Client, query: str = "") -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("driver:nudges") + query)
    assert response.status_code == 200
    return len(ctx)


def test_the_list_pages_query_count_does_not_grow_with_the_data(anna, ben, make_nudge) -> None:
    client = _client(anna)
    make_nudge(anna, urgent=True)
    make_nudge(anna)
    make_nudge(anna, status=NudgeStatus.DONE)
    small = (_list_queries(client), _list_queries(client, "?ansicht=spaeter"))
    for index in range(60):
        make_nudge(anna, urgent=index % 3 == 0)
        make_nudge(anna, status=NudgeStatus.DISMISSED, closed_at=NOW)
        make_nudge(anna, snoozed_until=date(2026, 4, 1))
        make_nudge(ben)
    large = (_list_queries(client), _list_queries(client, "?ansicht=spaeter"))
    assert small == large


def test_marking_done_without_javascript_goes_back_to_the_list(anna, make_nudge) -> None:
    nudge = make_nudge(anna)
    response = _client(anna).post(reverse("driver:nudge-done", args=[nudge.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("driver:nudges")
    assert "Als erledigt markiert." in response.content.decode()
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.DONE
    assert nudge.closed_at == NOW


def test_marking_done_with_htmx_swaps_the_row_and_the_counter(anna, make_nudge) -> None:
    nudge = make_nudge(anna, "Erster")
    make_nudge(anna, "Zweiter")
    response = _client(anna).post(
        reverse("driver:nudge-done", args=[nudge.pk]), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.lstrip().startswith(f'<article class="nudge" id="nudge-{nudge.pk}"')
    assert "Als erledigt markiert." in page
    assert 'hx-swap-oob="true"' in page and "(1 offener Impuls)" in page
    assert "<html" not in page


def test_dismissing_closes_the_nudge(anna, make_nudge) -> None:
    nudge = make_nudge(anna)
    _client(anna).post(reverse("driver:nudge-dismiss", args=[nudge.pk]))
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.DISMISSED


def test_snoozing_hides_the_nudge_until_the_chosen_day(anna, make_nudge) -> None:
    nudge = make_nudge(anna)
    response = _client(anna).post(
        reverse("driver:nudge-snooze", args=[nudge.pk]), {"until": "2026-03-20"}, follow=True
    )
    assert "Zurückgestellt bis 20. März 2026." in response.content.decode()
    nudge.refresh_from_db()
    assert nudge.snoozed_until == date(2026, 3, 20)
    assert nudge.status == NudgeStatus.OPEN


def test_snoozing_without_a_date_takes_three_days(anna, make_nudge) -> None:
    nudge = make_nudge(anna)
    _client(anna).post(reverse("driver:nudge-snooze", args=[nudge.pk]), {"until": ""})
    nudge.refresh_from_db()
    assert nudge.snoozed_until == date(2026, 3, 12)


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("2026-03-09", "Bitte wählen Sie einen Tag nach heute."),
        ("2027-03-10", "höchstens ein Jahr"),
        ("morgen", "Bitte geben Sie ein gültiges Datum an."),
    ],
)
def test_snoozing_to_a_bad_day_is_refused_with_a_reason(anna, make_nudge, until, message) -> None:
    nudge = make_nudge(anna)
    response = _client(anna).post(
        reverse("driver:nudge-snooze", args=[nudge.pk]),
        {"until": until},
        headers={"HX-Request": "true"},
    )
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    nudge.refresh_from_db()
    assert nudge.snoozed_until is None


def test_a_closed_nudge_cannot_be_closed_again(anna, make_nudge) -> None:
    nudge = make_nudge(anna, status=NudgeStatus.RESOLVED)
    response = _client(anna).post(reverse("driver:nudge-done", args=[nudge.pk]), follow=True)
    assert "nicht mehr offen (hat sich erledigt)" in response.content.decode()
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.RESOLVED


@pytest.mark.parametrize(
    "action", ["driver:nudge-done", "driver:nudge-snooze", "driver:nudge-dismiss"]
)
def test_someone_elses_nudge_answers_404(anna, carla, make_nudge, action) -> None:
    nudge = make_nudge(anna)
    response = _client(carla).post(reverse(action, args=[nudge.pk]), {"until": "2026-03-20"})
    assert response.status_code == 404
    nudge.refresh_from_db()
    assert nudge.status == NudgeStatus.OPEN and nudge.snoozed_until is None


def test_actions_need_post(anna, make_nudge) -> None:
    nudge = make_nudge(anna)
    assert _client(anna).get(reverse("driver:nudge-done", args=[nudge.pk])).status_code == 405


def test_the_pages_need_a_login(make_nudge, anna) -> None:
    nudge = make_nudge(anna)
    for url in (reverse("driver:nudges"), reverse("notifications:settings")):
        assert Client().get(url).status_code == 302
    assert Client().post(reverse("driver:nudge-done", args=[nudge.pk])).status_code == 302


def test_the_dashboard_shows_the_top_open_nudges(anna, make_nudge) -> None:
    make_nudge(anna, "Aufgabe A ist überfällig", url="/impulse/")
    for index in range(4):
        make_nudge(anna, f"Weiterer Impuls {index}")
    make_nudge(anna, "Ganz dringend", urgent=True)
    page = _client(anna).get(reverse("core:dashboard")).content.decode()
    assert "Ganz dringend" in page
    assert page.count("Weiterer Impuls") == 2
    assert "Alle Impulse" in page
