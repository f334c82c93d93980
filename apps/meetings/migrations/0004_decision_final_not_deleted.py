"""Records stay: a final decision is never deleted either (0002 guards UPDATE); a
trigger on SQLite and PostgreSQL, see ``apps.base.records``."""

from typing import Any

from django.db import migrations

from apps.base.records import Guard, create_guards, drop_guards

GUARDS = [
    Guard(
        name="meetings_decision_final_delete",
        table="meetings_decision",
        event="DELETE",
        when="OLD.status = 'final'",
        message="a final decision is never deleted; record a later one that supersedes it",
    ),
]


def create(apps: Any, schema_editor: Any) -> None:
    create_guards(schema_editor, GUARDS)


def drop(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_decision_supersedes_restrict")]

    operations = [migrations.RunPython(create, drop)]
