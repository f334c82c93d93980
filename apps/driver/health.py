"""The registry of health signals: how an app says what costs a cooperation points.

A *signal* looks at a batch of cooperations in a fixed number of queries and says,
per cooperation, how many points it loses and why, in words a member understands::

    from apps.driver.health import HealthReason, health_signal

    @health_signal("actions_overdue")
    def actions_overdue(cooperation_ids, run):
        found = {}
        for cooperation_id, count in (...one query, filtered by
                                        cooperation_id__in=cooperation_ids...):
            found[cooperation_id] = [HealthReason(min(20, 5 * count), ngettext(...))]
        return found

``cooperation_ids`` is a queryset of ids (use it in ``__in`` as a subquery) or a
list; ``run`` is a :class:`~apps.driver.rules.DriverRun` with ``now`` and the
thresholds (per cooperation). Register signals in your app's ``health.py``: the
driver imports that module of every installed app when Django starts, like
``rules.py``. The registry lives here, in the driver's kernel, so the app that owns
the data registers without knowing who adds the points up (``apps.checkins.health``).
"""

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from apps.driver.rules import DriverRun

logger = logging.getLogger(__name__)

CooperationIds = QuerySet[Any, Any] | list[int] | tuple[int, ...]


@dataclass(frozen=True)
class HealthReason:
    points: int  # points lost, > 0
    text: str  # e.g. "seit 25 Tagen keine Aktivität"


Signal = Callable[[CooperationIds, DriverRun], Mapping[int, Iterable[HealthReason]]]


class SignalRegistry:
    def __init__(self) -> None:
        self._signals: dict[str, Signal] = {}

    def register(self, name: str, signal: Signal) -> None:
        if name in self._signals and self._signals[name] is not signal:
            # The app that owns the data may bring a better-informed signal of the same name.
            logger.info("Health signal %s is replaced by %s", name, signal.__module__)
        self._signals[name] = signal

    def unregister(self, name: str) -> None:
        self._signals.pop(name, None)

    def names(self) -> list[str]:
        return list(self._signals)

    def items(self) -> list[tuple[str, Signal]]:
        return list(self._signals.items())

    @contextmanager
    def registered(self, name: str, signal: Signal) -> Iterator[None]:
        """Register a signal for the duration of a ``with`` block (tests)."""
        previous = self._signals.get(name)
        self.register(name, signal)
        try:
            yield
        finally:
            self.unregister(name)
            if previous is not None:
                self._signals[name] = previous


signals = SignalRegistry()


def health_signal(name: str) -> Callable[[Signal], Signal]:
    """Register ``function`` as the health signal ``name``."""

    def decorate(function: Signal) -> Signal:
        signals.register(name, function)
        return function

    return decorate
