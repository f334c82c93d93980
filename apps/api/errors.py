"""Every error of the API as ``application/problem+json`` (RFC 9457): type, title,
status, detail, and for invalid input the fields concerned. Titles and details are
German or English, as the client's Accept-Language asks (LocaleMiddleware)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

if TYPE_CHECKING:
    from ninja import NinjaAPI

PROBLEM_TYPE = "application/problem+json"

# status → (type slug, title); titles translated when the response is built.
TITLES: dict[int, tuple[str, Any]] = {
    400: ("bad-request", gettext_lazy("Ungültige Anfrage")),
    401: ("unauthenticated", gettext_lazy("Anmeldung erforderlich")),
    403: ("forbidden", gettext_lazy("Nicht erlaubt")),
    404: ("not-found", gettext_lazy("Nicht gefunden")),
    405: ("method-not-allowed", gettext_lazy("Methode nicht erlaubt")),
    422: ("invalid", gettext_lazy("Ungültige Eingabe")),
    429: ("too-many-requests", gettext_lazy("Zu viele Anfragen")),
}


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ScopeMissing(HttpError):
    """A read-only token tried to write."""

    def __init__(self) -> None:
        super().__init__(403, "scope")


class RateLimited(HttpError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(429, "rate")
        self.retry_after = retry_after


class InvalidCursor(HttpError):
    def __init__(self) -> None:
        super().__init__(422, "cursor")


def problem(
    status: int, detail: str, *, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    slug, title = TITLES.get(status, ("error", gettext_lazy("Fehler")))
    body = Problem(
        type=f"urn:wirwerk:problem:{slug}",
        title=str(title),
        status=status,
        detail=detail,
        errors=[FieldError(**e) for e in errors or []],
    )
    response = HttpResponse(body.model_dump_json(), status=status, content_type=PROBLEM_TYPE)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="WirWerk"'
    return response


def _location(loc: Any) -> str:
    # ninja reports ("body", "payload", "title"); the client knows the field as "title".
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "params")]
    return ".".join(parts) or "request"


def _django_errors(exc: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": "request" if name == "__all__" else name, "message": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "request", "message": m} for m in exc.messages]


def on_invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": _location(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors
    ]
    return problem(422, _("Die Anfrage enthält ungültige Werte."), errors=errors)


def on_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return problem(422, " ".join(exc.messages), errors=_django_errors(exc))


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(404, _("Das gibt es nicht, oder Sie haben keinen Zugriff darauf."))


def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(403, str(exc) or _("Das ist Ihnen hier nicht erlaubt."))


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        detail = _("Bitte senden Sie einen gültigen Zugangsschlüssel (Authorization: Bearer …).")
    elif isinstance(exc, ScopeMissing):
        detail = _("Dieser Zugangsschlüssel darf nur lesen.")
    elif isinstance(exc, RateLimited):
        response = problem(429, _("Zu viele Anfragen mit diesem Schlüssel. Bitte warten Sie."))
        response["Retry-After"] = str(exc.retry_after)
        return response
    elif isinstance(exc, InvalidCursor):
        return problem(
            422,
            _("Der Cursor ist ungültig."),
            errors=[{"field": "cursor", "message": _("Der Cursor ist ungültig.")}],
        )
    elif exc.status_code == 400:
        detail = _("Die Anfrage konnte nicht gelesen werden.")
    else:
        detail = str(TITLES.get(exc.status_code, ("", exc.message))[1])
    return problem(exc.status_code, detail)


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(NinjaValidationError, on_invalid_input)  # type: ignore[arg-type]
    api.add_exception_handler(DjangoValidationError, on_refused)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, on_not_found)  # type: ignore[arg-type]
    api.add_exception_handler(PermissionDenied, on_permission_denied)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, on_http_error)  # type: ignore[arg-type]
