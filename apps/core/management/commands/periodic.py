"""The one dispatcher of periodic jobs: enqueues each task of ``settings.PERIODIC_JOBS``
every N minutes (the background worker runs them). Started by ``serve``; production
runs it as a service beside the worker, or calls it from cron with ``--once``.

A job is ``{"task": "dotted.path.to.task", "minutes": 15}``; every job must be
idempotent, because a restart enqueues each job at once.
"""

import signal
import time
from dataclasses import dataclass
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string


@dataclass
class Job:
    name: str
    task: Any
    seconds: float
    last: float | None = None

    def due(self, clock: float) -> bool:
        return self.last is None or clock - self.last >= self.seconds


def periodic_jobs() -> list[Job]:
    jobs: dict[str, dict[str, Any]] = settings.PERIODIC_JOBS
    return [
        Job(name=name, task=import_string(spec["task"]), seconds=float(spec["minutes"]) * 60)
        for name, spec in jobs.items()
    ]


class Command(BaseCommand):
    help = "Reiht die periodischen Aufgaben (settings.PERIODIC_JOBS) regelmäßig ein."

    stopping = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Jede Aufgabe einmal einreihen und beenden."
        )

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def handle(self, *args: object, once: bool, **options: object) -> None:
        jobs = periodic_jobs()
        if once:
            for job in jobs:
                self._enqueue(job, time.monotonic())
            return
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        plan = ", ".join(f"{job.name} alle {job.seconds / 60:g} min" for job in jobs)
        self.stdout.write(f"Periodische Aufgaben: {plan or 'keine'}", ending="\n")
        self.stdout.flush()
        tick = max(float(settings.PERIODIC_TICK_SECONDS), 0.1)
        while not self.stopping:
            clock = time.monotonic()
            for job in jobs:
                if job.due(clock) and not self.stopping:
                    self._enqueue(job, clock)
            deadline = time.monotonic() + tick
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(0.2, tick))

    def _enqueue(self, job: Job, clock: float) -> None:
        job.last = clock
        try:
            job.task.enqueue()
        except Exception as error:  # the database may be busy; try again next time
            job.last = None
            self.stderr.write(f"{job.name}: konnte nicht eingereiht werden ({error})")
            return
        self.stdout.write(f"{job.name} eingereiht")
        self.stdout.flush()
