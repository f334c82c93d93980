"""The contributions ledger and the balance of give and take; log a contribution
(read-write tokens; ``contribution_log`` asks the write gate)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from apps.api.auth import user_of, write_auth
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, cooperation_of, id_path, person, text
from apps.contributions import selectors, services
from apps.contributions.models import Contribution
from apps.cooperations.selectors import seen_until

router = Router(tags=["Beiträge"])


class ContributionOut(Schema):
    id: int
    member: UserRef
    kind: str
    done_on: date
    hours: Decimal | None
    amount: Decimal | None
    count: int | None
    description: str
    note: str
    removed: bool
    created_at: datetime


class ContributionIn(Schema):
    kind: Literal["hours", "money", "referral", "resource"]
    done_on: date
    hours: Decimal | None = Field(None, ge=0, le=999, max_digits=5, decimal_places=2)
    amount: Decimal | None = Field(None, ge=0, le=99_999_999, max_digits=10, decimal_places=2)
    count: int | None = Field(None, ge=0, le=32767)
    description: text(200) = ""  # type: ignore[valid-type]
    note: text(1000) = ""  # type: ignore[valid-type]


class BalanceOut(Schema):
    id: int = Field(..., description="die Person")
    name: str
    is_current: bool
    hours_per_month: Decimal
    committed_hours: Decimal
    delivered_hours: Decimal
    committed_share: Decimal
    delivered_share: Decimal
    money: Decimal
    resource_value: Decimal
    resources: int
    referrals: int
    cost_share: Decimal
    money_share: Decimal


def _contribution(entry: Contribution) -> dict[str, object]:
    fields = {name: getattr(entry, name) for name in ContributionOut.model_fields}
    return {**fields, "member": person(entry.member)}


@router.get(
    "/cooperations/{cooperation_id}/contributions",
    response=answers(Page[ContributionOut]),
    summary="Beiträge (die jeweils aktuelle Fassung jedes Eintrags)",
)
def contributions(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    result = paginate(selectors.ledger(cooperation=cooperation), page)
    result["items"] = [_contribution(c) for c in result["items"]]
    return result


@router.post(
    "/cooperations/{cooperation_id}/contributions",
    auth=write_auth,
    response=answers(ContributionOut, status=201),
    summary="Beitrag eintragen",
)
def contribution_log(
    request: HttpRequest, payload: ContributionIn, cooperation_id: int = id_path()
) -> Status[object]:
    cooperation = cooperation_of(request, cooperation_id)
    entry = services.Entry(**payload.dict())
    created = services.contribution_log(cooperation=cooperation, user=user_of(request), entry=entry)
    return Status(201, _contribution(created))


@router.get(
    "/cooperations/{cooperation_id}/balance",
    response=answers(Page[BalanceOut]),
    summary="Geben und Nehmen: Zusagen und Beiträge im Zeitraum",
)
def balance(
    request: HttpRequest,
    page: Query[PageParams],
    cooperation_id: int = id_path(),
    days: Literal[30, 90, 180, 365] = 90,
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    # A former member sees the balance as it stood on the day they left (as the page).
    left = seen_until(cooperation)
    since, until = selectors.window(days, today=timezone.localdate(left) if left else None)
    rows = selectors.balance_for(cooperation.pk, since=since, until=until)
    result = paginate(rows, page, key=lambda row: row.user_id)
    result["items"] = [
        {
            **{n: getattr(row, n) for n in BalanceOut.model_fields if n != "id"},
            "id": row.user_id,
        }
        for row in result["items"]
    ]
    return result
