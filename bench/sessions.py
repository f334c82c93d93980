"""Benchmark of a live session: N participants poll its fragment at once.

    python -m bench.sessions --participants 30 [--rounds 10] [--database-url URL]

Builds a scratch SQLite database (or uses the empty database of ``--database-url``),
a circle with N members and a session with ideas, and starts Django's ``runserver``
on loopback against it (``--server granian``: granian's WSGI server, as in
production). Every participant is a thread with its own login that polls
``/sessions/<pk>/live/`` the way the page does: every two seconds (starting at a
random moment within the first two), sending the ETag it holds. While they poll,
ideas keep coming in, so some polls render the fragment (200) and most answer 304.

First one participant polls alone, then all N together. The median response time
with N must stay within 3× of one participant's. Last line: ``ratio=… p50_ms=…``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from bench.driver import setup_django

POLL_SECONDS = 2.0
NOT_MODIFIED: list[int] = []  # one entry per 304 (list.append is thread-safe)


def build(participants: int) -> tuple[int, list[str], object, object]:
    """The circle with its members' login cookies and the session.

    Returns (session pk, cookies, session, facilitator)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from apps.accounts.models import User
    from apps.cocreation import services
    from apps.cocreation.models import Circle, CircleMembership

    people = User.objects.bulk_create(
        [
            User(email=f"bench-session-{i}@example.org", name=f"Person {i}", password="!")
            for i in range(participants)
        ]
    )
    circle = services.circle_create(
        founder=people[0],
        name="Benchkreis",
        purpose="Messen",
        norms="Fair.",
        size_limit=max(12, participants),
    )
    CircleMembership.objects.bulk_create(
        [CircleMembership(circle=circle, user=person, norms_version=1) for person in people[1:]]
    )
    session = services.session_create(user=people[0], question="Wie skaliert das?", circle=circle)
    for index, person in enumerate(people[:10]):
        services.idea_add(session=session, user=person, text=f"Idee {index}")
    cookies = []
    for person in people:
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.save()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
    assert isinstance(circle, Circle)
    return session.pk, cookies, session, people[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def participant(
    port: int, path: str, cookie: str, rounds: int, times: list[float], seed: int
) -> None:
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, POLL_SECONDS))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    etag = ""
    for _ in range(rounds):
        started = time.perf_counter()
        headers = {"Cookie": cookie, "HX-Request": "true"}
        if etag:
            headers["If-None-Match"] = etag
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status not in (200, 304):
            raise RuntimeError(f"poll answered {response.status}")
        etag = response.getheader("ETag") or etag
        times.append(elapsed)
        if response.status == 304:
            NOT_MODIFIED.append(1)
        time.sleep(max(0.0, POLL_SECONDS - elapsed))
    connection.close()


def run_round(
    port: int, path: str, cookies: list[str], rounds: int, add_idea: Callable[[int], None]
) -> list[float]:
    times: list[float] = []
    stop = threading.Event()

    def ideas() -> None:  # a change every three seconds: some polls must render
        number = 0
        while not stop.wait(3.0):
            number += 1
            add_idea(number)

    writer = threading.Thread(target=ideas, daemon=True)
    writer.start()
    threads = [
        threading.Thread(target=participant, args=(port, path, cookie, rounds, times, index))
        for index, cookie in enumerate(cookies)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    writer.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--server",
        choices=("runserver", "granian"),
        default="runserver",
        help="runserver (what `make run` starts) or granian (production, WSGI, 2 workers)",
    )
    args = parser.parse_args()
    database_url = setup_django(args.database_url)
    session_pk, cookies, session, facilitator = build(args.participants)
    from apps.cocreation import services

    def add_idea(number: int) -> None:
        services.idea_add(session=session, user=facilitator, text=f"Neue Idee {number}")  # type: ignore[arg-type]

    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    if args.server == "granian":
        granian = os.path.join(os.path.dirname(sys.executable), "granian")
        command = [
            granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
            "--workers", "2", "--blocking-threads", "8", "wirwerk.wsgi:application",
        ]  # fmt: skip
    else:
        command = [
            sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}",
            "--noreload", "--nostatic",
        ]  # fmt: skip
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        path = f"/sessions/{session_pk}/live/"
        run_round(port, path, cookies[:1], 3, add_idea)  # warm up
        single = run_round(port, path, cookies[:1], args.rounds * 2, add_idea)
        NOT_MODIFIED.clear()
        crowd = run_round(port, path, cookies, args.rounds, add_idea)
        not_modified = len(NOT_MODIFIED)
    finally:
        server.terminate()
        server.wait(timeout=10)
    p50_single = statistics.median(single) * 1000
    p50 = statistics.median(crowd) * 1000
    p95 = statistics.quantiles(crowd, n=20)[-1] * 1000
    ratio = p50 / p50_single
    print(f"1 participant: median {p50_single:.1f} ms over {len(single)} polls")
    print(
        f"{args.participants} participants: median {p50:.1f} ms, "
        f"p95 {p95:.1f} ms over {len(crowd)} polls, {not_modified} of them 304"
    )
    print(
        f"ratio={ratio:.2f} p50_ms={p50:.1f} p50_single_ms={p50_single:.1f} "
        f"participants={args.participants} server={args.server}"
    )
    if ratio > 3:
        sys.exit(1)


if __name__ == "__main__":
    main()
