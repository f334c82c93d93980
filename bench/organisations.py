"""Benchmark of the organisation pages and the ranking of programme gaps.

    python -m bench.organisations [--organisations 500] [--people 300] [--seed 5]

Builds a scratch SQLite database (people with profiles from the demo seeder,
``--organisations`` organisations with programme gaps), then measures:

* the organisation page's queries with 1, 10 and 100 members (must not grow),
* the time to rank the organisations whose gaps a freelancer's offer fills (the
  small per-request index over at most ``fit.MAX_ORGANISATIONS`` organisations),
* the time to suggest freelancers for one organisation's gaps (the matching index).

The last line holds key=value figures.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable

SCRATCH_PREFIX = "wirwerk-bench-organisations-"

GAPS = [
    "Uns fehlen Kursleitungen für Konfliktmoderation und Mediation im Team.",
    "Wir suchen Angebote zu Erlebnispädagogik und Teamtagen im Freien.",
    "Gesucht: Kommunikationstraining für Führungskräfte und Rhetorik.",
    "Wir brauchen Lehrkräfte für Deutsch als Zweitsprache.",
    "Es fehlen Kurse zu Stressbewältigung, Achtsamkeit und Resilienz.",
    "Wir suchen Trainerinnen für Präsentation und Moderation.",
    "Uns fehlt ein Angebot zu digitaler Lehre und Lernplattformen.",
    "Wir suchen Coaching für Existenzgründung und Selbstständigkeit.",
]


def setup_django() -> None:
    directory = tempfile.mkdtemp(prefix=SCRATCH_PREFIX)
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["MATCHING_INDEX_PATH"] = f"{directory}/matching-index.pkl"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)


def median_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from apps.accounts.models import User
    from apps.core.demo.seed import DemoSeeder
    from apps.organisations import fit, services
    from apps.organisations.models import Organisation, OrganisationMember, Role

    rng = random.Random(args.seed)
    start = time.perf_counter()
    DemoSeeder(people=args.people, seed=args.seed).seed_people()
    people = list(User.objects.order_by("pk"))
    admin, freelancer = people[0], people[2]
    Organisation.objects.bulk_create(
        Organisation(name=f"Volkshochschule {i}", kind="vhs", city="Kassel", gaps=rng.choice(GAPS))
        for i in range(args.organisations)
    )
    organisation = services.organisation_create(
        user=admin, name="Volkshochschule Kassel", kind="vhs", gaps=GAPS[0]
    )
    print(
        f"built in {time.perf_counter() - start:.1f} s: {len(people)} people, "
        f"{args.organisations + 1} organisations"
    )

    client = Client()
    client.force_login(admin)
    url = reverse("organisations:detail", args=[organisation.pk])
    client.get(url)
    queries: dict[int, int] = {}
    others = [p for p in people if p.pk != admin.pk]
    for size in (1, 10, 100):
        have = organisation.members.count()
        OrganisationMember.objects.bulk_create(
            OrganisationMember(organisation=organisation, user=p, role=Role.STAFF)
            for p in others[have - 1 : size - 1]
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        queries[organisation.members.count()] = len(captured)
    print(
        "organisation page queries by members: "
        + ", ".join(f"{n}: {q}" for n, q in queries.items())
    )

    gaps_s = median_seconds(lambda: fit.organisations_for_freelancer(user=freelancer))
    found = fit.organisations_for_freelancer(user=freelancer)
    print(
        f"organisations for one freelancer: {gaps_s * 1000:.0f} ms (median of 5), "
        f"{len(found)} shown"
    )
    people_s = median_seconds(
        lambda: fit.freelancers_for_gaps(organisation=organisation, user=admin)
    )
    print(f"freelancers for one organisation's gaps: {people_s * 1000:.0f} ms (median of 5)")
    flat = len(set(queries.values())) == 1
    print(
        f"queries_1={queries[1]} queries_10={queries[10]} queries_100={queries[100]} "
        f"flat={flat} gaps_ms={gaps_s * 1000:.0f} freelancers_ms={people_s * 1000:.0f}"
    )
    return 0 if flat else 1


if __name__ == "__main__":
    raise SystemExit(main())
