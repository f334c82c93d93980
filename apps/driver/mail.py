"""The driver's e-mails: urgent nudges at once, the others in a daily or weekly digest.

Every mail carries a signed one-click unsubscribe link (RFC 8058): the link works
without logging in, and the ``List-Unsubscribe`` headers let mail programs offer
the same with one button.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.driver.models import Nudge

UNSUBSCRIBE_SALT = "apps.driver.unsubscribe"
SUBJECT_PREFIX = "[WirWerk] "


def unsubscribe_token(user: User) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk})


def user_id_from_token(token: str) -> int | None:
    """The user a token was made for, or None when it was tampered with."""
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _context(user: User, nudges: Sequence[Nudge], now: datetime) -> dict[str, Any]:
    return {
        "user": user,
        "nudges": [
            {
                "message": nudge.message,
                "urgent": nudge.urgent,
                "since": nudge.created_at,
                "url": absolute(nudge.url or reverse("driver:nudges")),
            }
            for nudge in nudges
        ],
        "now": now,
        "nudges_url": absolute(reverse("driver:nudges")),
        "settings_url": absolute(reverse("driver:settings")),
        "unsubscribe_url": absolute(reverse("driver:unsubscribe", args=[unsubscribe_token(user)])),
        "site_name": settings.SITE_NAME,
    }


def _message(
    *, user: User, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {**context, "subject": subject}
    text = render_to_string(f"driver/mail/{template}.txt", context)
    html = render_to_string(f"driver/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def urgent_message(*, user: User, nudges: Sequence[Nudge], now: datetime) -> EmailMultiAlternatives:
    # Mails go out in German, WirWerk's language; the user has no language setting yet.
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(user, nudges, now)
        if len(nudges) == 1:
            subject = _("Dringend: %(message)s") % {"message": context["nudges"][0]["message"]}
        else:
            subject = ngettext(
                "%(count)d dringender Impuls", "%(count)d dringende Impulse", len(nudges)
            ) % {"count": len(nudges)}
        context["kind"] = "urgent"
        return _message(user=user, subject=subject, template="urgent", context=context)


def digest_message(
    *, user: User, nudges: Sequence[Nudge], now: datetime, weekly: bool
) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(user, nudges, now)
        day = formats.date_format(timezone.localdate(now), "DATE_FORMAT")
        if weekly:
            subject = _("Ihre Impulse der Woche vom %(date)s") % {"date": day}
        else:
            subject = _("Ihre Impulse vom %(date)s") % {"date": day}
        context["kind"] = "weekly" if weekly else "daily"
        return _message(user=user, subject=subject, template="digest", context=context)
