"""Demand statistics: organisations report sums, the planning page shows pooled
figures only through k-anonymous release, and the gaps where demand exceeds offer."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.datapool.demand import DemandRow, demand_record, parse_demand_csv, pooled_table
from apps.datapool.models import DemandCount, Publication
from apps.organisations.models import OrganisationMember, Role

pytestmark = pytest.mark.django_db

CSV = """jahr;semester;fachbereich;region;altersgruppe;nachfrage;plaetze
2026;1;Sprachen;Stadt Kassel;30 bis 49;80;40
2026;1;health;Stadt Kassel;18-29;3;10
2026;1;Gesundheit;Landkreis Kassel;18-29;50;60
2026;1;Sprachen;Landkreis Kassel;18-29;45;50
"""


def test_a_csv_of_sums_is_read_with_labels_or_keys():
    rows = parse_demand_csv(CSV)
    assert rows[0] == DemandRow(2026, 1, "languages", "Stadt Kassel", "30-49", 80, 40)
    assert rows[1].category == "health"


def test_a_broken_csv_names_the_lines():
    with pytest.raises(ValidationError) as error:
        parse_demand_csv(CSV + "2026;3;Sprachen;X;65+;1;1\n2026;1;Kochen;X;65+;1;1\n")
    assert "Zeile 6" in str(error.value) and "Zeile 7" in str(error.value)


def test_staff_may_not_report(pool, carla, kassel):
    OrganisationMember.objects.create(organisation=kassel, user=carla, role=Role.STAFF)
    with pytest.raises(PermissionDenied):
        demand_record(user=carla, pool=pool, organisation=kassel, rows=parse_demand_csv(CSV))


def test_pooled_figures_hide_small_cells_and_show_the_gap(pool, anna, ben, kassel, goettingen):
    demand_record(user=anna, pool=pool, organisation=kassel, rows=parse_demand_csv(CSV))
    demand_record(
        user=ben,
        pool=pool,
        organisation=goettingen,
        rows=[DemandRow(2026, 1, "languages", "Stadt Kassel", "30-49", 30, 10)],
    )
    table = pooled_table(pool=pool, year=2026, term=1, age_band=None)
    languages = next(r for r in table.rows if r["label"] == "Sprachen")
    health = next(r for r in table.rows if r["label"] == "Gesundheit")
    assert health["cells"][table.regions.index("Stadt Kassel")] is None  # 3 < k
    assert all(v is None or v >= 10 for row in table.cells for v in row)
    assert languages["total"] == 155 and languages["offer"] == 100

    page = Client()
    page.force_login(ben)
    html = page.get(reverse("datapool:planning", args=[pool.pk])).content.decode()
    assert "Wo die Nachfrage das Angebot übersteigt" in html
    assert re.search(r"<strong>Sprachen</strong>: 155 Personen fragen nach, 100 Plätze", html)


def test_with_a_budget_the_noisy_release_is_stored_and_shown_again(pool, anna, kassel):
    pool.epsilon = 1.0
    pool.save()
    demand_record(user=anna, pool=pool, organisation=kassel, rows=parse_demand_csv(CSV))
    first = pooled_table(pool=pool, year=2026, term=1, age_band=None)
    second = pooled_table(pool=pool, year=2026, term=1, age_band=None)
    # Reloading must not draw fresh noise (which could be averaged away).
    assert first.cells == second.cells and Publication.objects.count() == 1
    assert all(v is None or v >= 10 for row in first.cells for v in row)


def test_the_report_page_takes_a_csv_upload(pool, anna, kassel):
    client = Client()
    client.force_login(anna)
    upload = SimpleUploadedFile("zahlen.csv", CSV.encode(), content_type="text/csv")
    response = client.post(
        reverse("datapool:demand-report", args=[pool.pk]),
        {"organisation": kassel.pk, "csv": upload},
    )
    assert response.status_code == 302
    assert DemandCount.objects.filter(pool=pool, organisation=kassel).count() == 4


def test_the_planning_page_does_not_grow_in_queries_with_terms(pool, anna, kassel):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pool.epsilon = 2.0  # the stored noisy releases are read in one query, too
    pool.save()
    client = Client()
    client.force_login(anna)
    url = reverse("datapool:planning", args=[pool.pk])

    def report(years: range) -> None:
        rows = [
            DemandRow(year, term, "languages", "Stadt Kassel", "30-49", 40, 20)
            for year in years
            for term in (1, 2)
        ]
        demand_record(user=anna, pool=pool, organisation=kassel, rows=rows)

    report(range(2020, 2021))
    client.get(url)  # draws and stores the noise once
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    report(range(2021, 2030))
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
