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
    ("cooperations:list", _("Kooperationen")),
    ("driver:nudges", _("Impulse")),
    ("referrals:list", _("Empfehlungen")),
    ("finances:overview", _("Finanzen")),
    ("circles:list", _("Kreise")),
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
    items = []
    for url, label in _resolvable_items():
        active = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items}
