"""Benchmark of one full driver run over many active cooperations.

    python -m bench.driver --cooperations 10000 [--seed 7] [--database-url URL]

Builds the data in a scratch SQLite database under a temporary directory (or in the
database of ``--database-url``, which must be empty and is migrated first) with
bulk inserts: people, agreed cooperations with two to four members, agreement
versions (some amendments waiting for acceptance), acceptances, timeline events,
check-in rounds (opened by the driver's own service) with some answers – a few of
them "Leave it" – and a few open exits. Then it times ONE ``driver_run`` over every
registered rule and counts its queries. A second run at the same moment must
change nothing. The last line holds key=value figures.
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from typing import Any

SCRATCH_PREFIX = "wirwerk-bench-driver-"


def setup_django(database_url: str | None) -> str:
    """Point Django at the benchmark database and migrate it; returns its URL.

    Without a URL: a scratch SQLite file in a temporary directory, removed at exit."""
    if database_url is None:
        directory = tempfile.mkdtemp(prefix=SCRATCH_PREFIX)
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        database_url = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return database_url


def build(cooperations: int, *, now: datetime, seed: int = 7) -> dict[str, int]:
    """Bulk-insert ``cooperations`` agreed cooperations with everything the rules read.

    Deterministic for a seed. Also used by the test that compares query counts.
    """
    from apps.accounts.models import User
    from apps.checkins.models import CheckIn, CheckInAnswer, CheckInChoice
    from apps.checkins.services import checkins_open_due
    from apps.cooperations.models import (
        Acceptance,
        AgreementVersion,
        Cooperation,
        CooperationKind,
        CooperationStatus,
        Event,
        EventKind,
        ExitKind,
        ExitProcess,
        MemberRole,
        Membership,
        VersionStatus,
    )

    rng = random.Random(seed)
    batch = 2000
    people = User.objects.bulk_create(
        [
            User(email=f"bench-{seed}-{index}@example.org", name=f"Person {index}", password="!")
            for index in range(max(4, cooperations * 3 // 5))
        ],
        batch_size=batch,
    )
    plans: list[dict[str, Any]] = []
    for index in range(cooperations):
        agreed_at = now - timedelta(days=rng.randint(20, 400), hours=rng.randint(0, 23))
        last_activity = max(agreed_at, now - timedelta(days=rng.randint(0, 60)))
        plans.append(
            {
                "members": rng.sample(people, rng.randint(2, 4)),
                "agreed_at": agreed_at,
                "last_activity": last_activity,
                "review": rng.choice((30, 60, 90, 90, 90, 180)),
                "amendment": rng.random() < 0.2,
                "proposed_at": now - timedelta(days=rng.randint(0, 10), hours=rng.randint(0, 23)),
                "exit": rng.random() < 0.02,
                "title": f"Kooperation {index}",
            }
        )
    created = Cooperation.objects.bulk_create(
        [
            Cooperation(
                title=plan["title"],
                purpose="Ein gemeinsames Angebot für den Mittelstand.",
                kind=CooperationKind.JOINT_OFFER,
                status=CooperationStatus.AGREED,
                created_by=plan["members"][0],
                last_activity_at=plan["last_activity"],
            )
            for plan in plans
        ],
        batch_size=batch,
    )
    memberships, versions, events, exits = [], [], [], []
    for cooperation, plan in zip(created, plans, strict=True):
        plan["cooperation"] = cooperation
        for position, person in enumerate(plan["members"]):
            memberships.append(
                Membership(
                    cooperation=cooperation,
                    user=person,
                    role=MemberRole.COORDINATOR if position == 0 else MemberRole.MEMBER,
                )
            )
        versions.append(
            AgreementVersion(
                cooperation=cooperation,
                number=1,
                status=VersionStatus.IN_FORCE,
                goals="Gemeinsam wachsen.",
                review_every_days=plan["review"],
                proposed_at=plan["agreed_at"] - timedelta(days=1),
                in_force_at=plan["agreed_at"],
            )
        )
        if plan["amendment"]:
            versions.append(
                AgreementVersion(
                    cooperation=cooperation,
                    number=2,
                    status=VersionStatus.PROPOSED,
                    goals="Gemeinsam wachsen, jetzt auch online.",
                    review_every_days=plan["review"],
                    proposed_at=plan["proposed_at"],
                )
            )
        events += [
            Event(cooperation=cooperation, kind=EventKind.CREATED, created_at=plan["agreed_at"]),
            Event(
                cooperation=cooperation,
                kind=EventKind.VERSION_IN_FORCE,
                params={"number": 1},
                created_at=plan["agreed_at"],
            ),
            Event(
                cooperation=cooperation, kind=EventKind.UPDATED, created_at=plan["last_activity"]
            ),
        ]
        if plan["exit"]:
            exits.append(
                ExitProcess(
                    cooperation=cooperation,
                    kind=ExitKind.LEAVE,
                    proposed_by=plan["members"][-1],
                    leaving_user=plan["members"][-1],
                    reason="Mir fehlt die Zeit dafür.",
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=batch)
    AgreementVersion.objects.bulk_create(versions, batch_size=batch)
    Event.objects.bulk_create(events, batch_size=batch)
    ExitProcess.objects.bulk_create(exits, batch_size=batch)
    by_id = {plan["cooperation"].pk: plan for plan in plans}
    acceptances = []
    for version in versions:
        members = by_id[version.cooperation_id]["members"]
        accepting = members if version.number == 1 else members[:1]
        acceptances += [
            Acceptance(version=version, user=person, name=person.name) for person in accepting
        ]
    Acceptance.objects.bulk_create(acceptances, batch_size=batch)

    # The driver opens the due check-in rounds itself; some members have answered.
    opened = checkins_open_due(now=now)
    answers = []
    choices = [CheckInChoice.LOVE] * 14 + [CheckInChoice.CHANGE] * 5 + [CheckInChoice.LEAVE]
    for check_in in CheckIn.objects.filter(revealed_at__isnull=True).only("pk", "cooperation_id"):
        members = by_id[check_in.cooperation_id]["members"]
        for person in members[: rng.randint(0, len(members) - 1)]:
            choice = rng.choice(choices)
            answers.append(
                CheckInAnswer(
                    check_in=check_in,
                    user=person,
                    personality=rng.randint(2, 5),
                    behaviour=rng.randint(2, 5),
                    culture=rng.randint(1, 5),
                    organisation=rng.randint(1, 5),
                    choice=choice,
                    comment="" if choice == CheckInChoice.LOVE else "Darüber sollten wir reden.",
                )
            )
    CheckInAnswer.objects.bulk_create(answers, batch_size=batch)
    return {
        "people": len(people),
        "cooperations": len(created),
        "memberships": len(memberships),
        "versions": len(versions),
        "events": len(events),
        "check_ins": opened,
        "answers": len(answers),
        "exits": len(exits),
    }


def measure(now: datetime) -> tuple[float, int, Any]:
    """One full driver run: seconds, queries, result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.driver.services import driver_run

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = driver_run(now=now)
        seconds = time.perf_counter() - start
    return seconds, len(ctx), result


