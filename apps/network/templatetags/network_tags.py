from typing import Any

from django import template

from apps.network.models import Connection

register = template.Library()


@register.filter
def other_than(connection: Connection, user: Any) -> Any:
    """``{{ connection|other_than:user }}``: the other person of a connection."""
    return connection.other(user)
