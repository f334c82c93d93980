"""The programme-planning view (pooled, k-anonymous demand) and the report form."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest, form_save
from apps.datapool import selectors
from apps.datapool.charts import bar_chart
from apps.datapool.demand import (
    DemandRow,
    demand_record,
    parse_demand_csv,
    periods_of,
    pooled_table,
    pooled_tables,
)
from apps.datapool.forms import DemandCsvForm, DemandForm
from apps.datapool.models import Pool, Term
from apps.organisations.models import Organisation, Role


def _period_label(year: int, term: int) -> str:
    return f"{Term(term).label} {year}"


@login_required
def planning(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_participant(user=request.user, pk=pk)
    periods = periods_of(pool=pool)
    context: dict[str, object] = {
        "pool": pool,
        "periods": periods,
        "can_report": _reporting(request, pool).exists(),
    }
    if not periods:
        return render(request, "datapool/planning.html", context)
    wanted = request.GET.get("zeitraum", "")
    year, term = periods[-1]
    for p in periods:
        if wanted == f"{p[0]}-{p[1]}":
            year, term = p
    # Only the table over all age bands is published. Tables per age band would be
    # linked to it (each of its cells is the sum of theirs): a cell withheld in one
    # band's table could be recomputed from the others and this one. Suppression
    # across linked tables is not built, so they are not shown.
    age_band = None
    tables = pooled_tables(pool=pool, age_band=age_band)
    table = tables.get((year, term)) or pooled_table(
        pool=pool, year=year, term=term, age_band=age_band
    )
    over_time = [
        (_period_label(y, t), tables[(y, t)].grand_total if (y, t) in tables else None, None)
        for y, t in periods
    ]
    context.update(
        table=table,
        period_options=[
            (f"{y}-{t}", _period_label(y, t), (y, t) == (year, term)) for y, t in periods
        ],
        period_label=_period_label(year, term),
        category_chart=bar_chart(
            key="category",
            title=_("Nachfrage und Angebot nach Fachbereich"),
            items=[(r["label"], r["total"], r["offer"]) for r in table.rows],  # type: ignore[misc]
        ),
        region_chart=bar_chart(
            key="region",
            title=_("Nachfrage nach Region"),
            items=[(region, table.col_totals[i], None) for i, region in enumerate(table.regions)],
        ),
        time_chart=bar_chart(key="time", title=_("Nachfrage im Zeitverlauf"), items=over_time),
        gaps=[r for r in table.rows if r["total"] is not None and r["total"] > r["offer"]],  # type: ignore[operator]
    )
    return render(request, "datapool/planning.html", context)


@login_required
def demand_report(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = selectors.pool_for_participant(user=request.user, pk=pk)
    own = _reporting(request, pool)
    if not own.exists():
        raise Http404
    is_csv = "csv" in request.FILES
    form = DemandForm(None if is_csv else (request.POST or None), own=own)
    csv_form = DemandCsvForm(
        request.POST if is_csv else None, request.FILES if is_csv else None, own=own
    )
    if request.method == "POST":
        saved = None
        if is_csv and csv_form.is_valid():
            saved = form_save(csv_form, lambda: _record_csv(request, pool, csv_form.cleaned_data))
        elif not is_csv and form.is_valid():
            data = form.cleaned_data
            row = DemandRow(**{k: data[k] for k in DemandRow.__dataclass_fields__})
            saved = form_save(
                form,
                lambda: demand_record(
                    user=request.user, pool=pool, organisation=data["organisation"], rows=[row]
                ),
            )
        if saved:
            messages.success(request, _("%(n)s Zeilen gemeldet.") % {"n": saved})
            return redirect("datapool:planning", pool.pk)
    return render(
        request, "datapool/demand_form.html", {"pool": pool, "form": form, "csv_form": csv_form}
    )


def _reporting(request: AuthedRequest, pool: Pool) -> QuerySet[Organisation]:
    """The user's active organisations in which they may report figures."""
    return selectors.active_organisations(pool=pool).filter(
        members__user=request.user, members__role__in=[Role.ADMIN, Role.PLANNING]
    )


def _record_csv(request: AuthedRequest, pool: Pool, data: dict[str, Any]) -> int:
    try:
        text = data["csv"].read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Die Datei ist nicht UTF-8-kodiert.")) from error
    rows = parse_demand_csv(text)
    return demand_record(user=request.user, pool=pool, organisation=data["organisation"], rows=rows)
