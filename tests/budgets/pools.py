"""The data pool of the query-budget world.

``build()`` takes the demo's pool of "Volkshochschule Kassel" (anna administers it)
and "Volkshochschule Göttingen" with its finished overlap run. ``grow()`` adds per
unit an organisation of anna's that is invited into the pool and accepts the
agreement (audit entries), its demand counts (``demand_record``) and an overlap run
Kassel starts with it (``run_start``, a list of the pool's minimum size).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from apps.accounts.models import User
from apps.datapool import psi
from apps.datapool.demand import DemandRow, demand_record
from apps.datapool.demo import POOL_NAME
from apps.datapool.models import AgeBand, AuditEntry, Category, DemandCount, OverlapRun, Pool
from apps.datapool.overlap import run_start
from apps.datapool.services import pool_accept, pool_invite
from apps.organisations import services as organisations

if TYPE_CHECKING:
    from tests.budgets.world import World


def build(anna: User) -> dict[str, Any]:
    pool = Pool.objects.get(name=POOL_NAME)
    run = OverlapRun.objects.filter(pool=pool).order_by("pk").first()
    assert run is not None and run.initiator.members.filter(user=anna).exists()
    return {"pool": pool, "run": run}


def grow(world: World, units: int) -> None:
    for unit in range(units):
        _unit(world, world.grown + unit)


def _unit(world: World, number: int) -> None:
    anna, pool, kassel = world.anna, world.pool, world.kassel
    own = organisations.organisation_create(
        user=anna, name=f"Bildungswerk {number}", city="Kassel", staff_count=number + 3
    )
    pool_invite(user=anna, pool=pool, organisation=own)
    pool_accept(user=anna, pool=pool, organisation=own)
    year = timezone.localdate().year
    rows = [
        DemandRow(year, 1, category, f"Region {number}", age_band, 12 + number, 10)
        for category in Category.values[:2]
        for age_band in AgeBand.values[:2]
    ]
    demand_record(user=anna, pool=pool, organisation=own, rows=rows)
    salt, secret = psi.new_salt(), psi.new_secret()
    addresses = [f"kunde{number}.{n}@example.org" for n in range(pool.min_list_size)]
    run_start(
        user=anna,
        pool=pool,
        initiator=kassel,
        responder=own,
        salt=salt,
        a_blinded=psi.initiator_start(addresses, salt=salt, secret=secret),
    )


def sizes(world: World) -> dict[str, int]:
    pool = world.pool
    return {
        "pool members": pool.members.filter(accepted_at__isnull=False).count(),
        "pool audit entries": AuditEntry.objects.filter(pool=pool).count(),
        "overlap runs": OverlapRun.objects.filter(pool=pool).count(),
        "demand counts": DemandCount.objects.filter(pool=pool).count(),
    }
