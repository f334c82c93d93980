from functools import cached_property

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from apps.driver.selectors import open_nudge_count


class NudgeCounter:
    """The header's count of open nudges; queried only when a template shows it."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.url = reverse("driver:nudges")

    @cached_property
    def count(self) -> int:
        return open_nudge_count(user=self.request.user)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        return ngettext("%(count)d offener Impuls", "%(count)d offene Impulse", self.count) % {
            "count": self.count
        }


def nudge_counter(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"nudge_counter": NudgeCounter(request)}
