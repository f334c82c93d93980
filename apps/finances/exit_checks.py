"""The finances' open items on the exit page: balances not settled, transfers not
confirmed (discovered by ``apps.cooperations.exit_checks``)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.cooperations.exit_checks import exit_check
from apps.cooperations.models import Cooperation
from apps.finances import selectors


@exit_check("finances")
def open_money(cooperation: Cooperation) -> str | None:
    open_count = selectors.open_transfers(cooperation=cooperation).count()
    if open_count:
        return ngettext(
            "Finanzen: %(count)s Überweisung des Ausgleichs ist noch nicht bestätigt.",
            "Finanzen: %(count)s Überweisungen des Ausgleichs sind noch nicht bestätigt.",
            open_count,
        ) % {"count": open_count}
    if not selectors.money_of(cooperation=cooperation).settled:
        return _(
            "Finanzen: Die Salden sind nicht ausgeglichen. Bitte schlagen Sie einen Ausgleich vor."
        )
    return None
