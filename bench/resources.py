"""Benchmark of bookings: how long one booking takes as a resource fills up, and
whether the week calendar's queries stay constant with more bookings.

    python -m bench.resources [--bookings 500] [--database-url URL]

Builds in a scratch SQLite database under a temporary directory (or in the empty
database of ``--database-url``, migrated first): an organisation with a room and a
licence of five seats. Books ``--bookings`` one-hour slots in the room through the
service (every booking serialises on the resource row and checks the overlap) and
the same slots in the licence until its seats are full, timing each booking; then
builds the week calendar with few and with many bookings and counts its queries.
The last line holds key=value figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta

from bench.scratch import setup_django

SCRATCH_PREFIX = "wirwerk-bench-resources-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=500)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = setup_django(args.database_url, prefix=SCRATCH_PREFIX)

    from decimal import Decimal

    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from apps.organisations.models import Organisation, OrganisationMember, Role
    from apps.resources import selectors, services
    from apps.resources.models import Resource
    from apps.resources.tests.conftest import next_monday

    admin = User.objects.create_user(email="admin@bench.example", password="x")
    people = [User.objects.create_user(email=f"p{i}@bench.example", password="x") for i in range(7)]
    org = Organisation.objects.create(name="VHS Bench", kind="vhs", city="Kassel")
    OrganisationMember.objects.create(organisation=org, user=admin, role=Role.ADMIN)

    def resource(name: str, kind: str, seats: int) -> Resource:
        data = services.ResourceData(
            name=name,
            kind=kind,
            owner=org,
            seats=seats,
            cost_amount=Decimal("12.50"),
            people=people,
        )
        return services.resource_create(user=admin, data=data)

    room, licence = resource("Raum", "room", 1), resource("Lizenz", "licence", 5)
    start = next_monday(0)

    def week_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.week_of(resource=room, monday=start.date())
        return len(queries)

    few_queries = week_queries()
    timings: list[float] = []
    for i in range(args.bookings):
        slot = start + timedelta(hours=i)
        began = time.perf_counter()
        services.booking_create(
            resource=room,
            user=people[i % 7],
            starts_at=slot,
            ends_at=slot + timedelta(hours=1),
            purpose="B",
        )
        timings.append((time.perf_counter() - began) * 1000)
    refused = 0
    slot = start + timedelta(hours=3)
    for i in range(7):
        try:
            services.booking_create(
                resource=licence,
                user=people[i],
                starts_at=slot,
                ends_at=slot + timedelta(hours=1),
                purpose="L",
            )
        except ValidationError:
            refused += 1
    many_queries = week_queries()
    began = time.perf_counter()
    week = selectors.week_of(resource=room, monday=start.date())
    week_ms = (time.perf_counter() - began) * 1000
    in_week = sum(len(day.bookings) for day in week.days)
    first, last = statistics.median(timings[:50]), statistics.median(timings[-50:])
    print(f"database: {url.split(':')[0]}")
    print(f"{args.bookings} bookings, median {statistics.median(timings):.1f} ms each")
    print(
        f"first 50 median {first:.1f} ms, last 50 median {last:.1f} ms (ratio {last / first:.2f})"
    )
    print(f"licence of 5 seats, 7 tries: {7 - refused} booked, {refused} refused")
    print(
        f"week calendar: {few_queries} queries empty, {many_queries} with {in_week} "
        f"bookings, {week_ms:.1f} ms"
    )
    print(
        f"bookings={args.bookings} booking_ms={statistics.median(timings):.2f} "
        f"growth_ratio={last / first:.2f} seats_booked={7 - refused} "
        f"week_queries_empty={few_queries} week_queries_full={many_queries} week_ms={week_ms:.1f}"
    )


if __name__ == "__main__":
    main()
