"""The tabs of a cooperation's pages: each app registers its own in its ``tabs.py``.

The cooperation's header (``cooperations/_head.html``) shows every registered tab in
the order of ``position``; it knows none of them::

    from apps.cooperations.tabs import Tab, cooperation_tab

    cooperation_tab(Tab("meetings", _("Besprechungen"), "meetings:meeting-list", 40))

``prefix=True`` marks the tab current on every page below its address (the meetings
list and each meeting); otherwise only on the address itself. ``shown`` hides a tab
for some cooperations (the fit check before anyone is invited), ``label_for`` names
it by the cooperation's state. Neither may query: the header is on every page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.base.registry import Registry
from apps.cooperations.models import Cooperation, CooperationStatus


@dataclass(frozen=True)
class Tab:
    name: str
    label: str | Promise
    url_name: str
    position: int
    prefix: bool = False
    shown: Callable[[Cooperation], bool] | None = None
    label_for: Callable[[Cooperation], str | Promise] | None = None


@dataclass(frozen=True)
class TabLink:
    label: str
    url: str
    current: bool


tabs: Registry[Tab] = Registry("cooperation tab", module="tabs")


def cooperation_tab(tab: Tab) -> Tab:
    return tabs.register(tab.name, tab)


def tab_links(cooperation: Cooperation, path: str) -> list[TabLink]:
    """The tabs shown for ``cooperation``, each with its address and whether the page
    at ``path`` belongs to it."""
    links = []
    for _name, tab in sorted(tabs.items(), key=lambda item: item[1].position):
        if tab.shown is not None and not tab.shown(cooperation):
            continue
        url = reverse(tab.url_name, args=[cooperation.pk])
        label = tab.label_for(cooperation) if tab.label_for else tab.label
        current = path.startswith(url) if tab.prefix else path == url
        links.append(TabLink(str(label), url, current))
    return links


# The cooperation's own tabs -----------------------------------------------------------

cooperation_tab(Tab("overview", _("Überblick"), "cooperations:detail", 10))
cooperation_tab(
    Tab(
        "fit_check",
        _("Passungscheck"),
        "cooperations:fit-check",
        20,
        shown=lambda cooperation: cooperation.status != CooperationStatus.EXPLORING,
    )
)
cooperation_tab(Tab("agreement", _("Vereinbarung"), "cooperations:agreement", 30, prefix=True))
cooperation_tab(Tab("timeline", _("Verlauf"), "cooperations:timeline", 80))
cooperation_tab(
    Tab(
        "exit",
        _("Ausstieg"),
        "cooperations:exit",
        90,
        label_for=lambda cooperation: _("Abschluss") if cooperation.is_ended else _("Ausstieg"),
    )
)
