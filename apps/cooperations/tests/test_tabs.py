"""The cooperation header's tabs come from the tab registry, in position order."""

from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations.models import Cooperation
from apps.cooperations.tabs import Tab, tab_links, tabs


def _labels(cooperation: Cooperation, path: str = "") -> list[str]:
    return [link.label for link in tab_links(cooperation, path)]


def test_every_app_adds_its_tab_in_position_order(cooperation: Cooperation) -> None:
    assert _labels(cooperation) == [
        "Überblick",
        "Vereinbarung",
        "Besprechungen",
        "Beiträge",
        "Finanzen",
        "Check-in",
        "Verlauf",
        "Ausstieg",
    ]


def test_the_current_tab_follows_the_page(cooperation: Cooperation) -> None:
    meeting_list = reverse("meetings:meeting-list", args=[cooperation.pk])
    current = [link.label for link in tab_links(cooperation, meeting_list + "neu/") if link.current]
    assert current == ["Besprechungen"]
    overview = reverse("cooperations:detail", args=[cooperation.pk])
    assert [link.label for link in tab_links(cooperation, overview) if link.current] == [
        "Überblick"
    ]


def test_a_new_app_plugs_its_tab_into_the_header(
    client: Client, cooperation: Cooperation, anna: User
) -> None:
    tab = Tab("test_notes", "Notizen", "cooperations:timeline", 85)
    client.force_login(anna)
    with tabs.registered(tab.name, tab):
        page = client.get(reverse("cooperations:detail", args=[cooperation.pk]))
    html = page.content.decode()
    assert html.index(">Verlauf<") < html.index(">Notizen<") < html.index(">Ausstieg<")
