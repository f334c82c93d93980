"""Accepted versions: the rendered free text is stored once (``free_text_html``), and
versions that came into force before signatures existed can be signed afterwards
(``manage.py sign_agreements``). The UPDATE guard of 0004 is recreated so that the
signature, its key and the rendered text may go from NULL to a value once and then
stay; every other column of an accepted version still never changes."""

import importlib
from dataclasses import replace
from typing import Any

from django.db import migrations, models

from apps.base.records import create_guards, drop_guards

_signatures = importlib.import_module("apps.cooperations.migrations.0004_signatures")
_stay = importlib.import_module("apps.cooperations.migrations.0003_records_stay")
BEFORE = _signatures.AFTER
ACCEPTED = _stay.ACCEPTED
AFTER = replace(
    BEFORE,
    columns=_stay.VERSION_COLUMNS,
    set_once=("signature", "signing_key", "free_text_html"),
    when=(
        f"OLD.status IN {ACCEPTED} AND ({{changed}} OR {{set_once}} "
        f"OR NEW.status NOT IN {ACCEPTED} "
        "OR (OLD.status = 'superseded' AND NEW.status = 'in_force'))"
    ),
)


def set_once(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, [BEFORE])
    create_guards(schema_editor, [AFTER])


def guard_as_before(apps: Any, schema_editor: Any) -> None:
    drop_guards(schema_editor, [AFTER])
    create_guards(schema_editor, [BEFORE])


class Migration(migrations.Migration):
    dependencies = [("cooperations", "0004_signatures")]

    operations = [
        migrations.AddField(
            model_name="agreementversion",
            name="free_text_html",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.RunPython(set_once, guard_as_before),
    ]
