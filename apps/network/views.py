from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.models import User
from apps.base.http import AuthedRequest, answer, refusal_message
from apps.network import selectors, services
from apps.network.forms import AskFilterForm, AskForm, ContactRequestForm
from apps.network.models import ContactRequest

CONNECTIONS_PER_PAGE = 25
ASKS_PER_PAGE = 20


# Connections and requests ------------------------------------------------------


@login_required
def connections(request: AuthedRequest) -> HttpResponse:
    user = request.user
    page = Paginator(selectors.connections_for(user=user), CONNECTIONS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    context = {
        "page": page,
        "incoming": selectors.incoming_requests(user=user),
        "outgoing": selectors.outgoing_requests(user=user),
    }
    return render(request, "network/connections.html", context)


@login_required
def request_new(request: AuthedRequest, user_id: int) -> HttpResponse:
    recipient = selectors.contactable_user(pk=user_id)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_request_send(
                sender=request.user, recipient=recipient, purpose=form.cleaned_data["purpose"]
            )
        except ValidationError as error:
            form.add_error("purpose", error)
        else:
            messages.success(
                request, _("Ihre Anfrage an %(name)s ist unterwegs.") % {"name": recipient}
            )
            return redirect("network:connections")
    remaining = selectors.requests_remaining_today(
        user=request.user, limit=services.DAILY_REQUEST_LIMIT
    )
    context = {"form": form, "recipient": recipient, "remaining": remaining}
    return render(request, "network/request_form.html", context)


def _answer(
    request: AuthedRequest,
    contact_request: ContactRequest,
    *,
    direction: str,
    done: str,
    error: ValidationError | None,
) -> HttpResponse:
    """htmx swaps the request's row; without JavaScript we go back to the overview."""
    return answer(
        request,
        done=done,
        error=refusal_message(error) if error else None,
        back=reverse("network:connections"),
        partial="network/connections.html#request-row",
        context={"contact_request": contact_request, "direction": direction},
    )


@login_required
@require_POST
def request_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    contact_request = selectors.request_for_recipient(user=request.user, pk=pk)
    try:
        services.contact_request_accept(request=contact_request, user=request.user)
    except ValidationError as error:
        return _answer(request, contact_request, direction="in", done="", error=error)
    done = _("Sie sind jetzt mit %(name)s verbunden.") % {"name": contact_request.sender}
    return _answer(request, contact_request, direction="in", done=done, error=None)


@login_required
@require_POST
def request_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    contact_request = selectors.request_for_recipient(user=request.user, pk=pk)
    try:
        services.contact_request_decline(request=contact_request, user=request.user)
    except ValidationError as error:
        return _answer(request, contact_request, direction="in", done="", error=error)
    done = _("Sie haben die Anfrage von %(name)s abgelehnt.") % {"name": contact_request.sender}
    return _answer(request, contact_request, direction="in", done=done, error=None)


@login_required
@require_POST
def request_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    contact_request = selectors.request_for_sender(user=request.user, pk=pk)
    try:
        services.contact_request_withdraw(request=contact_request, user=request.user)
    except ValidationError as error:
        return _answer(request, contact_request, direction="out", done="", error=error)
    done = _("Sie haben Ihre Anfrage an %(name)s zurückgezogen.") % {
        "name": contact_request.recipient
    }
    return _answer(request, contact_request, direction="out", done=done, error=None)


@login_required
def connection_remove(request: AuthedRequest, user_id: int) -> HttpResponse:
    connection = selectors.connection_for(user=request.user, other_id=user_id)
    other = connection.other(request.user)
    if request.method == "POST":
        services.connection_remove(user=request.user, other=other)
        messages.success(request, _("Die Verbindung mit %(name)s ist beendet.") % {"name": other})
        return redirect("network:connections")
    return _confirm(request, other, "connection-remove")


# Blocks -------------------------------------------------------------------------


def _confirm(request: AuthedRequest, other: User, action: str) -> HttpResponse:
    return render(request, "network/confirm.html", {"other": other, "action": action})


@login_required
def block(request: AuthedRequest, user_id: int) -> HttpResponse:
    other = selectors.blockable_user(user=request.user, pk=user_id)
    if request.method == "POST":
        services.block_user(blocker=request.user, blocked=other)
        messages.success(request, _("%(name)s ist blockiert.") % {"name": other})
        return redirect("network:blocked")
    return _confirm(request, other, "block")


@login_required
def unblock(request: AuthedRequest, user_id: int) -> HttpResponse:
    other = selectors.block_by(user=request.user, blocked_id=user_id).blocked
    if request.method == "POST":
        services.unblock_user(blocker=request.user, blocked=other)
        messages.success(
            request, _("Die Blockierung von %(name)s ist aufgehoben.") % {"name": other}
        )
        return redirect("network:blocked")
    return _confirm(request, other, "unblock")


@login_required
def blocked(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "network/blocked.html", {"blocks": selectors.blocks_by(user=request.user)}
    )


# Asks ---------------------------------------------------------------------------


@login_required
def asks(request: AuthedRequest) -> HttpResponse:
    filter_form = AskFilterForm(request.GET or None)
    found = selectors.open_asks(viewer=request.user, **filter_form.filters())
    page = Paginator(found, ASKS_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "page": page,
        "filter_form": filter_form,
        "query": query.urlencode(),
        "fitting": selectors.asks_fitting_user(user=request.user),
    }
    return render(request, "network/asks.html", context)


@login_required
def ask_new(request: AuthedRequest) -> HttpResponse:
    form = AskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ask = services.ask_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ihr Gesuch ist veröffentlicht."))
            return redirect("network:ask-detail", pk=ask.pk)
    return render(request, "network/ask_form.html", {"form": form})


@login_required
def ask_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    ask = selectors.ask_for_viewer(user=request.user, pk=pk)
    matches = selectors.ask_matches_for_author(ask=ask) if ask.author_id == request.user.pk else []
    return render(request, "network/ask_detail.html", {"ask": ask, "matches": matches})


@login_required
def ask_close(request: AuthedRequest, pk: int) -> HttpResponse:
    ask = selectors.ask_for_author(user=request.user, pk=pk)
    if request.method == "POST":
        services.ask_close(ask=ask, user=request.user)
        messages.success(request, _("Ihr Gesuch ist geschlossen."))
        return redirect("network:ask-detail", pk=ask.pk)
    return render(request, "network/ask_close.html", {"ask": ask})
