"""Records stay: accepted agreement versions, their commitments and acceptances are
never changed or deleted behind the application's back (triggers on SQLite and
PostgreSQL, see ``apps.base.records``). An accepted version may only go from
"in force" to "superseded"; an acceptance keeps its name and time even when the
account behind it is gone. The dates ``proposed_at``/``in_force_at`` are not part
of the hash and stay settable (the demo backdates them)."""

from typing import Any

from django.db import migrations

from apps.base.records import Guard, create_guards, drop_guards

ACCEPTED = "('in_force', 'superseded')"
VERSION_ACCEPTED = (
    "EXISTS (SELECT 1 FROM cooperations_agreementversion v "
    f"WHERE v.id = OLD.version_id AND v.status IN {ACCEPTED})"
)
VERSION_COLUMNS = (
    "cooperation_id",
    "number",
    "goals",
    "decision_rules",
    "confidentiality",
    "starts_on",
    "ends_on",
    "review_every_days",
    "exit_clause",
    "free_text",
    "previous_hash",
    "content_hash",
)

GUARDS = [
    Guard(
        name="cooperations_version_accepted_update",
        table="cooperations_agreementversion",
        event="UPDATE",
        when=(
            f"OLD.status IN {ACCEPTED} AND ({{changed}} OR NEW.status NOT IN {ACCEPTED} "
            "OR (OLD.status = 'superseded' AND NEW.status = 'in_force'))"
        ),
        columns=VERSION_COLUMNS,
        message="an accepted agreement version is never edited; propose a new version",
    ),
    Guard(
        name="cooperations_version_accepted_delete",
        table="cooperations_agreementversion",
        event="DELETE",
        when=f"OLD.status IN {ACCEPTED}",
        message="an accepted agreement version is never deleted",
    ),
    Guard(
        name="cooperations_commitment_accepted_update",
        table="cooperations_commitment",
        event="UPDATE",
        when=f"{VERSION_ACCEPTED} AND {{changed}}",
        columns=(
            "version_id",
            "user_id",
            "hours_per_month",
            "resources",
            "revenue_share",
            "cost_share",
        ),
        message="the commitments of an accepted agreement version are never edited",
    ),
    Guard(
        name="cooperations_commitment_accepted_delete",
        table="cooperations_commitment",
        event="DELETE",
        when=VERSION_ACCEPTED,
        message="the commitments of an accepted agreement version are never deleted",
    ),
    Guard(
        name="cooperations_acceptance_accepted_update",
        table="cooperations_acceptance",
        event="UPDATE",
        # user_id may only become NULL (SET_NULL); the name and time stay.
        when=f"{VERSION_ACCEPTED} AND ({{changed}} OR NEW.user_id <> OLD.user_id)",
        columns=("version_id", "name", "accepted_at"),
        message="an acceptance of an accepted agreement version is never edited",
    ),
    Guard(
        name="cooperations_acceptance_accepted_delete",
        table="cooperations_acceptance",
        event="DELETE",
        when=VERSION_ACCEPTED,
        message="an acceptance of an accepted agreement version is never deleted",
    ),
]


def create(apps: Any, schema_editor: Any) -> None:
    create_guards(schema_editor, GUARDS)


def drop(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("cooperations", "0002_event_kinds_of_meetings")]

    operations = [migrations.RunPython(create, drop)]
