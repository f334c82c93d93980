from collections.abc import Sequence

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The main areas of WirWerk, in the order a user meets them: the everyday ones in the
# bar, the rest behind "Mehr" (the bar must fit one line at 1280 px). Areas whose app
# is not installed yet simply do not resolve and stay out of the menu.
NAV_ITEMS = [
    ("core:dashboard", _("Übersicht")),
    ("profiles:edit", _("Ich")),
    ("matching:suggestions", _("Partner finden")),
    ("network:connections", _("Netzwerk")),
    ("cooperations:list", _("Kooperationen")),
    ("meetings:my-actions", _("Aufgaben")),
    ("driver:nudges", _("Impulse")),
    ("cocreation:circle-list", _("Kreise")),
]
NAV_MORE = [
    ("network:asks", _("Gesuche")),
    ("referrals:list", _("Empfehlungen")),
    ("invoices:mine", _("Rechnungen")),
    ("organisations:list", _("Organisationen")),
    ("resources:list", _("Ressourcen")),
    ("datapool:list", _("Datenpool")),
]


def _resolvable_items(entries: Sequence[tuple[str, object]]) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    for name, label in entries:
        try:
            items.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return items


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    path = request.path
    bar = _resolvable_items(NAV_ITEMS)
    more = _resolvable_items(NAV_MORE)
    # The most specific area wins: /netzwerk/gesuche/ is "Gesuche", not "Netzwerk".
    matching = [
        url for url, _label in bar + more if path == url or (url != "/" and path.startswith(url))
    ]
    active = max(matching, key=len, default=None)

    def entries(items: list[tuple[str, object]]) -> list[dict[str, object]]:
        return [{"url": u, "label": label, "active": u == active} for u, label in items]

    return {
        "nav_items": entries(bar),
        "nav_more": entries(more),
        "nav_more_active": any(url == active for url, _label in more),
    }
