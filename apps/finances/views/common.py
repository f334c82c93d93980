"""What the finance pages share: context, current members, addresses, the read-only refusal."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.base.http import AuthedRequest, refuse
from apps.cooperations.gate import permissions
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import members_of
from apps.finances.models import Engagement


def page_context(cooperation: Cooperation, **context: Any) -> dict[str, Any]:
    return {"cooperation": cooperation, **permissions(cooperation), **context}


def current_members(cooperation: Cooperation) -> list[tuple[int, str]]:
    return [(m.user_id, str(m.user)) for m in members_of(cooperation=cooperation) if m.is_current]


def overview_url(cooperation: Cooperation) -> str:
    return reverse("finances:overview", args=[cooperation.pk])


def engagement_url(engagement: Engagement) -> str:
    return reverse("finances:engagement", args=[engagement.cooperation_id, engagement.pk])


def read_only(request: AuthedRequest, cooperation: Cooperation) -> HttpResponse | None:
    if permissions(cooperation)["can_write"]:
        return None
    message = _("Finanzen tragen nur aktuelle Mitglieder einer laufenden Kooperation ein.")
    return refuse(request, message, back=overview_url(cooperation))
