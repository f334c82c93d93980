"""How the finances' events read in the cooperation's timeline."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.base.templatetags.wirwerk import euro
from apps.cooperations.models import Event
from apps.cooperations.timeline import timeline_renderer


@timeline_renderer("engagement_created", "settlement_proposed", "transfer_paid")
def finances_event(event: Event) -> str:
    params = event.params or {}
    if event.kind == "engagement_created":
        label = _("Experiment angelegt") if params.get("pilot") else _("Auftrag angelegt")
        return f"{label} – „{params.get('item', '')}“"
    if event.kind == "settlement_proposed":
        count = int(params.get("transfers", 0))
        return ngettext(
            "Ausgleich vorgeschlagen – %(count)s Überweisung",
            "Ausgleich vorgeschlagen – %(count)s Überweisungen",
            count,
        ) % {"count": count}
    return _("Zahlungseingang bestätigt – %(amount)s von %(payer)s") % {
        "amount": euro(params.get("amount")),
        "payer": params.get("payer", ""),
    }
