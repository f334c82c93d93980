from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # Only for the type: the base layer imports no app at run time.
    from apps.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: a real user and htmx details."""

    user: "User"
    htmx: HtmxDetails


# The one way a POST button runs a service and tells the outcome ---------------

Refusal = ValidationError | PermissionDenied


def refusal_message(error: Refusal) -> str:
    """The German sentence a refused service gives, for a message or a form."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Das ist Ihnen hier nicht erlaubt.")


def safe_next(request: HttpRequest, default: str) -> str:
    """Where the user came from (``next``), if it is on our host; otherwise ``default``."""
    back = request.POST.get("next", "") or request.GET.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return default


def run_action(
    request: HttpRequest, action: Callable[[], Any], *, done: str, back: str
) -> HttpResponse:
    """Run a service for a POST button; tell the outcome; back to where the user was."""
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, back))


def answer(
    request: HttpRequest,
    *,
    done: str,
    error: str | None,
    back: str,
    partial: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The outcome of a button on a row: htmx swaps the row's partial, otherwise back."""
    if getattr(request, "htmx", False):
        return render(request, partial, {**context, "notice": error or done, "failed": bool(error)})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(safe_next(request, back))


def form_save(form: BaseForm, action: Callable[[], Any]) -> Any:
    """Call the service; its refusal lands on the form (and ``None`` comes back).

    Errors the service names by field go to that field when the form has it, the rest
    (and a permission refusal) above the form.
    """
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
    except PermissionDenied as error:
        form.add_error(None, refusal_message(error))
    return None


def refuse(request: HttpRequest, message: str, *, back: str) -> HttpResponse:
    """A page the user may not use here: say why (``message``) and go ``back``."""
    messages.error(request, message)
    return redirect(back)
