"""The person's data rights: "Meine Daten" (the export as a ZIP) and "Konto löschen"."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.accounts.forms import AccountDeleteForm
from apps.accounts.services import account_delete
from apps.base.data_export import sections, user_data_zip
from apps.base.http import AuthedRequest


@login_required
@require_GET
def my_data(request: AuthedRequest) -> HttpResponse:
    return render(request, "core/my_data.html", {"section_keys": sections.names()})


@login_required
@require_GET
def my_data_download(request: AuthedRequest) -> HttpResponse:
    response = HttpResponse(user_data_zip(request.user), content_type="application/zip")
    name = f"wirwerk-meine-daten-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete_view(request: AuthedRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error)
        else:
            logout(request)
            messages.success(
                request, _("Ihr Konto ist gelöscht. Danke, dass Sie WirWerk genutzt haben.")
            )
            return redirect("account_login")
    return render(request, "core/account_delete.html", {"form": form})
