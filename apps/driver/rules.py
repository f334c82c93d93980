"""The driver's rule mechanism: every rule is one small function in some app's ``rules.py``.

A rule looks at the whole platform once per run, in a constant number of queries,
and yields a :class:`NudgeSpec` for every person who should be nudged::

    from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, format_date

    def _describe(params):
        return gettext("Die Empfehlung „%(title)s“ wartet seit %(date)s.") % {
            "title": params["title"], "date": format_date(params["since"])}

    @driver_rule("referral_stale", message=_describe)
    def referral_stale(run: DriverRun) -> Iterable[NudgeSpec]:
        cutoff = run.now - timedelta(days=run.threshold("referral_stale_days"))
        for referral in Referral.objects.filter(...).only(...):   # one query for all
            yield NudgeSpec(user_id=..., subject=f"referral:{referral.pk}", params={...})

Modules named ``rules`` in installed apps are imported when Django starts
(:meth:`apps.driver.apps.DriverConfig.ready`), so the decorator is all it takes.
The driver keeps one nudge per (user, rule, subject, period); a nudge whose key a
rule no longer returns is resolved on the next run.
"""

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import formats, timezone
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RULE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_SUBJECT_LENGTH = 100
MAX_PERIOD_LENGTH = 40
MAX_URL_LENGTH = 500


@dataclass(frozen=True)
class NudgeSpec:
    """What a rule wants: nudge ``user_id`` about ``subject`` (once per ``period``).

    ``subject`` is the stable key of the object (``"action:12"``); ``period`` makes
    repeated or escalating nudges about the same object distinct (an ISO week from
    ``run.week``, or an escalation step such as ``"owner"`` / ``"everyone"``).
    ``params`` holds JSON-able values the message needs (dates as ISO strings);
    ``url`` is a path on this site where the user acts.
    """

    user_id: int
    subject: str
    period: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    urgent: bool = False
    cooperation_id: int | None = None

    def problems(self) -> list[str]:
        """Why the driver would refuse this spec (empty when it is fine)."""
        found = []
        if not isinstance(self.user_id, int) or self.user_id <= 0:
            found.append(f"user_id must be a positive integer, not {self.user_id!r}")
        if not self.subject or len(self.subject) > MAX_SUBJECT_LENGTH:
            found.append(f"subject must have 1–{MAX_SUBJECT_LENGTH} characters")
        if len(self.period) > MAX_PERIOD_LENGTH:
            found.append(f"period must have at most {MAX_PERIOD_LENGTH} characters")
        if self.url and (
            not self.url.startswith("/")
            or self.url.startswith("//")
            or len(self.url) > MAX_URL_LENGTH
        ):
            found.append("url must be a path on this site, starting with a single /")
        if self.cooperation_id is not None and not isinstance(self.cooperation_id, int):
            found.append("cooperation_id must be an integer or None")
        try:
            if not isinstance(self.params, dict):
                raise TypeError
            json.dumps(self.params)
        except (TypeError, ValueError):
            found.append("params must be a JSON-able dict (dates as ISO strings)")
        return found


@dataclass(frozen=True)
class DriverRun:
    """One run of the driver: the moment it looks at, and the thresholds in force."""

    now: datetime
    thresholds: Mapping[str, Any]
    # Per-cooperation overrides, loaded once per run: {cooperation_id: {name: value}}.
    overrides: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def start(cls, now: datetime | None = None) -> "DriverRun":
        overrides: dict[int, dict[str, Any]] = {}
        for loader in _override_loaders:
            for cooperation_id, values in loader().items():
                overrides.setdefault(cooperation_id, {}).update(values)
        return cls(now=now or timezone.now(), thresholds=driver_settings(), overrides=overrides)

    @property
    def today(self) -> date:
        """The calendar day in WirWerk's time zone (Europe/Berlin)."""
        return timezone.localdate(self.now)

    @property
    def week(self) -> str:
        """The ISO week, e.g. ``2026-W11``: a period for weekly reminders."""
        year, week, _day = self.today.isocalendar()
        return f"{year}-W{week:02d}"

    def threshold(self, name: str, *, cooperation_id: int | None = None) -> Any:
        """A threshold from ``settings.DRIVER``, overridden per cooperation where set."""
        if cooperation_id is not None:
            override = self.overrides.get(cooperation_id, {})
            if name in override:
                return override[name]
        try:
            return self.thresholds[name]
        except KeyError:
            raise ImproperlyConfigured(f"settings.DRIVER has no entry {name!r}") from None


