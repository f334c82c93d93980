"""Money inside a cooperation: engagements and balances (read); the invoices of the
person behind the token (only the ones they issued or received)."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from apps.api.auth import user_of
from apps.api.pagination import Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, cooperation_of, id_path, person
from apps.cooperations.selectors import as_seen
from apps.finances import selectors as finances
from apps.finances.models import Engagement
from apps.invoices import selectors as invoices
from apps.invoices.models import Invoice

router = Router(tags=["Geld"])

ZERO = Decimal("0.00")


class EngagementOut(Schema):
    id: int
    title: str
    client: str
    lead: UserRef | None
    starts_on: date | None
    ends_on: date | None
    status: str
    is_pilot: bool
    revenue_total: Decimal
    cost_total: Decimal
    created_at: datetime


class MoneyBalanceOut(Schema):
    id: int = Field(..., description="die Person")
    name: str
    is_current: bool
    received: Decimal
    paid: Decimal
    entitled: Decimal
    sent: Decimal
    got: Decimal
    balance: Decimal = Field(..., description="positiv: die anderen schulden der Person")


class InvoiceOut(Schema):
    id: int
    number: str
    type_code: str
    issuer: UserRef | None
    recipient: UserRef | None
    cooperation_id: int | None
    issue_date: date
    due_date: date | None
    net_total: Decimal
    tax_total: Decimal
    gross_total: Decimal
    corrects_id: int | None


def _engagement(engagement: Engagement) -> dict[str, object]:
    fields = {n: getattr(engagement, n) for n in EngagementOut.model_fields if n != "lead"}
    fields["revenue_total"] = engagement.revenue_total or ZERO  # type: ignore[attr-defined]
    fields["cost_total"] = engagement.cost_total or ZERO  # type: ignore[attr-defined]
    return {**fields, "lead": person(engagement.lead)}


def _invoice(invoice: Invoice) -> dict[str, object]:
    fields = {n: getattr(invoice, n) for n in InvoiceOut.model_fields}
    return {**fields, "issuer": person(invoice.issuer), "recipient": person(invoice.recipient)}


@router.get(
    "/cooperations/{cooperation_id}/engagements",
    response=answers(Page[EngagementOut]),
    summary="Kundenaufträge",
)
def engagements(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    found = as_seen(finances.engagements_of(cooperation=cooperation), cooperation)
    result = paginate(found, page)
    result["items"] = [_engagement(e) for e in result["items"]]
    return result


@router.get(
    "/cooperations/{cooperation_id}/engagements/{engagement_id}",
    response=answers(EngagementOut),
    summary="Ein Kundenauftrag",
)
def engagement(
    request: HttpRequest, cooperation_id: int = id_path(), engagement_id: int = id_path()
) -> object:
    cooperation = cooperation_of(request, cooperation_id)
    found = as_seen(finances.engagements_of(cooperation=cooperation), cooperation)
    engagement = found.filter(pk=engagement_id).first()
    if engagement is None:
        raise Http404
    return _engagement(engagement)


@router.get(
    "/cooperations/{cooperation_id}/balances",
    response=answers(Page[MoneyBalanceOut]),
    summary="Salden: wer wem wie viel schuldet",
)
def balances(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    rows = finances.money_of(cooperation=cooperation).members
    result = paginate(rows, page, key=lambda row: row.user_id)
    result["items"] = [
        {
            "id": row.user_id,
            "name": row.name,
            "is_current": row.is_current,
            "received": row.figures.received,
            "paid": row.figures.paid,
            "entitled": row.figures.entitled,
            "sent": row.figures.sent,
            "got": row.figures.got,
            "balance": row.figures.balance,
        }
        for row in result["items"]
    ]
    return result


@router.get(
    "/cooperations/{cooperation_id}/invoices",
    response=answers(Page[InvoiceOut]),
    summary="Meine Rechnungen in dieser Kooperation",
)
def cooperation_invoices(
    request: HttpRequest, page: Query[PageParams], cooperation_id: int = id_path()
) -> dict[str, object]:
    cooperation = cooperation_of(request, cooperation_id)
    found = invoices.invoices_in(cooperation=cooperation, user=user_of(request))
    result = paginate(found, page)
    result["items"] = [_invoice(i) for i in result["items"]]
    return result


@router.get("/invoices", response=answers(Page[InvoiceOut]), summary="Meine Rechnungen")
def my_invoices(request: HttpRequest, page: Query[PageParams]) -> dict[str, object]:
    result = paginate(invoices.invoices_of(user=user_of(request)), page)
    result["items"] = [_invoice(i) for i in result["items"]]
    return result


@router.get("/invoices/{invoice_id}", response=answers(InvoiceOut), summary="Eine Rechnung")
def invoice(request: HttpRequest, invoice_id: int = id_path()) -> object:
    return _invoice(invoices.invoice_for_party(user=user_of(request), pk=invoice_id))
