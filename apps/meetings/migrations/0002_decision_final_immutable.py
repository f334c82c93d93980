"""Final decisions are records: the database refuses to change their content.

A trigger, because a check constraint only sees the new row. Only the content
columns are guarded, so an author's account can still be deleted (``SET_NULL``).
On SQLite, a later migration that rebuilds the table drops the trigger: it must
create it again (test_the_database_refuses_to_edit_a_final_decision notices).
"""

from django.db import migrations

GUARDED = (
    "cooperation_id",
    "meeting_id",
    "number",
    "title",
    "text",
    "status",
    "supersedes_id",
    "confirmed_at",
)
MESSAGE = "a final decision is never edited; record a later one that supersedes it"

SQLITE_CREATE = f"""
CREATE TRIGGER meetings_decision_final_immutable
BEFORE UPDATE ON meetings_decision
FOR EACH ROW WHEN OLD.status = 'final' AND ({" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in GUARDED)})
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS meetings_decision_final_immutable;"

POSTGRES_CREATE = [
    f"""
CREATE OR REPLACE FUNCTION meetings_decision_final_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'final' AND ({" OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in GUARDED)}) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
    """
CREATE TRIGGER meetings_decision_final_immutable
BEFORE UPDATE ON meetings_decision
FOR EACH ROW EXECUTE FUNCTION meetings_decision_final_immutable()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS meetings_decision_final_immutable ON meetings_decision",
    "DROP FUNCTION IF EXISTS meetings_decision_final_immutable()",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
