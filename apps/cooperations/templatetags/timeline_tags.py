from django import template

from apps.cooperations.models import Event
from apps.cooperations.timeline import timeline_text as describe

register = template.Library()


@register.filter
def timeline_text(event: Event) -> str:
    """``{{ event|timeline_text }}``: the event as its app's timeline renderer reads it."""
    return describe(event)
