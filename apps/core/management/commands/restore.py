from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core import backup


class Command(BaseCommand):
    help = "Replace the database's content with the backup IN (from `manage.py backup`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask (the current content is replaced)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["source"]
        if not source.exists():
            raise CommandError(f"{source} does not exist")
        if not options["yes"] and input(f"Replace the database with {source}? [y/N] ") != "y":
            raise CommandError("aborted")
        backup.restore(source, alias=options["database"])
        self.stdout.write(f"restored from {source}")