def measure_health(now: datetime) -> tuple[float, int, int]:
    """The day's health snapshot of every cooperation (the dispatcher's step)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.checkins.services import health_snapshots_write

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        rows = health_snapshots_write(now=now)
        seconds = time.perf_counter() - start
    return seconds, len(ctx), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cooperations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-url", default=None, help="an empty database instead of a scratch SQLite file"
    )
    args = parser.parse_args(argv)

    url = setup_django(args.database_url)
    from django.utils import timezone

    from apps.driver.rules import registry

    now = timezone.now().replace(microsecond=0)
    start = time.perf_counter()
    counts = build(args.cooperations, now=now, seed=args.seed)
    build_s = time.perf_counter() - start
    print(
        f"database: {url.split('://')[0]}; built in {build_s:.1f} s: "
        + ", ".join(f"{key} {value}" for key, value in counts.items())
    )
    print(f"rules: {', '.join(registry.names())}")

    seconds, queries, result = measure(now)
    if result.failed:
        print(f"FAILED rules: {', '.join(result.failed)}", file=sys.stderr)
    again_seconds, again_queries, again = measure(now)
    print(
        f"second run at the same moment: {again_seconds:.2f} s, {again_queries} queries, "
        f"changed={again.changed}"
    )
    health_seconds, health_queries, snapshots = measure_health(now)
    print(
        f"health of every cooperation (daily snapshot): {health_seconds:.2f} s, "
        f"{health_queries} queries, {snapshots} rows"
    )
    print(f"seconds={seconds:.2f} queries={queries} nudges={result.created}")
    return 1 if result.failed or again.changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
