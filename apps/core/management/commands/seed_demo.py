from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.accounts.models import User
from apps.core.demo.personas import DEMO_PASSWORD, PERSONAS
from apps.core.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Legt ein realistisches Demo-Netzwerk an (deterministisch je Seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty", action="store_true", help="Nur anlegen, wenn es noch keine Konten gibt."
        )

    def handle(
        self, *args: object, people: int, seed: int, if_empty: bool, **options: object
    ) -> None:
        if people < len(PERSONAS):
            raise CommandError(f"--people muss mindestens {len(PERSONAS)} sein.")
        if User.objects.exists():
            if if_empty:
                self.stdout.write(
                    "Datenbank enthält bereits Konten – Demo-Netzwerk wird nicht angelegt."
                )
                return
            raise CommandError(
                "Die Datenbank enthält bereits Konten. Demo-Daten nur in eine leere Datenbank."
            )
        report = seed_demo(people=people, seed=seed)
        steps = " ".join(f"{name}={seconds:.1f}s" for name, seconds in report.steps.items())
        self.stdout.write(
            self.style.SUCCESS(f"Demo-Netzwerk mit {report.people} Personen angelegt.")
        )
        self.stdout.write(f"people={report.people} seconds={report.seconds:.1f} {steps}")
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.key:<6} {persona.email}")
