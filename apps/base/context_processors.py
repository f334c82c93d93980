from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The main areas of WirWerk, in the order a user meets them. Areas whose app is
# not installed yet simply do not resolve and stay out of the menu.
NAV_ITEMS = [
    ("core:dashboard", _("Übersicht")),
    ("profiles:edit", _("Ich")),
    ("matching:suggestions", _("Partner finden")),
    ("network:connections", _("Netzwerk")),
    ("network:asks", _("Gesuche")),
    ("cooperations:list", _("Kooperationen")),
    ("meetings:my-actions", _("Aufgaben")),
    ("driver:nudges", _("Impulse")),
    ("referrals:list", _("Empfehlungen")),
    ("finances:overview", _("Finanzen")),
    ("invoices:mine", _("Rechnungen")),
    ("cocreation:circle-list", _("Kreise")),
]


def _resolvable_items() -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = []
    for name, label in NAV_ITEMS:
        try:
            items.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return items


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    path = request.path
    items = _resolvable_items()
    # The most specific area wins: /netzwerk/gesuche/ is "Gesuche", not "Netzwerk".
    matching = [
        url for url, _label in items if path == url or (url != "/" and path.startswith(url))
    ]
    active = max(matching, key=len, default=None)
    return {"nav_items": [{"url": u, "label": label, "active": u == active} for u, label in items]}
