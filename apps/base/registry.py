"""A registry of named entries that apps contribute without the owner importing them.

A lower app (cooperations, base) owns a registry; a higher app adds to it from a
module of an agreed name (``archive.py``, ``timeline.py``, ``data_export.py``), and
the registry imports that module from every installed app the first time it is
read. This is how ``@driver_rule`` works, as one small generic piece::

    sections: Registry[Section] = Registry("archive section", module="archive")

    @sections.add("meetings")
    def meetings(cooperation): ...

    for name, section in sections.items(): ...
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Generic, TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries by name, discovered from ``module`` in every app.

    The order is that of ``INSTALLED_APPS`` (the app whose module registered an entry),
    and registration order within an app, whatever imported a module first (a test
    importing ``apps.resources.demo`` must not run its step before the organisations').
    ``first`` names modules of the owner's own entries: they come first.
    """

    def __init__(self, label: str, *, module: str, first: tuple[str, ...] = ()) -> None:
        self.label = label
        self.module = module
        self.first = first
        self._entries: dict[str, T] = {}
        self._rank: dict[str, tuple[int, int]] = {}
        self._sequence = 0
        self._discovered = False

    def discover(self) -> None:
        """Import ``first`` and then ``<app>.<module>`` of every installed app, once."""
        if self._discovered:
            return
        self._discovered = True
        for name in self.first:
            import_module(name)
        autodiscover_modules(self.module)

    def register(self, name: str, entry: T) -> T:
        """Add ``entry`` under ``name``; a second entry under the same name is a mistake."""
        if not name:
            raise ImproperlyConfigured(f"A {self.label} needs a name")
        existing = self._entries.get(name)
        if existing is not None and existing is not entry:
            raise ImproperlyConfigured(f"{self.label} {name!r} is registered twice")
        self._entries[name] = entry
        self._sequence += 1
        self._rank[name] = (self._app_rank(_registering_module()), self._sequence)
        return entry

    def _app_rank(self, module: str) -> int:
        if any(module == first or module.startswith(first + ".") for first in self.first):
            return -1
        for index, config in enumerate(apps.get_app_configs()):
            if module == config.name or module.startswith(config.name + "."):
                return index
        return len(apps.app_configs)  # registered by a test or a script: last

    def add(self, name: str) -> Callable[[T], T]:
        """Decorator form of :meth:`register`."""

        def decorate(entry: T) -> T:
            return self.register(name, entry)

        return decorate

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)
        self._rank.pop(name, None)

    @contextmanager
    def registered(self, name: str, entry: T) -> Iterator[T]:
        """Register ``entry`` for the duration of a ``with`` block (for tests)."""
        self.discover()
        self.register(name, entry)
        try:
            yield entry
        finally:
            self.unregister(name)

    def get(self, name: str) -> T | None:
        self.discover()
        return self._entries.get(name)

    def items(self) -> list[tuple[str, T]]:
        """``(name, entry)`` pairs in the order of the apps, after discovery."""
        self.discover()
        return sorted(self._entries.items(), key=lambda item: self._rank[item[0]])

    def names(self) -> list[str]:
        return [name for name, _entry in self.items()]

    def __contains__(self, name: object) -> bool:
        self.discover()
        return name in self._entries


def _registering_module() -> str:
    """The module of the code that called into this registry (the app's ``demo.py`` …)."""
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return str(frame.f_globals.get("__name__", ""))
