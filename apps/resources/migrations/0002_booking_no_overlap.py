"""No double-booking on PostgreSQL: btree_gist and the exclusion constraint over
(resource, seat, time range) of the active bookings. SQLite has no such constraint;
there the booking service's serialised write and overlap check hold alone."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def _constraint():  # type: ignore[no-untyped-def]
    from apps.resources.models import BOOKING_NO_OVERLAP

    return BOOKING_NO_OVERLAP


def add_constraint(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_constraint(apps.get_model("resources", "Booking"), _constraint())


def remove_constraint(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_constraint(apps.get_model("resources", "Booking"), _constraint())


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, remove_constraint),
    ]
