"""Cursor pagination for every list: stable order by id, an opaque signed cursor
that points after the last id of the page (new rows never shift a page)."""

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from django.core import signing
from django.db.models import QuerySet
from ninja import Field, Schema

from apps.api.errors import InvalidCursor

T = TypeVar("T")
_SIGNER = signing.Signer(salt="apps.api.cursor")
MAX_ID = 2**63 - 1


class PageParams(Schema):
    cursor: str = Field("", max_length=200, description="next_cursor der vorigen Seite")
    limit: int = Field(50, ge=1, le=100)


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _encode(last_id: int) -> str:
    return _SIGNER.sign_object(last_id, compress=False)


def _decode(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        value = _SIGNER.unsign_object(cursor)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise InvalidCursor from None
    if not isinstance(value, int) or not 0 <= value <= MAX_ID:
        raise InvalidCursor
    return value


def paginate(
    items: QuerySet[Any] | Iterable[Any],
    params: PageParams,
    *,
    key: Callable[[Any], int] = lambda item: int(item.pk),
) -> dict[str, Any]:
    """One page of ``items`` ordered by id (``key`` for rows that are not models)."""
    after = _decode(params.cursor)
    limit = params.limit
    if isinstance(items, QuerySet):
        rows = list(items.filter(pk__gt=after).order_by("pk")[: limit + 1])
    else:
        rows = sorted((i for i in items if key(i) > after), key=key)[: limit + 1]
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": _encode(key(rows[-1])) if more else None}
