"""The meetings' part of a person's data export (see ``apps.base.data_export``):
the actions the person owns."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.meetings.models import Action


@data_export_section("meetings")
def meetings(user: User) -> dict[str, Any]:
    actions = (
        Action.objects.filter(owner=user).select_related("cooperation").order_by("due_on", "pk")
    )
    return {
        "actions_owned": [
            {
                "cooperation": a.cooperation.title,
                "title": a.title,
                "note": a.note,
                "due_on": iso(a.due_on),
                "status": a.status,
                "status_label": a.get_status_display(),
                "closed_at": iso(a.closed_at),
            }
            for a in actions
        ]
    }
