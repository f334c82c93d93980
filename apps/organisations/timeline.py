"""How organisations joining and leaving read in the cooperation's timeline."""

from django.utils.translation import gettext as _

from apps.cooperations.models import Event
from apps.cooperations.timeline import timeline_renderer


@timeline_renderer("organisation_joined", "organisation_left")
def organisation_event(event: Event) -> str:
    params = event.params or {}
    name = params.get("organisation", "")
    if event.kind == "organisation_joined":
        return _("Organisation beteiligt – %(name)s") % {"name": name}
    return _("Organisation nicht mehr beteiligt – %(name)s") % {"name": name}
