"""Connections and contact requests."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from apps.api.auth import user_of, write_auth
from apps.api.pagination import MAX_ID, Page, PageParams, paginate
from apps.api.routers.common import UserRef, answers, id_path, person, text
from apps.network import selectors, services
from apps.network.models import Connection, ContactRequest

router = Router(tags=["Netzwerk"])


class ConnectionOut(Schema):
    id: int
    person: UserRef
    since: datetime


class ContactRequestOut(Schema):
    id: int
    sender: UserRef
    recipient: UserRef
    purpose: str
    status: str
    created_at: datetime
    responded_at: datetime | None


class ContactRequestIn(Schema):
    recipient_id: int = Field(..., ge=1, le=MAX_ID)
    purpose: text(2000, min_length=1)  # type: ignore[valid-type]


def _connection(connection: Connection, me_id: int) -> dict[str, object]:
    other = connection.user_high if connection.user_low_id == me_id else connection.user_low
    return {"id": connection.pk, "person": person(other), "since": connection.created_at}


def _request(request: ContactRequest) -> dict[str, object]:
    return {
        "id": request.pk,
        "sender": person(request.sender),
        "recipient": person(request.recipient),
        "purpose": request.purpose,
        "status": request.status,
        "created_at": request.created_at,
        "responded_at": request.responded_at,
    }


@router.get("/connections", response=answers(Page[ConnectionOut]), summary="Meine Kontakte")
def connections(request: HttpRequest, page: Query[PageParams]) -> dict[str, object]:
    user = user_of(request)
    result = paginate(selectors.connections_for(user=user), page)
    result["items"] = [_connection(c, user.pk) for c in result["items"]]
    return result


@router.get(
    "/contact-requests",
    response=answers(Page[ContactRequestOut]),
    summary="Offene Kontaktanfragen (erhalten oder gesendet)",
)
def contact_requests(
    request: HttpRequest,
    page: Query[PageParams],
    direction: Literal["incoming", "outgoing"] = "incoming",
) -> dict[str, object]:
    user = user_of(request)
    select = selectors.incoming_requests if direction == "incoming" else selectors.outgoing_requests
    result = paginate(select(user=user).select_related("sender", "recipient"), page)
    result["items"] = [_request(r) for r in result["items"]]
    return result


@router.post(
    "/contact-requests",
    auth=write_auth,
    response=answers(ContactRequestOut, status=201),
    summary="Kontaktanfrage senden",
)
def contact_request_send(request: HttpRequest, payload: ContactRequestIn) -> Status[object]:
    recipient = selectors.contactable_user(pk=payload.recipient_id)
    sent = services.contact_request_send(
        sender=user_of(request), recipient=recipient, purpose=payload.purpose
    )
    return Status(201, _request(sent))


@router.post(
    "/contact-requests/{request_id}/accept",
    auth=write_auth,
    response=answers(ConnectionOut),
    summary="Kontaktanfrage annehmen",
)
def contact_request_accept(request: HttpRequest, request_id: int = id_path()) -> object:
    user = user_of(request)
    contact_request = selectors.request_for_recipient(user=user, pk=request_id)
    connection = services.contact_request_accept(request=contact_request, user=user)
    return _connection(connection, user.pk)


@router.post(
    "/contact-requests/{request_id}/decline",
    auth=write_auth,
    response=answers(ContactRequestOut),
    summary="Kontaktanfrage ablehnen",
)
def contact_request_decline(request: HttpRequest, request_id: int = id_path()) -> object:
    user = user_of(request)
    contact_request = selectors.request_for_recipient(user=user, pk=request_id)
    declined = services.contact_request_decline(request=contact_request, user=user)
    declined.refresh_from_db()
    return _request(declined)
