from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # Only for the type: the base layer imports no app at run time.
    from apps.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: a real user and htmx details."""

    user: "User"
    htmx: HtmxDetails
