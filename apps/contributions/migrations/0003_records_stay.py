"""Records stay: a ledger entry is never changed or deleted (a correction or removal
is a new entry that supersedes it); triggers on SQLite and PostgreSQL, see
``apps.base.records``."""

from typing import Any

from django.db import migrations

from apps.base.records import Guard, create_guards, drop_guards

GUARDS = [
    Guard(
        name="contributions_entry_update",
        table="contributions_contribution",
        event="UPDATE",
        when="{changed}",
        columns=(
            "created_at",
            "cooperation_id",
            "member_id",
            "kind",
            "done_on",
            "hours",
            "amount",
            "count",
            "description",
            "note",
            "supersedes_id",
            "original_id",
            "reason",
            "removed",
        ),
        message="a ledger entry is never edited; record a correction",
    ),
    Guard(
        name="contributions_entry_delete",
        table="contributions_contribution",
        event="DELETE",
        when="1 = 1",
        message="a ledger entry is never deleted; record a removal",
    ),
]


def create(apps: Any, schema_editor: Any) -> None:
    create_guards(schema_editor, GUARDS)


def drop(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("contributions", "0002_correction_chain_restrict")]

    operations = [migrations.RunPython(create, drop)]
