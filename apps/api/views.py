"""The settings page of personal access tokens: create (the secret is shown once),
see and revoke."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.api import selectors, services
from apps.api.errors import on_not_found
from apps.api.forms import TokenForm
from apps.base.http import AuthedRequest, form_save, run_action


def unknown(request: HttpRequest) -> HttpResponse:
    """An address under /api/ that the API does not know: 404 as problem+json."""
    return on_not_found(request, Http404())


@login_required
def tokens(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        created = form_save(
            form,
            lambda: services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
            ),
        )
        if created is not None:
            form = TokenForm()
    page = Paginator(selectors.tokens_of(user=request.user), 25).get_page(request.GET.get("seite"))
    context = {
        "form": form,
        "created": created,
        "page": page,
        "api_docs_url": reverse("api:openapi-view"),
    }
    response = render(request, "api/tokens.html", context)
    if created is not None:
        response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST revokes."""
    token = selectors.token_of(user=request.user, pk=pk)
    if request.method == "GET":
        return render(request, "api/revoke.html", {"token": token})
    return run_action(
        request,
        lambda: services.token_revoke(token=token, user=request.user),
        done=_("Der Schlüssel „%(name)s“ ist widerrufen.") % {"name": token.name},
        back=reverse("api-tokens:list"),
    )
