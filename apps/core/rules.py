"""The driver's rules about the network (found by the driver's autodiscovery; the
network sits below the driver, so its rule lives here at the top).

* ``contact_accepted``: when someone accepts a contact request, the person who sent it
  is told, with the way to start a cooperation together. The nudge stays for
  ``CONTACT_ACCEPTED_DAYS`` days (or until done/dismissed); a pair no longer
  connected is not nudged.
"""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from apps.driver.rules import DriverRun, NudgeSpec, driver_rule
from apps.network.selectors import requests_accepted_since

CONTACT_ACCEPTED_DAYS = 14


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
