"""Acceptance 1: twenty people book the same slot at the same moment – exactly one
wins, the others read why; a licence's seats are never more than it has.

On PostgreSQL with threads (row lock, exclusion constraint); on SQLite with real
processes on a file database (SQLite's write lock), not the in-memory test database.
"""

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from apps.accounts.models import User
from apps.organisations.models import Organisation
from apps.resources import services
from apps.resources.models import Booking, BookingStatus, Resource
from apps.resources.tests.conftest import make_resource, next_monday
from tests.parallel import sqlite_leg_only

PARALLEL = 20
TIMEOUT = 600  # twenty interpreters on a busy two-core machine
ROOT = Path(__file__).resolve().parents[3]

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads on SQLite's shared in-memory test database only meet 'table is "
    "locked'; the SQLite run uses processes on a file database below",
)


def _book_in_threads(resource: Resource, users: list[User]) -> tuple[list[Booking], list[str]]:
    start = threading.Barrier(len(users))
    won: list[Booking] = []
    refused: list[str] = []
    failures: list[BaseException] = []
    slot = next_monday(10)

    def book(user: User) -> None:
        try:
            mine = Resource.objects.get(pk=resource.pk)
            start.wait()
            won.extend(
                services.booking_create(
                    resource=mine,
                    user=user,
                    starts_at=slot,
                    ends_at=slot + timedelta(hours=2),
                    purpose="Teamtreffen",
                )
            )
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except BaseException as error:  # a thread's crash must fail the test
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    return won, refused


def _people(n: int) -> list[User]:
    return [User.objects.create_user(email=f"p{i}@example.org", password="x") for i in range(n)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_bookings_of_one_slot_one_wins_on_postgresql(
    vhs: Organisation, anna: User
) -> None:
    people = _people(PARALLEL)
    room = make_resource(vhs, anna, people=people)
    won, refused = _book_in_threads(room, people)
    assert len(won) == 1
    assert len(refused) == PARALLEL - 1
    assert len(set(refused)) == 1
    assert "ist bereits gebucht. Bitte wählen Sie eine andere Zeit." in refused[0]
    assert Booking.objects.filter(resource=room).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_bookings_of_five_licence_seats_take_five_on_postgresql(
    vhs: Organisation, anna: User
) -> None:
    people = _people(PARALLEL)
    licence = make_resource(vhs, anna, kind="licence", seats=5, people=people)
    won, refused = _book_in_threads(licence, people)
    assert len(won) == 5
    assert sorted(b.seat for b in won) == [0, 1, 2, 3, 4]
    assert len(refused) == PARALLEL - 5


@postgres_only
@pytest.mark.django_db
def test_the_exclusion_constraint_refuses_an_overlap_that_bypasses_the_service(
    room: Resource, ben: User
) -> None:
    slot = next_monday(10)
    Booking.objects.create(
        resource=room, user=ben, purpose="A", starts_at=slot, ends_at=slot + timedelta(hours=2)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            resource=room,
            user=ben,
            purpose="B",
            starts_at=slot + timedelta(hours=1),
            ends_at=slot + timedelta(hours=3),
        )
    # A cancelled booking frees its seat; an adjacent one never clashed.
    Booking.objects.filter(resource=room).update(status=BookingStatus.CANCELLED)
    Booking.objects.create(
        resource=room, user=ben, purpose="C", starts_at=slot, ends_at=slot + timedelta(hours=2)
    )
    Booking.objects.create(
        resource=room,
        user=ben,
        purpose="D",
        starts_at=slot + timedelta(hours=2),
        ends_at=slot + timedelta(hours=3),
    )


# SQLite: real processes on one file database ---------------------------------------

SETUP = textwrap.dedent(
    """
    import django; django.setup()
    from decimal import Decimal
    from apps.accounts.models import User
    from apps.organisations.models import Organisation, OrganisationMember
    from apps.resources import services
    people = [User.objects.create_user(email=f"p{i}@example.org", password="x") for i in range(20)]
    org = Organisation.objects.create(name="VHS", kind="vhs", city="Kassel")
    OrganisationMember.objects.create(organisation=org, user=people[0], role="admin")
    for name, seats in (("Raum", 1), ("Lizenz", 5)):
        services.resource_create(user=people[0], data=services.ResourceData(
            name=name, kind="room" if seats == 1 else "licence", owner=org, seats=seats,
            cost_amount=Decimal("10.00"), people=people))
    """
)

BOOK = textwrap.dedent(
    """
    import sys, time
    import django; django.setup()
    from datetime import timedelta
    from django.core.exceptions import ValidationError
    from apps.accounts.models import User
    from apps.resources import services
    from apps.resources.models import Resource
    from apps.resources.tests.conftest import next_monday
    from pathlib import Path
    name, index, gate = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    resource = Resource.objects.get(name=name)
    user = User.objects.get(email=f"p{index}@example.org")
    slot = next_monday(10)
    (gate / f"ready-{index}").touch()
    while not (gate / "go").exists():  # all start at the same moment
        time.sleep(0.01)
    try:
        services.booking_create(resource=resource, user=user, starts_at=slot,
                                ends_at=slot + timedelta(hours=2), purpose="Teamtreffen")
    except ValidationError as error:
        print("REFUSED:" + " ".join(error.messages))
    else:
        print("WON")
    """
)


def _run(database: Path, code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env["DJANGO_SETTINGS_MODULE"] = "wirwerk.settings"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _book_in_processes(database: Path, name: str) -> list[str]:
    gate = database.parent / name
    gate.mkdir()
    processes = [_run(database, BOOK, name, str(i), str(gate)) for i in range(PARALLEL)]
    # Released together once all twenty interpreters have loaded Django.
    deadline = time.monotonic() + TIMEOUT
    while len(list(gate.glob("ready-*"))) < PARALLEL and time.monotonic() < deadline:
        time.sleep(0.05)
    (gate / "go").touch()
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, err
        outputs.append(out.strip().splitlines()[-1])
    return outputs


@sqlite_leg_only
def test_twenty_processes_book_one_slot_on_a_sqlite_file_one_wins(
    tmp_path: Path, migrated_sqlite_file: Callable[[Path], Path]
) -> None:
    database = migrated_sqlite_file(tmp_path / "parallel.sqlite3")
    setup = _run(database, SETUP)
    _out, err = setup.communicate(timeout=TIMEOUT)
    assert setup.returncode == 0, err

    room = _book_in_processes(database, "Raum")
    assert room.count("WON") == 1
    refused = {line for line in room if line != "WON"}
    assert len(refused) == 1
    assert "ist bereits gebucht. Bitte wählen Sie eine andere Zeit." in refused.pop()

    licence = _book_in_processes(database, "Lizenz")
    assert licence.count("WON") == 5
    assert all(line.startswith("REFUSED:") for line in licence if line != "WON")
    seats = _seats(database)
    assert seats == {"Raum": [0], "Lizenz": [0, 1, 2, 3, 4]}


def _seats(database: Path) -> dict[str, list[int]]:
    import sqlite3

    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT r.name, b.seat FROM resources_booking b "
            "JOIN resources_resource r ON r.id = b.resource_id ORDER BY r.name, b.seat"
        ).fetchall()
    result: dict[str, list[int]] = {}
    for name, seat in rows:
        result.setdefault(name, []).append(seat)
    return result
