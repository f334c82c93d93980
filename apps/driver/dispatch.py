"""The driver's periodic job: the steps other apps add, the rules, the mails.

An app that has periodic work to do around the run (the check-ins open rounds
before it, store the day's health after it) registers a step::

    @dispatch_step("checkins_opened", before_run=True)
    def open_due(now: datetime) -> int: ...

Each step returns a count for the job's summary line; a failing step is logged
and the others go on. Steps run in registration order.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from apps.driver.delivery import digests_send, nudges_mail_urgent
from apps.driver.services import RunResult, driver_run

logger = logging.getLogger(__name__)

Step = Callable[[datetime], int]


@dataclass(frozen=True)
class DispatchStep:
    name: str
    function: Step
    before_run: bool


_steps: dict[str, DispatchStep] = {}


def dispatch_step(name: str, *, before_run: bool = False) -> Callable[[Step], Step]:
    """Register ``function(now) -> count`` as a step of the periodic job."""

    def decorate(function: Step) -> Step:
        _steps[name] = DispatchStep(name=name, function=function, before_run=before_run)
        return function

    return decorate


def step_names() -> list[str]:
    return list(_steps)


@dataclass
class DispatchResult:
    run: RunResult
    urgent_mails: int = 0
    digests: int = 0
    steps: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        figures = [
            f"created={self.run.created}",
            f"reopened={self.run.reopened}",
            f"updated={self.run.updated}",
            f"resolved={self.run.resolved}",
            f"failed={len(self.run.failed)}",
            f"urgent_mails={self.urgent_mails}",
            f"digests={self.digests}",
        ]
        figures += [f"{name}={count}" for name, count in self.steps.items()]
        return " ".join(figures)


def _step(step: DispatchStep, now: datetime) -> int:
    """A step beside the rules: a failure is logged, the rest goes on."""
    try:
        return step.function(now)
    except Exception:
        logger.exception("Driver step %s failed; it is tried again next time", step.name)
        return 0


def driver_dispatch(*, now: datetime | None = None, send_mail: bool = True) -> DispatchResult:
    """The periodic job: the steps registered before the run, every rule, the steps
    after it, then urgent mails and due digests."""
    now = now or timezone.now()
    steps = list(_steps.values())
    before = {s.name: _step(s, now) for s in steps if s.before_run}
    result = DispatchResult(run=driver_run(now=now), steps=before)
    result.steps |= {s.name: _step(s, now) for s in steps if not s.before_run}
    if send_mail:
        result.urgent_mails = nudges_mail_urgent(now=now)
        result.digests = digests_send(now=now)
    return result
