"""Run web server and background worker together (the embedded default).

Ctrl-C stops both. Production runs them as separate processes instead
(see the README's deployment section).
"""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Startet Webserver und Hintergrund-Worker gemeinsam."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: object, addrport: str, **options: object) -> None:
        python = sys.executable
        commands = [
            [python, "manage.py", "db_worker", "--interval", "1"],
            [python, "manage.py", "runserver", addrport, "--noreload"],
        ]
        processes = [subprocess.Popen(command) for command in commands]
        self.stdout.write(
            self.style.SUCCESS(f"WirWerk läuft auf http://{addrport}/ (Strg-C beendet)")
        )
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        failed = [p.returncode for p in processes if p.returncode not in (0, -signal.SIGTERM, None)]
        if failed:
            sys.exit(1)
