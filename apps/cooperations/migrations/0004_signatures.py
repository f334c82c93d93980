"""Signatures: an accepted version carries the instance's Ed25519 signature over its
chain hash and the fingerprint of the key (``apps.cooperations.signing``). Both are
written in the same UPDATE that puts the version in force and then stay: the UPDATE
guard of 0003 is recreated with the two columns among those an accepted version never
changes. Nullable, so SQLite adds them without rebuilding the table and its triggers."""

import importlib
from dataclasses import replace
from typing import Any

from django.db import migrations, models

from apps.base.records import create_guards, drop_guards

_stay = importlib.import_module("apps.cooperations.migrations.0003_records_stay")
BEFORE = next(g for g in _stay.GUARDS if g.name == "cooperations_version_accepted_update")
AFTER = replace(BEFORE, columns=(*BEFORE.columns, "signature", "signing_key"))


def guard_signatures(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, [BEFORE])
    create_guards(schema_editor, [AFTER])


def unguard_signatures(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, [AFTER])
    create_guards(schema_editor, [BEFORE])


class Migration(migrations.Migration):
    dependencies = [("cooperations", "0003_records_stay")]

    operations = [
        migrations.AddField(
            model_name="agreementversion",
            name="signature",
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name="agreementversion",
            name="signing_key",
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.RunPython(guard_signatures, unguard_signatures),
    ]
