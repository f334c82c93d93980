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

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries by name, in registration order, discovered from ``module`` in every app.

    ``first`` names modules to import before the installed apps are searched (the
    owner's own entries), so they come first in the order.
    """

    def __init__(self, label: str, *, module: str, first: tuple[str, ...] = ()) -> None:
        self.label = label
        self.module = module
        self.first = first
        self._entries: dict[str, T] = {}
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
        return entry

    def add(self, name: str) -> Callable[[T], T]:
        """Decorator form of :meth:`register`."""

        def decorate(entry: T) -> T:
            return self.register(name, entry)

        return decorate

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)

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
        """``(name, entry)`` pairs in registration order, after discovery."""
        self.discover()
        return list(self._entries.items())

    def names(self) -> list[str]:
        return [name for name, _entry in self.items()]

    def __contains__(self, name: object) -> bool:
        self.discover()
        return name in self._entries
