"""The day's health snapshots in one statement, with the driver's JSON rows helper."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection

from apps.checkins.models import HealthSnapshot
from apps.driver.bulk import DATE, INT, JSON, dump, rows_sql


def upsert_health(rows: Sequence[dict[str, Any]], *, now: datetime) -> int:
    """Insert or overwrite the day's health snapshots (one per cooperation and day) in
    one statement. Rows: ``cooperation_id``, ``day`` (ISO date), ``score``, ``reasons``."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    col = {field.name: field.column for field in HealthSnapshot._meta.concrete_fields}
    columns = [("cooperation", INT), ("day", DATE), ("score", INT), ("reasons", JSON)]
    targets = [quote(col[name]) for name, _ in columns] + [quote(col["computed_at"])]
    values = [f"k.{quote(name)}" for name, _ in columns] + ["%s"]
    updated = ", ".join(
        f"{quote(col[name])} = excluded.{quote(col[name])}"
        for name in ("score", "reasons", "computed_at")
    )
    sql = (
        f"INSERT INTO {quote(HealthSnapshot._meta.db_table)} ({', '.join(targets)}) "
        f"SELECT {', '.join(values)} FROM ({rows_sql(columns)}) k "
        f"WHERE true ON CONFLICT ({quote(col['cooperation'])}, {quote(col['day'])}) "
        f"DO UPDATE SET {updated}"
    )
    data = dump([[row["cooperation_id"], row["day"], row["score"], row["reasons"]] for row in rows])
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [stamp, data])
    return len(rows)
