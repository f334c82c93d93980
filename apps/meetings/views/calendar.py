"""The personal calendar feed: its settings page, a new address, revoking it, and
the feed itself (no login: the secret address is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.base.http import AuthedRequest
from apps.meetings import feed_sources, ical, selectors, services


@login_required
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    feed = selectors.active_feed(user=request.user)
    url = ""
    if feed is not None:
        url = request.build_absolute_uri(reverse("meetings:calendar-feed", args=[feed.token]))
    return render(request, "meetings/calendar.html", {"feed": feed, "feed_url": url})


@login_required
@require_POST
def calendar_create(request: AuthedRequest) -> HttpResponse:
    services.calendar_feed_create(user=request.user)
    messages.success(request, _("Ihre Kalenderadresse ist bereit. Die bisherige gilt nicht mehr."))
    return redirect("meetings:calendar")


@login_required
def calendar_revoke(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        services.calendar_feed_revoke(user=request.user)
        messages.success(request, _("Die Kalenderadresse ist widerrufen."))
        return redirect("meetings:calendar")
    return render(request, "meetings/calendar_revoke.html")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed: no login, the secret address is the key; 404 when revoked."""
    feed = selectors.feed_for_token(token=token)
    meetings = selectors.feed_meetings(user=feed.user)
    body = ical.calendar_bytes(
        meetings,
        name=_("WirWerk – Besprechungen"),
        feed=True,
        extra=feed_sources.feed_events(user=feed.user),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
