"""Demand statistics: each organisation reports aggregated counts (never people);
the pool publishes their sums only through ``disclosure.release`` (k-anonymity,
complementary suppression, optional Laplace noise)."""

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.datapool.disclosure import release
from apps.datapool.models import (
    AgeBand,
    AuditKind,
    Category,
    DemandCount,
    Pool,
    Publication,
    Term,
)
from apps.datapool.services import active_member, audit
from apps.organisations.models import Organisation, OrganisationMember, Role

COLUMNS = ["jahr", "semester", "fachbereich", "region", "altersgruppe", "nachfrage", "plaetze"]


@dataclass(frozen=True)
class DemandRow:
    year: int
    term: int
    category: str
    region: str
    age_band: str
    demand: int
    offer: int


def _choice(value: str, choices: type[Category] | type[AgeBand], what: str) -> str:
    wanted = value.strip().lower()
    for key, label in choices.choices:
        if wanted in (str(key).lower(), str(label).lower()):
            return str(key)
    raise ValueError(_("unbekannte %(what)s „%(value)s“") % {"what": what, "value": value})


def parse_demand_csv(text: str) -> list[DemandRow]:
    """Rows of a CSV with the columns of ``COLUMNS`` (semicolon or comma separated)."""
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=";,\t") if text.strip() else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(_("Es fehlen Spalten: %(cols)s") % {"cols": ", ".join(missing)})
    rows, errors = [], []
    for number, line in enumerate(reader, start=2):
        try:
            term = int(line["semester"])
            if term not in Term.values:
                raise ValueError(_("Semester muss 1 oder 2 sein"))
            region = line["region"].strip()
            if not region or len(region) > 80:
                raise ValueError(_("Region fehlt oder ist zu lang"))
            row = DemandRow(
                year=int(line["jahr"]),
                term=term,
                category=_choice(line["fachbereich"], Category, _("Fachbereich")),
                region=region,
                age_band=_choice(line["altersgruppe"], AgeBand, _("Altersgruppe")),
                demand=int(line["nachfrage"]),
                offer=int(line["plaetze"]),
            )
            if row.demand < 0 or row.offer < 0 or not 2000 <= row.year <= 2100:
                raise ValueError(_("Zahlen außerhalb des gültigen Bereichs"))
        except (ValueError, TypeError, AttributeError) as error:
            errors.append(_("Zeile %(n)s: %(error)s") % {"n": number, "error": error})
            continue
        rows.append(row)
    if errors:
        raise ValidationError(errors[:10])
    if not rows:
        raise ValidationError(_("Die Datei enthält keine Zeilen."))
    return rows


@transaction.atomic
def demand_record(
    *, user: User, pool: Pool, organisation: Organisation, rows: list[DemandRow]
) -> int:
    """Admin or programme planning of an active member reports counts; a cell
    reported again replaces the earlier figures."""
    if not OrganisationMember.objects.filter(
        organisation=organisation, user=user, role__in=[Role.ADMIN, Role.PLANNING]
    ).exists():
        raise PermissionDenied(_("Nur Verwaltung und Programmplanung dürfen Zahlen melden."))
    active_member(pool=pool, organisation=organisation)
    for row in rows:
        DemandCount.objects.update_or_create(
            pool=pool,
            organisation=organisation,
            year=row.year,
            term=row.term,
            category=row.category,
            region=row.region,
            age_band=row.age_band,
            defaults={"demand": row.demand, "offer": row.offer},
        )
    audit(
        pool=pool,
        kind=AuditKind.STATISTICS,
        user=user,
        organisation=organisation,
        detail=_("%(n)s Zeilen") % {"n": len(rows)},
    )
    return len(rows)


# Reading the pooled figures -----------------------------------------------------


@dataclass
class PooledTable:
    categories: list[tuple[str, str]]
    regions: list[str]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    grand_total: int | None
    offers: list[int]
    epsilon: float | None
    k: int
    withheld: int = 0
    rows: list[dict[str, object]] = field(default_factory=list)


