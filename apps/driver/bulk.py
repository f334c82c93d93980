"""Set-based writes of nudges: one statement each, whatever the number of rows.

Django's ``bulk_create`` splits inserts into batches of about 999 parameters on
SQLite, so a run creating 20,000 nudges would send hundreds of queries, and long
``IN (…)`` lists hit parameter limits. Here the rows travel as ONE JSON parameter
that the database unpacks itself (``json_each`` on SQLite, ``jsonb_array_elements``
on PostgreSQL), so a driver run needs the same few queries for 10 or 100,000 nudges.
``rows_sql`` and ``dump`` serve other apps' set-based writes too (the health snapshots).
"""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.expressions import RawSQL

from apps.driver.models import Nudge

# Column kinds of a JSON row: how each position is read.
INT, TEXT, BOOL, JSON, DATE = "int", "text", "bool", "json", "date"

NudgeKey = tuple[int, str, str, str]  # user_id, rule, subject, period


def rows_sql(columns: Sequence[tuple[str, str]]) -> str:
    """A derived table with ``columns`` from the JSON parameter (an array of arrays)."""
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        parts = [
            f"json_extract(value, '$[{i}]') AS {quote(name)}" for i, (name, _) in enumerate(columns)
        ]
        return f"SELECT {', '.join(parts)} FROM json_each(%s)"
    if connection.vendor == "postgresql":
        casts = {INT: "(e->>{i})::bigint", TEXT: "(e->>{i})", BOOL: "(e->>{i})::boolean"}
        casts[JSON] = "(e->{i})"
        casts[DATE] = "(e->>{i})::date"
        parts = [
            f"{casts[kind].format(i=i)} AS {quote(name)}" for i, (name, kind) in enumerate(columns)
        ]
        return f"SELECT {', '.join(parts)} FROM jsonb_array_elements(%s::jsonb) AS e"
    # WirWerk runs on SQLite and PostgreSQL only (see the README).
    raise ImproperlyConfigured(f"driver bulk writes: unsupported database {connection.vendor}")


def dump(rows: Sequence[Sequence[Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _columns() -> dict[str, str]:
    return {field.name: field.column for field in Nudge._meta.concrete_fields}


def ids_in(ids: Sequence[int]) -> RawSQL:
    """For ``filter(pk__in=ids_in(ids))`` without one parameter per id."""
    return RawSQL(rows_sql([("id", INT)]), [dump([[i] for i in ids])])


def existing(keys: Sequence[NudgeKey]) -> dict[NudgeKey, tuple[int, str]]:
    """The nudges that already exist for ``keys``: key → (id, status)."""
    if not keys:
        return {}
    quote = connection.ops.quote_name
    col = _columns()
    key_columns = [("user", INT), ("rule", TEXT), ("subject", TEXT), ("period", TEXT)]
    join = " AND ".join(f"n.{quote(col[name])} = k.{quote(name)}" for name, _ in key_columns)
    sql = (
        f"SELECT n.{quote(col['id'])}, n.{quote(col['user'])}, n.{quote(col['rule'])}, "
        f"n.{quote(col['subject'])}, n.{quote(col['period'])}, n.{quote(col['status'])} "
        f"FROM {quote(Nudge._meta.db_table)} n JOIN ({rows_sql(key_columns)}) k ON {join}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [dump(keys)])
        return {(row[1], row[2], row[3], row[4]): (row[0], row[5]) for row in cursor.fetchall()}


def insert(rows: Sequence[dict[str, Any]], *, now: datetime) -> int:
    """Insert new open nudges; rows that exist meanwhile are skipped. Returns the count."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    col = _columns()
    columns = [
        ("user", INT),
        ("rule", TEXT),
        ("subject", TEXT),
        ("period", TEXT),
        ("params", JSON),
        ("url", TEXT),
        ("urgent", BOOL),
        ("cooperation_id", INT),
    ]
    targets = [quote(col[name]) for name, _ in columns]
    targets += [quote(col[name]) for name in ("status", "created_at", "updated_at")]
    values = [f"k.{quote(name)}" for name, _ in columns] + ["%s", "%s", "%s"]
    sql = (
        f"INSERT INTO {quote(Nudge._meta.db_table)} ({', '.join(targets)}) "
        f"SELECT {', '.join(values)} FROM ({rows_sql(columns)}) k "
        # SQLite needs a WHERE before ON CONFLICT to parse INSERT … SELECT.
        "WHERE true ON CONFLICT DO NOTHING"
    )
    data = dump([[row[name] for name, _ in columns] for row in rows])
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        # Placeholders in the order of the statement's text: the constants, then the rows.
        cursor.execute(sql, ["open", stamp, stamp, data])
        return max(cursor.rowcount, 0)


def update(rows: Sequence[dict[str, Any]], *, now: datetime) -> int:
    """Set status and content of existing nudges by id, clearing ``closed_at``."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    col = _columns()
    columns = [
        ("id", INT),
        ("status", TEXT),
        ("params", JSON),
        ("url", TEXT),
        ("urgent", BOOL),
        ("cooperation_id", INT),
    ]
    table = quote(Nudge._meta.db_table)
    assignments = [f"{quote(col[name])} = k.{quote(name)}" for name, _ in columns[1:]]
    assignments += [f"{quote(col['closed_at'])} = NULL", f"{quote(col['updated_at'])} = %s"]
    sql = (
        f"UPDATE {table} SET {', '.join(assignments)} "
        f"FROM ({rows_sql(columns)}) AS k WHERE {table}.{quote(col['id'])} = k.{quote('id')}"
    )
    data = dump([[row[name] for name, _ in columns] for row in rows])
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [stamp, data])
        return max(cursor.rowcount, 0)
