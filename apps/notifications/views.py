from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from apps.base.http import AuthedRequest
from apps.notifications import selectors, services
from apps.notifications.forms import NotificationSettingsForm
from apps.notifications.mail import LinkExpired, overview_path


@login_required
def notification_settings(request: AuthedRequest) -> HttpResponse:
    current = selectors.notification_settings_for(user=request.user)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(
            user=request.user,
            urgent_immediately=form.cleaned_data["urgent_immediately"],
            digest=form.cleaned_data["digest"],
        )
        messages.success(request, _("Ihre E-Mail-Einstellungen sind gespeichert."))
        return redirect("notifications:settings")
    context = {"form": form, "overview_url": overview_path()}
    return render(request, "notifications/settings.html", context)


@csrf_exempt  # mail programs POST here without a session (RFC 8058 one-click)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Signed link from every mail: GET asks to confirm, POST turns all notice mail off."""
    try:
        user = selectors.user_for_unsubscribe(token=token)
    except LinkExpired:
        return render(request, "notifications/unsubscribe.html", {"expired": True}, status=410)
    # The page names no address: whoever holds the link (a forwarded mail) learns nothing.
    if request.method == "POST":
        services.notification_settings_unsubscribe(user=user)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    return render(request, "notifications/unsubscribe.html", {"done": False})
