"""Benchmark of the pure money core: balances and settlement of a large cooperation.

    python -m bench.settlement --members 1000 --entries 100000 [--engagements 200] [--seed 7]
                               [--database] [--database-url URL]

Builds in memory ``entries`` revenue and cost lines over ``engagements`` engagements
(each with its own key over every member: percentages, weights or fixed amounts
first), a shared running cost and some confirmed transfers, then times what a page
does with them after loading: sum the lines per engagement and per member, split
every engagement's revenue and costs by its key (``apps.finances.settle``), add up
the balances and propose the settlement. It checks the promises – balances add up to
zero, at most n − 1 transfers, every balance cleared – and prints the time. The last
line holds key=value figures. No database and no Django setup: the core is pure.

``--database`` also times the page's path: the same data bulk-inserted into a scratch
SQLite database (or the empty database of ``--database-url``, migrated first), then
``apps.finances.selectors.money_of`` (all queries included) and the settlement, with
the number of queries.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from decimal import Decimal
from typing import Any

from apps.finances.settle import Cash, Key, Payment, Split, Transfer, balances, settle


def build(members: int, entries: int, engagements: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    ids = list(range(1, members + 1))
    keys = []
    for number in range(engagements):
        weights = {m: Decimal(rng.randint(0, 400)) / 4 for m in ids}
        fixed = (
            {m: Decimal(rng.randint(0, 5000)) for m in rng.sample(ids, 3)}
            if number % 3 == 0
            else {}
        )
        keys.append(Key(weights=weights, fixed=fixed))
    lines = [
        (
            rng.randrange(engagements),
            rng.choice(ids),
            rng.random() < 0.6,
            Decimal(rng.randint(1, 500_000)) / 100,
        )
        for _ in range(entries)
    ]
    payments = [
        Payment(a, b, Decimal(rng.randint(1, 100_000)) / 100)
        for a, b in (rng.sample(ids, 2) for _ in range(members // 10))
    ]
    return {"ids": ids, "keys": keys, "lines": lines, "payments": payments}


def run(data: dict[str, Any]) -> tuple[dict[int, Decimal], list[Transfer]]:
    revenue: dict[int, Decimal] = defaultdict(Decimal)
    costs: dict[int, Decimal] = defaultdict(Decimal)
    received: dict[int, Decimal] = defaultdict(Decimal)
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for engagement, member, is_revenue, amount in data["lines"]:
        if is_revenue:
            revenue[engagement] += amount
            received[member] += amount
        else:
            costs[engagement] += amount
            paid[member] += amount
    splits = []
    for number, key in enumerate(data["keys"]):
        splits += [Split(revenue[number], key), Split(-costs[number], key)]
    cash = [Cash(m, received=received[m], paid=paid[m]) for m in data["ids"]]
    figures = balances(data["ids"], splits=splits, cash=cash, payments=data["payments"])
    owed = {m: f.balance for m, f in figures.items()}
    return owed, settle(owed)


def database_path(args: argparse.Namespace, data: dict[str, Any]) -> tuple[float, int, int]:
    """Bulk-insert ``data`` as one cooperation and time ``money_of`` plus ``settle``."""
    import atexit
    import os
    import shutil
    import tempfile
    from datetime import date

    url = args.database_url
    if url is None:
        directory = tempfile.mkdtemp(prefix="wirwerk-bench-settlement-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        url = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0, interactive=False)
    from apps.accounts.models import User
    from apps.cooperations.models import Cooperation, CooperationKind, Membership
    from apps.finances import selectors
    from apps.finances.models import (
        Engagement,
        EngagementLine,
        KeyProposal,
        KeyShare,
        LineKind,
    )

    people = User.objects.bulk_create(
        User(email=f"bench-settle-{n}@example.org", name=f"Person {n}", password="!")
        for n in data["ids"]
    )
    by_id = dict(zip(data["ids"], people, strict=True))
    cooperation = Cooperation.objects.create(
        title="Großer Verbund", purpose="Benchmark", kind=CooperationKind.JOINT_OFFER
    )
    Membership.objects.bulk_create(Membership(cooperation=cooperation, user=p) for p in people)
    engagements = Engagement.objects.bulk_create(
        Engagement(
            cooperation=cooperation,
            title=f"Auftrag {n}",
            client="Kunde",
            lead=people[0],
            starts_on=date(2026, 1, 1),
        )
        for n in range(len(data["keys"]))
    )
    # Every engagement's key is an override all agreed to (the worst case: one per engagement).
    now = django.utils.timezone.now()
    proposals = KeyProposal.objects.bulk_create(
        KeyProposal(engagement=e, purpose=purpose, kind="weights", effective_at=now)
        for e in engagements
        for purpose in ("revenue", "cost")
    )
    KeyShare.objects.bulk_create(
        (
            KeyShare(proposal=proposal, user=by_id[m], value=w, fixed=0)
            for proposal in proposals
            for m, w in data["keys"][proposal.engagement.pk - engagements[0].pk].weights.items()
        ),
        batch_size=5000,
    )
    EngagementLine.objects.bulk_create(
        (
            EngagementLine(
                engagement=engagements[number],
                kind=LineKind.REVENUE if is_revenue else LineKind.COST,
                member=by_id[member],
                amount=amount,
                booked_on=date(2026, 2, 1),
                description="Posten",
            )
            for number, member, is_revenue, amount in data["lines"]
        ),
        batch_size=5000,
    )
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        money = selectors.money_of(cooperation=cooperation)
        transfers = settle(money.balances)
    seconds = time.perf_counter() - start
    assert sum(money.balances.values(), Decimal(0)) == 0
    return seconds, len(queries.captured_queries), len(transfers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--engagements", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs on fresh data; the fastest is reported"
    )
    parser.add_argument("--database", action="store_true", help="also time the page's path")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    # The machine is shared: the fastest of a few runs is the figure least disturbed by
    # other processes (each run builds fresh data, so no key's cache is reused). CPU
    # time of this process is reported beside the wall-clock time, which waits for
    # other processes when the cores are busy.
    timings, cpu = [], []
    for _ in range(max(args.repeat, 1)):
        data = build(args.members, args.entries, args.engagements, args.seed)
        start, start_cpu = time.perf_counter(), time.process_time()
        owed, transfers = run(data)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    seconds = min(timings)
    assert sum(owed.values(), Decimal(0)) == 0, "balances must add up to zero"
    debtors_and_creditors = len([v for v in owed.values() if v])
    assert len(transfers) <= max(debtors_and_creditors - 1, 0)
    for transfer in transfers:
        owed[transfer.payer_id] += transfer.amount
        owed[transfer.receiver_id] -= transfer.amount
    assert not any(owed.values()), "the settlement must clear every balance"
    print(
        f"{args.members} members, {args.entries} entries, {args.engagements} engagements "
        f"({2 * args.engagements} splits over every member): fastest of {len(timings)} "
        f"runs {seconds:.3f} s (CPU {min(cpu):.3f} s), slowest {max(timings):.3f} s"
    )
    print(f"members with a balance: {debtors_and_creditors}, transfers: {len(transfers)}")
    extra = ""
    if args.database or args.database_url:
        db_seconds, queries, _transfers = database_path(
            args, build(args.members, args.entries, args.engagements, args.seed)
        )
        print(f"database path (money_of + settle): {db_seconds:.3f} s in {queries} queries")
        extra = f" db_seconds={db_seconds:.3f} db_queries={queries}"
    print(
        f"seconds={seconds:.3f} cpu_seconds={min(cpu):.3f} transfers={len(transfers)} "
        f"members={args.members} entries={args.entries}{extra}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
