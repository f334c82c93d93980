"""What the meetings pages share: the access-checked fetch, the page context with
the ``can_*`` answers of the write gate, and the read-only refusal."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest, refuse
from apps.cooperations.gate import can_write
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperation_for_member
from apps.meetings.models import Meeting

PER_PAGE = 20


def cooperation_of(request: AuthedRequest, pk: int) -> Cooperation:
    """The cooperation with the user's membership; 404 for outsiders."""
    return cooperation_for_member(user=request.user, pk=pk)


def read_only(request: AuthedRequest, back: str) -> HttpResponse:
    """The answer to a form page that a former member or an ended cooperation opens."""
    return refuse(
        request, _("Hier können Sie nichts mehr ändern: Sie lesen nur noch mit."), back=back
    )


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting-detail", args=[meeting.cooperation_id, meeting.pk])


def list_url(cooperation: Cooperation) -> str:
    return reverse("meetings:meeting-list", args=[cooperation.pk])


def action_list_url(cooperation: Cooperation) -> str:
    return reverse("meetings:action-list", args=[cooperation.pk])


def page_context(cooperation: Cooperation, **extra: Any) -> dict[str, Any]:
    """The context of every page inside a cooperation; templates ask ``can_write``."""
    return {"cooperation": cooperation, "can_write": can_write(cooperation), **extra}
