"""Load test: mixed journeys of logged-in demo people against granian, with Locust.

    python -m bench.load [--users 50] [--spawn-rate 5] [--run-time 3m] [--people 300]

Creates a scratch database – a SQLite file in a temporary directory, or, when
DATABASE_URL points at PostgreSQL, a new database ``<name>_bench`` on that server
(dropped at the end; the database named in the URL is not touched) – migrates it,
seeds the demo network (``seed_demo``) and starts granian (WSGI, 2 workers, as in
the README's deployment) on a free loopback port. Locust then runs headless on
loopback, twice with the same client setup and think time: first against the bare
``/healthz`` view (no database: the floor), then the mixed journeys of
``bench/load/locustfile.py`` (dashboard, suggestions, a cooperation, a meeting,
posting a contribution, the live poll of a co-creation session).

The figures count from the moment every simulated person has logged in (logins
hash the password with argon2, deliberately slow, once per person). Prints
throughput, p50/p95 per journey, the ratio of the mix's p50 to the floor's
p50, and the last line ``rps=… p50_ms=… p95_ms=… ratio=… errors=…``. Exits non-zero
when a request failed.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
P95_TARGET_MS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("granian stopped before it listened")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("granian did not start")


def warm_up(port: int) -> None:
    """Both workers load the URLs, templates and a database connection first."""
    for _ in range(20):
        for path in ("/healthz", "/konto/login/"):
            with urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                response.read()


def scratch_database(directory: str) -> str:
    """The URL of an empty scratch database (see the module's docstring)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{directory}/load.sqlite3"
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'wirwerk'}_bench"
    server = urlunsplit(parts._replace(path="/postgres"))

    def execute(sql: str) -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(sql)

    execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    execute(f'CREATE DATABASE "{name}"')
    atexit.register(execute, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urlunsplit(parts._replace(path=f"/{name}"))


def seed(people: int) -> dict[str, Any]:
    """Migrate, seed the demo and list the accounts the simulated users log in as."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wirwerk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from apps.core.demo.seed import seed_demo

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    seed_demo(people=people, seed=1)
    print(f"demo seeded: {people} people in {time.perf_counter() - started:.1f} s")
    targets = accounts()
    connections.close_all()
    return targets


def accounts() -> dict[str, Any]:
    """Members of active cooperations (with a meeting and a session where they have
    one) and members of circles with a session first, then other demo people."""
    from apps.accounts.models import User
    from apps.cocreation.models import CircleMembership, Session
    from apps.cooperations.models import Membership
    from apps.meetings.models import Meeting

    meetings: dict[int, int] = {}
    for meeting in Meeting.objects.order_by("starts_at", "pk").values("cooperation_id", "pk"):
        meetings.setdefault(meeting["cooperation_id"], meeting["pk"])
    sessions_of_cooperation: dict[int, int] = {}
    sessions_of_circle: dict[int, int] = {}
    for session in Session.objects.order_by("-pk").values("pk", "circle_id", "cooperation_id"):
        if session["cooperation_id"]:
            sessions_of_cooperation.setdefault(session["cooperation_id"], session["pk"])
        else:
            sessions_of_circle.setdefault(session["circle_id"], session["pk"])
    rich: dict[int, dict[str, Any]] = {}
    memberships = (
        Membership.objects.current()
        .exclude(cooperation__status="ended")
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        account = rich.setdefault(membership.user_id, {"email": membership.user.email})
        pk = membership.cooperation_id
        # Prefer the cooperation with a meeting; an agreed one lets them log work.
        if "cooperation" not in account or (pk in meetings and "meeting" not in account):
            account.update(cooperation=pk, can_write=True)
            if pk in meetings:
                account["meeting"] = meetings[pk]
            if pk in sessions_of_cooperation:
                account["session"] = sessions_of_cooperation[pk]
    for member in CircleMembership.objects.current().select_related("user").order_by("pk"):
        account = rich.setdefault(member.user_id, {"email": member.user.email})
        if "session" not in account and member.circle_id in sessions_of_circle:
            account["session"] = sessions_of_circle[member.circle_id]
    others = [
        {"email": email}
        for email in User.objects.exclude(pk__in=rich)
        .order_by("pk")
        .values_list("email", flat=True)[:200]
    ]
    return {"rich": list(rich.values()), "others": others}


def assign(targets: dict[str, Any], users: int) -> list[dict[str, Any]]:
    """One account per simulated user: two thirds walk as members, a third as others."""
    rich, others = targets["rich"], targets["others"]
    members = max(1, (2 * users + 2) // 3) if rich else 0
    chosen = [rich[i % len(rich)] for i in range(members)]
    chosen += [others[i % len(others)] for i in range(users - members)] if others else []
    return chosen


def locust(
    *, user_class: str, port: int, users: int, spawn_rate: float, run_time: str, out: Path
) -> dict[str, dict[str, str]]:
    """One headless Locust run; its stats rows by request name ("Aggregated" for all)."""
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f", str(LOCUSTFILE), "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{port}",
        "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", run_time,
        "--csv", str(out), "--loglevel", "WARNING", "--exit-code-on-error", "0",
        # The figures start once every user has logged in (the locustfile resets
        # them then): logins are once per person, not the journeys' steady state.
        "--reset-stats", user_class,
    ]  # fmt: skip
    log = out.with_suffix(".log")
    with log.open("w") as file:
        finished = subprocess.run(command, stdout=file, stderr=subprocess.STDOUT, check=False)
    if finished.returncode != 0:
        print(log.read_text()[-4000:])
        raise RuntimeError(f"locust ({user_class}) exited with {finished.returncode}")
    with open(f"{out}_stats.csv", encoding="utf-8") as file:
        return {row["Name"]: row for row in csv.DictReader(file)}


def failures(out: Path) -> list[str]:
    path = Path(f"{out}_failures.csv")
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as file:
        return [
            f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error'][:200]}"
            for row in csv.DictReader(file)
        ]


def figure(row: dict[str, str], column: str) -> float:
    value = row.get(column, "") or "0"
    return 0.0 if value == "N/A" else float(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--run-time", default="3m", help="Locust's format: 20s, 3m, 1h")
    parser.add_argument("--floor-time", default="30s", help="how long the floor is measured")
    parser.add_argument("--people", type=int, default=300, help="size of the demo network")
    args = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="wirwerk-bench-load-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    database_url = scratch_database(directory)
    # Everything of the instance outside the database (matching index, signing key)
    # lives in the scratch directory too.
    os.environ.update(DATABASE_URL=database_url, WIRWERK_VAR_DIR=directory)
    targets = seed(args.people)
    from apps.core.demo.personas import DEMO_PASSWORD

    chosen = assign(targets, args.users)
    targets_file = Path(directory) / "targets.json"
    targets_file.write_text(json.dumps({"accounts": chosen}))
    print(
        f"accounts: {len(targets['rich'])} members of cooperations or circles, "
        f"{len(chosen)} simulated users"
    )

    port = free_port()
    env = {
        **os.environ,
        "DB_CONN_MAX_AGE": os.environ.get("DB_CONN_MAX_AGE", "60"),
        # As behind the reverse proxy of the deployment: X-Forwarded-For names the
        # person's address, so the login rate limits count per person, not per Locust.
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        "WIRWERK_LOAD_TARGETS": str(targets_file),
        "WIRWERK_LOAD_PASSWORD": DEMO_PASSWORD,
    }
    granian = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
        "--workers", "2", "--blocking-threads", "8", "--no-access-log",
        "wirwerk.wsgi:application",
    ]  # fmt: skip
    server = subprocess.Popen(
        granian, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    os.environ.update(env)  # Locust reads the targets and password from the environment
    try:
        wait_for(port, server)
        warm_up(port)
        out = Path(directory)
        common: dict[str, Any] = {
            "port": port,
            "users": args.users,
            "spawn_rate": args.spawn_rate,
        }
        floor = locust(
            user_class="FloorUser", run_time=args.floor_time, out=out / "floor", **common
        )
        mix = locust(user_class="DemoPerson", run_time=args.run_time, out=out / "mix", **common)
        problems = failures(out / "floor") + failures(out / "mix")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()

    load = " ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"load average of the machine at the end: {load} ({os.cpu_count()} cores)")
    print(f"{'journey':<20} {'requests':>8} {'fails':>6} {'rps':>7} {'p50 ms':>7} {'p95 ms':>7}")
    rows = [item for item in mix.items() if figure(item[1], "Request Count") > 0]
    for name, row in sorted(rows, key=lambda item: item[0] == "Aggregated"):
        print(
            f"{name:<20} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{figure(row, 'Requests/s'):>7.1f} {figure(row, '50%'):>7.0f} "
            f"{figure(row, '95%'):>7.0f}"
        )
    total, bare = mix["Aggregated"], floor["Aggregated"]
    p50, p95 = figure(total, "50%"), figure(total, "95%")
    floor_p50 = figure(bare, "50%") or 1.0
    ratio = p50 / floor_p50
    errors = int(figure(total, "Failure Count")) + int(figure(bare, "Failure Count"))
    print(
        f"floor (/healthz): {figure(bare, 'Requests/s'):.1f} rps, p50 {floor_p50:.0f} ms, "
        f"p95 {figure(bare, '95%'):.0f} ms"
    )
    print(
        f"mix: {args.users} users for {args.run_time}: {figure(total, 'Requests/s'):.1f} rps, "
        f"p50 {p50:.0f} ms ({ratio:.1f}× the floor), p95 {p95:.0f} ms "
        f"(target ≤ {P95_TARGET_MS} ms), {errors} errors"
    )
    for problem in problems:
        print(f"error: {problem}")
    print(
        f"rps={figure(total, 'Requests/s'):.1f} p50_ms={p50:.0f} p95_ms={p95:.0f} "
        f"ratio={ratio:.2f} errors={errors} users={args.users} run_time={args.run_time} "
        f"database={'postgresql' if database_url.startswith('postgres') else 'sqlite'}"
    )
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