def driver_settings() -> dict[str, Any]:
    """The one place that reads ``settings.DRIVER`` (thresholds, intervals, digest hour)."""
    return dict(settings.DRIVER)


def driver_setting(name: str) -> Any:
    values = driver_settings()
    if name not in values:
        raise ImproperlyConfigured(f"settings.DRIVER has no entry {name!r}")
    return values[name]


OverrideLoader = Callable[[], Mapping[int, Mapping[str, Any]]]
_override_loaders: list[OverrideLoader] = []


def driver_threshold_overrides(loader: OverrideLoader) -> OverrideLoader:
    """Register a loader of per-cooperation thresholds, called once per run.

    It returns ``{cooperation_id: {"silence_days": 14, ...}}`` in one query.
    """
    if loader not in _override_loaders:
        _override_loaders.append(loader)
    return loader


RuleFunction = Callable[[DriverRun], Iterable[NudgeSpec]]
Describe = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class Rule:
    name: str
    function: RuleFunction
    message: Describe

    def describe(self, params: Mapping[str, Any]) -> str:
        return self.message(params)


class RuleRegistry:
    """The registered rules by name, in registration order."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, rule: Rule) -> Rule:
        if not RULE_NAME.match(rule.name):
            raise ImproperlyConfigured(
                f"Driver rule name {rule.name!r}: lower case letters, digits and _ (max. 64)"
            )
        existing = self._rules.get(rule.name)
        if existing is not None and _qualname(existing.function) != _qualname(rule.function):
            raise ImproperlyConfigured(f"Driver rule {rule.name!r} is registered twice")
        self._rules[rule.name] = rule
        return rule

    def unregister(self, name: str) -> None:
        self._rules.pop(name, None)

    def get(self, name: str) -> Rule | None:
        return self._rules.get(name)

    def names(self) -> list[str]:
        return list(self._rules)

    def select(self, names: Iterable[str] | None = None) -> list[Rule]:
        if names is None:
            return list(self._rules.values())
        wanted = list(names)
        unknown = [name for name in wanted if name not in self._rules]
        if unknown:
            raise ImproperlyConfigured(f"Unknown driver rules: {', '.join(unknown)}")
        return [self._rules[name] for name in wanted]

    def __contains__(self, name: object) -> bool:
        return name in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(self._rules.values()))

    @contextmanager
    def registered(self, name: str, function: RuleFunction, *, message: Describe) -> Iterator[Rule]:
        """Register a rule for the duration of a ``with`` block (tests)."""
        rule = self.register(Rule(name=name, function=function, message=message))
        try:
            yield rule
        finally:
            self.unregister(name)


def _qualname(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


registry = RuleRegistry()


def driver_rule(name: str, *, message: Describe) -> Callable[[RuleFunction], RuleFunction]:
    """Register ``function`` as the driver rule ``name``.

    ``message(params)`` turns a nudge's params into its text; it is called when the
    nudge is shown or mailed, in the language active then, so use ``gettext`` in it.
    """

    def decorate(function: RuleFunction) -> RuleFunction:
        registry.register(Rule(name=name, function=function, message=message))
        return function

    return decorate


def describe(rule_name: str, params: Mapping[str, Any]) -> str:
    """The text of a nudge, in the active language; never fails for a stale nudge."""
    rule = registry.get(rule_name)
    if rule is not None:
        try:
            return rule.describe(params)
        except Exception:  # a message must not break a page; the rule needs fixing
            logger.exception("Driver rule %s could not describe %r", rule_name, params)
    return gettext("Ein Impuls wartet auf Sie.")


def format_date(value: str | date | datetime | None) -> str:
    """A date (or ISO string) in the active language's format, e.g. „9. März 2026“."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")
