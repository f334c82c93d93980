"""Run web server, background worker and the periodic dispatcher together (the
embedded default).

Ctrl-C (or SIGTERM) stops all three. Production runs them as separate processes
instead (see the README's deployment section).
"""

import signal
import subprocess
import sys
import time
from types import FrameType

from django.core.management.base import BaseCommand, CommandParser

from apps.accounts.models import User
from apps.core.demo.personas import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "Startet Webserver, Hintergrund-Worker und periodische Aufgaben gemeinsam."

    stopping = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def handle(self, *args: object, addrport: str, **options: object) -> None:
        # Installed explicitly: a process started in the background inherits an
        # ignored SIGINT, and Ctrl-C must still stop everything.
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        python = sys.executable
        commands = [
            [python, "manage.py", "db_worker", "--interval", "1", "--no-reload"],
            [python, "manage.py", "runserver", addrport, "--noreload"],
            [python, "manage.py", "periodic"],
        ]
        processes = [subprocess.Popen(command) for command in commands]
        self._print_logins(addrport)
        while not self.stopping and all(process.poll() is None for process in processes):
            time.sleep(0.3)
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if not self.stopping:
            sys.exit("Webserver, Worker oder Zeitplaner wurde unerwartet beendet.")

    def _print_logins(self, addrport: str) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"WirWerk läuft auf http://{addrport}/ (Strg-C beendet)")
        )
        emails = set(
            User.objects.filter(email__in=[p.email for p in PERSONAS]).values_list(
                "email", flat=True
            )
        )
        if emails:
            self.stdout.write(f"Demo-Zugänge (Passwort: {DEMO_PASSWORD}):")
            for persona in PERSONAS:
                if persona.email in emails:
                    self.stdout.write(f"  {persona.key:<6} {persona.email}")
