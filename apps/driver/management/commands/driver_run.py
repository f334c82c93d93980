"""Run the driver once: every rule, then urgent mails and due digests (cron-friendly)."""

from django.core.management.base import BaseCommand, CommandParser

from apps.driver.dispatch import driver_dispatch


class Command(BaseCommand):
    help = "Führt alle Regeln des Impulsgebers aus und versendet fällige E-Mails."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-mail", action="store_true", help="Nur Impulse anlegen, keine E-Mails senden."
        )

    def handle(self, *args: object, no_mail: bool, **options: object) -> None:
        result = driver_dispatch(send_mail=not no_mail)
        run = result.run
        self.stdout.write(f"Regeln: {', '.join(run.rules) or '–'}")
        if run.failed:
            self.stderr.write(f"Fehlgeschlagen: {', '.join(run.failed)}")
        self.stdout.write(
            f"Impulse: {run.created} neu, {run.reopened} wieder offen, "
            f"{run.updated} aktualisiert, {run.resolved} erledigt"
        )
        self.stdout.write(
            f"E-Mails: {result.urgent_mails} dringend, {result.digests} Zusammenfassungen"
        )
        self.stdout.write(result.line())
