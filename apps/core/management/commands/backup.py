from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.core import backup


class Command(BaseCommand):
    help = "Write a consistent copy of the database to OUT (SQLite backup API or pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        backup.backup(options["out"], alias=options["database"])
        self.stdout.write(f"backup written to {options['out']}")
