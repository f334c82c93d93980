from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.profiles.interchange import ProfileImportError, profiles_import


class Command(BaseCommand):
    help = "Importiert Profile aus einer JSON-Lines-Datei (alle Zeilen oder keine)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: object, path: Path, **options: object) -> None:
        try:
            with path.open(encoding="utf-8") as lines:
                result = profiles_import(lines=lines)
        except FileNotFoundError as error:
            raise CommandError(f"Datei nicht gefunden: {path}") from error
        except ProfileImportError as error:
            raise CommandError("Nichts importiert:\n" + "\n".join(error.errors)) from error
        self.stdout.write(f"{result.created} Profile angelegt, {result.updated} aktualisiert.")
