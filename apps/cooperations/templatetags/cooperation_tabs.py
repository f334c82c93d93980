from django import template
from django.http import HttpRequest

from apps.cooperations.models import Cooperation
from apps.cooperations.tabs import TabLink, tab_links

register = template.Library()


@register.simple_tag(takes_context=True)
def cooperation_tab_links(context: template.Context, cooperation: Cooperation) -> list[TabLink]:
    """The header's tabs for ``cooperation`` (see ``apps/cooperations/tabs.py``)."""
    request: HttpRequest | None = context.get("request")
    return tab_links(cooperation, request.path if request else "")
