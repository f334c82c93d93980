"""What every router shares: documented answers, ids in paths, people, text input."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Schema
from pydantic import AfterValidator, Field

from apps.accounts.models import User
from apps.api.auth import user_of
from apps.api.errors import Problem
from apps.api.pagination import MAX_ID
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import cooperation_for_member

ERRORS = (400, 401, 403, 404, 422, 429)


def answers(ok: Any, *, status: int = 200) -> dict[int, Any]:
    """The success schema and every problem an operation can answer."""
    return {status: ok, **{code: Problem for code in ERRORS}}


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text; say so as invalid input instead of failing.
    if "\x00" in value:
        raise ValueError("NUL")
    return value


def text(max_length: int, *, min_length: int = 0) -> Any:
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length, pattern=r"^[^\x00]*$"),
        AfterValidator(_no_nul),
    ]


def id_path() -> Any:
    """An id in the path: a positive 64-bit integer (larger ones are invalid, not 500)."""
    return Path(..., ge=1, le=MAX_ID)


class UserRef(Schema):
    id: int
    name: str


def person(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": str(user)}


def cooperation_of(request: HttpRequest, cooperation_id: int) -> Cooperation:
    """The cooperation for its (current or former) member; 404 for everyone else."""
    return cooperation_for_member(user=user_of(request), pk=cooperation_id)
