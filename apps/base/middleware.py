"""Ids in URLs that no database row can have answer 404, not 500.

``<int:pk>`` accepts any number of digits; SQLite and PostgreSQL store at most
64-bit integers, so a longer id raised OverflowError/DataError deep in a query.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

MAX_ID = 2**63 - 1


class BoundedIdsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                raise Http404
        return None
