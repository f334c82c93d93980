"""Compile the .po catalogues to .mo without needing GNU gettext on the machine."""

from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Übersetzungen (.po) in .mo-Dateien übersetzen."

    def handle(self, *args: object, **options: object) -> None:
        for locale_path in settings.LOCALE_PATHS:
            for po_path in Path(locale_path).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                self.stdout.write(f"{mo_path.relative_to(settings.BASE_DIR)}")
