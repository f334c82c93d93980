"""How the cooperation's timeline shows an event: renderers that apps register by kind.

The timeline (``selectors.timeline``) holds every :class:`~apps.cooperations.models.Event`
of a cooperation. An app that records events of its own kinds says how they read in
its own ``timeline.py``; the cooperations' templates know none of those kinds::

    from apps.cooperations.timeline import timeline_renderer

    @timeline_renderer("meeting_planned", "meeting_changed")
    def meeting(event: Event) -> str:
        return f"{gettext('Besprechung geplant')} – „{event.params['item']}“"

A renderer returns plain text (the template escapes it) and must not query: the actor
is already loaded, everything else belongs in ``event.params``. Kinds without a
renderer show their label.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from apps.base.registry import Registry
from apps.cooperations.models import Event, EventKind

TimelineRenderer = Callable[[Event], str]

renderers: Registry[TimelineRenderer] = Registry("timeline renderer", module="timeline")


def timeline_renderer(*kinds: str) -> Callable[[TimelineRenderer], TimelineRenderer]:
    """Register ``function(event) -> str`` for events of each of ``kinds``."""

    def decorate(function: TimelineRenderer) -> TimelineRenderer:
        for kind in kinds:
            renderers.register(kind, function)
        return function

    return decorate


def timeline_text(event: Event) -> str:
    """What happened, in one line (without the actor and the time)."""
    renderer = renderers.get(event.kind)
    if renderer is None:
        return str(event.get_kind_display())
    return renderer(event)


# The cooperations' own kinds ----------------------------------------------------------

_MEMBERSHIP_KINDS = (EventKind.JOINED, EventKind.LEFT)


@timeline_renderer(
    EventKind.CREATED,
    EventKind.UPDATED,
    EventKind.INVITED,
    EventKind.INVITATION_REVOKED,
    EventKind.JOINED,
    EventKind.INVITATION_DECLINED,
    EventKind.ROLE_CHANGED,
    EventKind.REMOVED,
    EventKind.LEFT,
    EventKind.FIT_CHECK_STARTED,
    EventKind.FIT_CHECK_ANSWERED,
    EventKind.FIT_CHECK_REVEALED,
    EventKind.DRAFT_SAVED,
    EventKind.VERSION_PROPOSED,
    EventKind.VERSION_ACCEPTED,
    EventKind.VERSION_IN_FORCE,
    EventKind.VERSION_WITHDRAWN,
    EventKind.EXIT_PROPOSED,
    EventKind.EXIT_CANCELLED,
    EventKind.EXIT_COMPLETED,
    EventKind.ENDED,
    EventKind.ARCHIVED,
    EventKind.JOIN_REQUESTED,
    EventKind.JOIN_REQUEST_DECLINED,
)
def cooperation_event(event: Event) -> str:
    """The label, the agreement's version number and the person or item concerned."""
    params = event.params or {}
    text = str(event.get_kind_display())
    if params.get("number"):
        text += " (" + _("Fassung %(number)s") % {"number": params["number"]} + ")"
    # Joining and leaving name the member as the actor already.
    if params.get("member") and event.kind not in _MEMBERSHIP_KINDS:
        text += f" – {params['member']}"
    if params.get("invitee"):
        text += f" – {params['invitee']}"
    if params.get("item"):
        text += f" – „{params['item']}“"
    if params.get("reason"):
        text += f" – „{params['reason']}“"
    return text
