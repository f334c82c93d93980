"""Records stay: settlements, their transfers and the receivers' receipts are never
changed or deleted (a new proposal replaces open transfers by a new settlement);
triggers on SQLite and PostgreSQL, see ``apps.base.records``."""

from typing import Any

from django.db import migrations

from apps.base.records import Guard, create_guards, drop_guards

GUARDS = [
    guard
    for table, what in (
        ("finances_settlement", "a settlement"),
        ("finances_transfer", "a transfer"),
        ("finances_transferreceipt", "a receipt"),
    )
    for guard in (
        Guard(
            name=f"{table}_update",
            table=table,
            event="UPDATE",
            when="1 = 1",
            message=f"{what} is never edited; propose a new settlement",
        ),
        Guard(
            name=f"{table}_delete",
            table=table,
            event="DELETE",
            when="1 = 1",
            message=f"{what} is never deleted",
        ),
    )
]


def create(apps: Any, schema_editor: Any) -> None:
    create_guards(schema_editor, GUARDS)


def drop(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("finances", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
