from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from apps.profiles.interchange import profiles_export
from apps.profiles.models import Profile


class Command(BaseCommand):
    help = "Exportiert alle Profile als JSON Lines (Datei oder Standardausgabe)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, nargs="?")

    def handle(self, *args: object, path: Path | None, **options: object) -> None:
        profiles = Profile.objects.select_related("user").order_by("pk").iterator(chunk_size=2000)
        lines = profiles_export(profiles=profiles)
        if path is None:
            for line in lines:
                self.stdout.write(line)
            return
        with path.open("w", encoding="utf-8") as out:
            out.writelines(line + "\n" for line in lines)
