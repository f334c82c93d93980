"""Records stay: database triggers that refuse UPDATE and DELETE of final records.

Apps create their guards in a migration with :func:`create_guards` (and drop them in
reverse with :func:`drop_guards`). A guard names a table, the event (``UPDATE`` or
``DELETE``), a condition over ``OLD``/``NEW`` and a message. ``{changed}`` in the
condition stands for "one of ``columns`` changed" in the database's own syntax, and
``{set_once}`` for "one of ``set_once`` columns changed after it was set": such a
column may go from NULL to a value once (a signature added later) and then stays.

SQLite has no session settings, so its triggers ask the SQL function
``wirwerk_unlocked()``, which Django registers on each of its connections: it answers
false unless a test flushes its tables (pytest's transactional tests, see
``conftest.py``). A client that does not know the function (the ``sqlite3`` shell)
cannot change the guarded tables at all. On PostgreSQL the triggers always hold;
``TRUNCATE``, ``DROP`` and restoring a dump do not fire row triggers.

An operator with full database access can still drop a trigger; the triggers stop
the application, its bugs and casual SQL, not the owner of the database.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

_unlocked = False


def set_unlocked(value: bool) -> None:
    """Only for tests that flush the database between tests (SQLite ``DELETE FROM``)."""
    global _unlocked
    _unlocked = value


def _is_unlocked() -> int:
    return 1 if _unlocked else 0


@contextmanager
def guards_lifted(using: str = "default") -> Iterator[None]:
    """What an operator with full database access can do (tests of tamper detection
    use it): SQLite through the unlock flag, PostgreSQL by replica mode (superuser)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
        return
    before = _unlocked
    set_unlocked(True)
    try:
        yield
    finally:
        set_unlocked(before)


def register_sql_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: teach SQLite connections ``wirwerk_unlocked()``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("wirwerk_unlocked", 0, _is_unlocked)


@dataclass(frozen=True)
class Guard:
    name: str
    table: str
    event: str  # "UPDATE" or "DELETE"
    when: str
    message: str
    columns: Sequence[str] = field(default_factory=tuple)
    set_once: Sequence[str] = field(default_factory=tuple)

    def condition(self, vendor: str) -> str:
        differs = "IS NOT" if vendor == "sqlite" else "IS DISTINCT FROM"
        changed = "(" + " OR ".join(f"NEW.{c} {differs} OLD.{c}" for c in self.columns) + ")"
        set_once = (
            "("
            + " OR ".join(
                f"(OLD.{c} IS NOT NULL AND NEW.{c} {differs} OLD.{c})" for c in self.set_once
            )
            + ")"
        )
        return self.when.format(changed=changed, set_once=set_once)


def _sqlite_create(guard: Guard) -> list[str]:
    return [
        f"CREATE TRIGGER {guard.name} BEFORE {guard.event} ON {guard.table} FOR EACH ROW "
        f"WHEN ({guard.condition('sqlite')}) AND NOT wirwerk_unlocked() "
        f"BEGIN SELECT RAISE(ABORT, '{guard.message}'); END;"
    ]


def _postgres_create(guard: Guard) -> list[str]:
    result = "OLD" if guard.event == "DELETE" else "NEW"
    return [
        f"""
CREATE OR REPLACE FUNCTION {guard.name}() RETURNS trigger AS $$
BEGIN
  IF {guard.condition("postgresql")} THEN
    RAISE EXCEPTION '{guard.message}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN {result};
END;
$$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER {guard.name} BEFORE {guard.event} ON {guard.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {guard.name}()",
    ]


def create_guards(schema_editor: Any, guards: Sequence[Guard]) -> None:
    vendor = schema_editor.connection.vendor
    for guard in guards:
        if vendor == "sqlite":
            statements = _sqlite_create(guard)
        elif vendor == "postgresql":
            statements = _postgres_create(guard)
        else:
            continue
        for statement in statements:
            schema_editor.execute(statement)


def drop_guards(schema_editor: Any, guards: Sequence[Guard]) -> None:
    vendor = schema_editor.connection.vendor
    for guard in guards:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {guard.name};")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {guard.name} ON {guard.table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {guard.name}()")
