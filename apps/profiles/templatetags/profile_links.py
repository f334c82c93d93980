"""``{% suggested_profile_url user_id %}``: the profile link on a suggestion, carrying
the signed note that lets a profile shown "only in partner suggestions" open."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from apps.profiles.access import suggestion_token

register = template.Library()


@register.simple_tag(takes_context=True)
def suggested_profile_url(context: dict[str, Any], owner_id: int) -> str:
    url = reverse("profiles:detail", args=[owner_id])
    request = context.get("request")
    viewer_id = getattr(getattr(request, "user", None), "pk", None)
    if viewer_id is None:
        return url
    return f"{url}?{urlencode({'v': suggestion_token(viewer_id=viewer_id, owner_id=owner_id)})}"
