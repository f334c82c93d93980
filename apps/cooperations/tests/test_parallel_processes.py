"""Parallel writers on SQLite as in production: separate processes on one database
file (WAL, BEGIN IMMEDIATE), each calling the service at the same moment.

* The last two acceptances of a version, by two different members at once: the
  version comes into force exactly once, nobody gets an error.
* The last acceptance sent four times at once by the same member (several tabs):
  counted once, three German refusals.
* One invitation redeemed four times at once: one membership, three German refusals.

(The in-memory test database cannot be shared between processes, so the workers set
up their own file in a temporary directory; PostgreSQL has the threaded variants in
``test_parallel_accept``.)
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.parallel import sqlite_leg_only

ROOT = Path(__file__).resolve().parents[3]
WORKER = "apps.cooperations.tests.parallel_worker"


pytestmark = sqlite_leg_only


@pytest.fixture(scope="module")
def shared_database(
    tmp_path_factory: pytest.TempPathFactory, migrated_sqlite_file: Callable[[Path], Path]
) -> dict[str, Any]:
    # One migrated file for every test here (a copy of the session's migrated file).
    tmp_path = tmp_path_factory.mktemp("parallel")
    migrated_sqlite_file(tmp_path / "shared.sqlite3")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "WIRWERK_VAR_DIR": str(tmp_path / "var"),
        "WIRWERK_SIGNING_KEY": str(tmp_path / "signing-key.pem"),
        "AGREEMENT_PDF_CACHE": str(tmp_path / "pdfs"),
        "MATCHING_INDEX_PATH": str(tmp_path / "index.pkl"),
        "REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    ids = _result(subprocess.run([sys.executable, "-m", WORKER, "setup"], **_options(env)))
    return {"env": env, "ids": ids, "file": tmp_path / "shared.sqlite3", "tmp": tmp_path}


def _options(env: dict[str, str]) -> dict[str, Any]:
    return {"env": env, "cwd": ROOT, "capture_output": True, "text": True, "timeout": 300}


def _result(out: subprocess.CompletedProcess[str]) -> Any:
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert out.returncode == 0 and lines, out.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("RESULT "))


def at_once(shared: dict[str, Any], name: str, calls: list[tuple[str, int, int]]) -> list[Any]:
    """Start one process per call; when all are ready, let them go together."""
    barrier = shared["tmp"] / name
    barrier.mkdir()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", WORKER, kind, str(pk), str(user), str(barrier)],
            env=shared["env"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for kind, pk, user in calls
    ]
    deadline = time.monotonic() + 240
    while len(list(barrier.glob("ready-*"))) < len(calls):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.05)
    (barrier / "go").touch()
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=240)
        results.append(_result(subprocess.CompletedProcess([], process.returncode, stdout, stderr)))
    return results


def count(shared: dict[str, Any], sql: str, *params: Any) -> int:
    with sqlite3.connect(shared["file"]) as database:
        return int(database.execute(sql, params).fetchone()[0])


def test_two_different_members_accepting_last_at_once_put_the_version_in_force_once(
    shared_database: dict[str, Any],
) -> None:
    ids = shared_database["ids"]
    results = at_once(
        shared_database,
        "accept",
        [("accept", ids["version"], ids["ben"]), ("accept", ids["version"], ids["carla"])],
    )

    assert results == [{"ok": True}, {"ok": True}]
    version = ids["version"]
    assert (
        count(
            shared_database,
            "SELECT COUNT(*) FROM cooperations_acceptance WHERE version_id = ?",
            version,
        )
        == 3
    )
    assert (
        count(
            shared_database,
            "SELECT COUNT(*) FROM cooperations_agreementversion WHERE id = ? AND status = "
            "'in_force' AND signature IS NOT NULL",
            version,
        )
        == 1
    )
    assert (
        count(
            shared_database,
            "SELECT COUNT(*) FROM cooperations_event WHERE cooperation_id = ? AND kind = "
            "'version_in_force'",
            ids["cooperation"],
        )
        == 1
    )


def test_one_invitation_redeemed_four_times_at_once_makes_one_membership(
    shared_database: dict[str, Any],
) -> None:
    ids = shared_database["ids"]
    results = at_once(shared_database, "redeem", [("redeem", ids["invitation"], ids["dora"])] * 4)

    assert results.count({"ok": True}) == 1
    refusals = [r for r in results if r != {"ok": True}]
    assert all("refused" in r for r in refusals), refusals
    assert {r["refused"] for r in refusals} <= {
        "Diese Einladung ist abgelaufen oder wurde schon verwendet.",
        "Sie sind bereits Mitglied dieser Kooperation.",
    }
    assert (
        count(
            shared_database,
            "SELECT COUNT(*) FROM cooperations_membership WHERE cooperation_id = ? AND user_id = ?",
            ids["cooperation"],
            ids["dora"],
        )
        == 1
    )


def test_the_same_member_accepting_last_four_times_at_once_counts_once(
    shared_database: dict[str, Any],
) -> None:
    ids = shared_database["ids"]
    results = at_once(shared_database, "same", [("accept", ids["pair_version"], ids["ben"])] * 4)

    assert results.count({"ok": True}) == 1
    refusals = [r for r in results if r != {"ok": True}]
    assert all("refused" in r for r in refusals), refusals
    assert {r["refused"] for r in refusals} <= {
        "Sie haben diese Fassung bereits angenommen.",
        "Diese Fassung steht nicht zur Annahme.",
    }
    assert (
        count(
            shared_database,
            "SELECT COUNT(*) FROM cooperations_event WHERE cooperation_id = ? AND kind = "
            "'version_in_force'",
            ids["pair"],
        )
        == 1
    )
