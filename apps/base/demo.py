"""Demo steps that apps add to the demo network without the seeder importing them.

``manage.py seed_demo`` (``apps.core.demo.seed``) builds people, network,
cooperations and referrals, then runs every registered step in the order of
``INSTALLED_APPS``. An app adds its part in its own ``demo.py``::

    from apps.base.demo import DemoContext, demo_step

    @demo_step("finances")
    def seed_finances(context: DemoContext) -> None:
        anna, ben = context.users[:2]
        ...

A step runs inside the seeder's transaction and must be deterministic for a seed
(use ``context.rng``).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from apps.base.registry import Registry

if TYPE_CHECKING:
    from apps.accounts.models import User


@dataclass
class DemoContext:
    users: "list[User]"  # the personas first (anna, ben, carla), then everyone else
    rng: random.Random
    cooperation: Any  # the personas' running cooperation, or None without personas


DemoStep = Callable[[DemoContext], None]

demo_steps: Registry[DemoStep] = Registry("demo step", module="demo")


def demo_step(name: str) -> Callable[[DemoStep], DemoStep]:
    """Register ``function(context)`` as a step of the demo network."""
    return demo_steps.add(name)
