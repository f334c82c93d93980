"""Open items the exit page shows before a cooperation ends or a member leaves.

An app that holds something a member must settle first registers a check in its own
``exit_checks.py``; the cooperations app never imports it::

    from apps.cooperations.exit_checks import exit_check

    @exit_check("finances")
    def open_money(cooperation: Cooperation) -> str | None:
        return gettext("2 Überweisungen sind offen.") if ... else None

A check returns a German sentence naming the open items, or ``None`` when nothing is
open. It reads in a constant number of queries.
"""

from collections.abc import Callable

from apps.base.registry import Registry
from apps.cooperations.models import Cooperation

ExitCheck = Callable[[Cooperation], str | None]

exit_checks: Registry[ExitCheck] = Registry("exit check", module="exit_checks")


def exit_check(name: str) -> Callable[[ExitCheck], ExitCheck]:
    """Register ``function(cooperation) -> str | None`` as an open-items check."""
    return exit_checks.add(name)


def open_items(cooperation: Cooperation) -> list[str]:
    """The messages of every check that finds something open, in registration order."""
    return [message for _name, check in exit_checks.items() if (message := check(cooperation))]
