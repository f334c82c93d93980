"""What happens to a person's data when they delete their account.

The account row itself stays, anonymised (``apps.accounts.services.account_delete``):
shared records — ledger entries, accepted agreements, decisions, referrals — keep
pointing at it and show "ehemaliges Mitglied". Every app that holds *personal* data
(a profile, settings, pending requests, feeds) erases it in a step in its own
``erasure.py``; this module, in the lowest layer, never imports them::

    from apps.base.erasure import erasure_step

    @erasure_step("profile")
    def profile(user: User) -> None:
        Profile.objects.filter(user=user).delete()

Steps run inside the deletion's transaction, before the account row is anonymised.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from apps.base.registry import Registry

if TYPE_CHECKING:
    from apps.accounts.models import User

ErasureStep = Callable[["User"], None]

steps: Registry[ErasureStep] = Registry("erasure step", module="erasure")


def erasure_step(key: str) -> Callable[[ErasureStep], ErasureStep]:
    """Register ``function(user)`` that erases the app's personal data of ``user``."""
    return steps.add(key)


def erase_personal_data(user: "User") -> list[str]:
    """Run every registered step; the keys of the steps that ran."""
    keys = []
    for key, step in steps.items():
        step(user)
        keys.append(key)
    return keys