def periods_of(*, pool: Pool) -> list[tuple[int, int]]:
    return list(
        DemandCount.objects.filter(pool=pool)
        .values_list("year", "term")
        .distinct()
        .order_by("year", "term")
    )


def _release_payload(cells: list[list[int]], *, k: int, epsilon: float | None) -> dict[str, Any]:
    out = release(cells, k=k, epsilon=epsilon)
    return {
        "cells": out.cells,
        "row_totals": out.row_totals,
        "col_totals": out.col_totals,
        "grand_total": out.grand_total,
    }


def _published(pool: Pool, tables: dict[str, list[list[int]]]) -> dict[str, dict[str, Any]]:
    """The release of each table (by key); with noise, the one stored for exactly
    these counts — drawn once, then shown again (one query for all tables)."""
    if not pool.epsilon:
        return {
            key: _release_payload(cells, k=pool.k, epsilon=None) for key, cells in tables.items()
        }
    fingerprints = {
        key: hashlib.sha256(json.dumps([cells, pool.k, pool.epsilon]).encode()).hexdigest()
        for key, cells in tables.items()
    }
    stored = {
        (p.key, p.fingerprint): p.payload
        for p in Publication.objects.filter(pool=pool, key__in=list(tables))
    }
    out = {}
    for key, cells in tables.items():
        payload = stored.get((key, fingerprints[key]))
        if payload is None:
            publication, _created = Publication.objects.get_or_create(
                pool=pool,
                key=key,
                fingerprint=fingerprints[key],
                defaults={
                    "payload": _release_payload(cells, k=pool.k, epsilon=pool.epsilon),
                    "epsilon": pool.epsilon,
                },
            )
            payload = publication.payload
        out[key] = payload
    return out


def pooled_tables(*, pool: Pool, age_band: str | None) -> dict[tuple[int, int], PooledTable]:
    """For every term: demand by category (rows) and region (columns), summed over the
    organisations, as it may be published; plus the pooled offer per category."""
    counts = DemandCount.objects.filter(pool=pool)
    if age_band:
        counts = counts.filter(age_band=age_band)
    sums: dict[tuple[int, int], dict[tuple[str, str], tuple[int, int]]] = {}
    for r in counts.values("year", "term", "category", "region").annotate(
        demand_sum=Sum("demand"), offer_sum=Sum("offer")
    ):
        period = (r["year"], r["term"])
        sums.setdefault(period, {})[(r["category"], r["region"])] = (
            r["demand_sum"],
            r["offer_sum"],
        )
    present = {c for period in sums.values() for c, _r in period}
    categories = [(str(k), str(label)) for k, label in Category.choices if k in present]
    regions = sorted({region for period in sums.values() for _c, region in period})
    grids = {
        period: [[cells.get((c, region), (0, 0))[0] for region in regions] for c, _l in categories]
        for period, cells in sums.items()
    }
    keys = {period: f"{period[0]}-{period[1]}-{age_band or 'alle'}" for period in grids}
    payloads = _published(pool, {keys[p]: grid for p, grid in grids.items()})
    tables = {}
    for period, cells in sums.items():
        offers = [sum(cells.get((c, r), (0, 0))[1] for r in regions) for c, _l in categories]
        payload = payloads[keys[period]]
        table = PooledTable(
            categories=categories,
            regions=regions,
            cells=payload["cells"],
            row_totals=payload["row_totals"],
            col_totals=payload["col_totals"],
            grand_total=payload["grand_total"],
            offers=offers,
            epsilon=pool.epsilon,
            k=pool.k,
        )
        table.withheld = sum(v is None for row in table.cells for v in row)
        table.rows = [
            {
                "label": label,
                "cells": table.cells[i],
                "total": table.row_totals[i],
                "offer": offers[i],
            }
            for i, (_key, label) in enumerate(categories)
        ]
        tables[period] = table
    return tables


def pooled_table(*, pool: Pool, year: int, term: int, age_band: str | None) -> PooledTable:
    """One term of ``pooled_tables`` (empty when nobody reported for it)."""
    table = pooled_tables(pool=pool, age_band=age_band).get((year, term))
    return table or PooledTable([], [], [], [], [], None, [], pool.epsilon, pool.k)
