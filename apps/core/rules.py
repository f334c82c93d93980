"""The driver's rules about the network (found by the driver's autodiscovery; the
network sits below the driver, so its rule lives here at the top).

* ``contact_accepted``: when someone accepts a contact request, the person who sent it
  is told, with the way to start a cooperation together. The nudge stays for
  ``CONTACT_ACCEPTED_DAYS`` days (or until done/dismissed); a pair no longer
  connected is not nudged.
* ``invitation_waiting``: an invitation to a cooperation waits for a person with an
  account (a connection, or an e-mail invitation to their address): a nudge until they
  accept or decline, and an urgent one ``INVITATION_URGENT_DAYS`` before it expires,
  so that it does not run out unnoticed. (The invitation itself is mailed at once.)
* ``join_request_waiting``: someone asked to join through an e-mail invitation under
  another address; the inviter is nudged until they confirm or decline (the request
  itself is mailed at once).
"""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from apps.cooperations.models import Invitation
from apps.driver.rules import DriverRun, NudgeSpec, driver_rule, format_date
from apps.network.selectors import requests_accepted_since

CONTACT_ACCEPTED_DAYS = 14
INVITATION_URGENT_DAYS = 3


def _describe_accepted(params: Mapping[str, Any]) -> str:
    return gettext(
        "%(name)s hat Ihre Kontaktanfrage angenommen. Sie sind jetzt verbunden – "
        "Kooperation starten?"
    ) % {"name": params["name"]}


@driver_rule("contact_accepted", message=_describe_accepted)
def contact_accepted(run: DriverRun) -> Iterable[NudgeSpec]:
    since = run.now - timedelta(days=CONTACT_ACCEPTED_DAYS)
    for request in requests_accepted_since(since=since):
        start = reverse("cooperations:new") + "?" + urlencode({"mit": request.recipient_id})
        yield NudgeSpec(
            user_id=request.sender_id,
            subject=f"contact:{request.pk}",
            params={"name": str(request.recipient)},
            url=start,
        )


def _describe_invitation(params: Mapping[str, Any]) -> str:
    return gettext(
        "%(name)s lädt Sie zur Kooperation „%(title)s“ ein. Die Einladung gilt bis %(date)s."
    ) % {"name": params["name"], "title": params["title"], "date": format_date(params["until"])}


@driver_rule("invitation_waiting", message=_describe_invitation)
def invitation_waiting(run: DriverRun) -> Iterable[NudgeSpec]:
    urgent_from = run.now + timedelta(days=INVITATION_URGENT_DAYS)
    invitations = (
        Invitation.objects.open()
        .filter(invitee__isnull=False, invitee__is_active=True)
        .select_related("cooperation", "invited_by")
        .only(
            "pk",
            "invitee_id",
            "expires_at",
            "cooperation__title",
            "invited_by__name",
            "invited_by__email",
        )
    )
    for invitation in invitations:
        assert invitation.invitee_id is not None
        urgent = invitation.expires_at <= urgent_from
        yield NudgeSpec(
            user_id=invitation.invitee_id,
            subject=f"invitation:{invitation.pk}",
            period="expiring" if urgent else "",
            params={
                "name": str(invitation.invited_by),
                "title": invitation.cooperation.title,
                "until": invitation.expires_at.isoformat(),
            },
            url=reverse("cooperations:list") + "#invitations-title",
            urgent=urgent,
            cooperation_id=invitation.cooperation_id,
        )


def _describe_join_request(params: Mapping[str, Any]) -> str:
    return gettext(
        "%(name)s möchte über Ihre Einladung an %(address)s „%(title)s“ beitreten. "
        "Bestätigen Sie oder lehnen Sie ab."
    ) % {"name": params["name"], "address": params["address"], "title": params["title"]}


@driver_rule("join_request_waiting", message=_describe_join_request)
def join_request_waiting(run: DriverRun) -> Iterable[NudgeSpec]:
    requests = (
        Invitation.objects.open()
        .filter(join_requested_by__isnull=False, join_request_declined_at__isnull=True)
        .select_related("cooperation", "join_requested_by")
        .only(
            "pk",
            "invited_by_id",
            "email",
            "cooperation__title",
            "join_requested_by__name",
            "join_requested_by__email",
        )
    )
    for invitation in requests:
        yield NudgeSpec(
            user_id=invitation.invited_by_id,
            subject=f"join-request:{invitation.pk}",
            params={
                "name": str(invitation.join_requested_by),
                "address": invitation.email,
                "title": invitation.cooperation.title,
            },
            url=reverse("cooperations:detail", args=[invitation.cooperation_id]),
            cooperation_id=invitation.cooperation_id,
        )
