"""Notice e-mails: urgent notices at once, the others in a daily or weekly digest.

The app knows nothing of what a notice is about: the sender (the driver) hands
over ready-made :class:`Notice` items, and the list page they link to is named
by ``settings.NOTIFICATIONS["overview"]``. Every mail carries a signed one-click
unsubscribe link (RFC 8058): the link works without logging in, and the
``List-Unsubscribe`` headers let mail programs offer the same with one button.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
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

# The salt the driver signed its links with: links in mails already sent keep working.
UNSUBSCRIBE_SALT = "apps.driver.unsubscribe"
SUBJECT_PREFIX = "[WirWerk] "


@dataclass(frozen=True)
class Notice:
    """One item of a mail: its text (in the active language), where to act, since when."""

    text: str
    urgent: bool
    since: datetime
    url: str = ""  # a path on this site; empty: the overview page


def overview_path() -> str:
    """The page listing every notice (``settings.NOTIFICATIONS["overview"]``, a URL name)."""
    return reverse(str(settings.NOTIFICATIONS["overview"]))


# An unsubscribe link works this long after its mail was sent; a forwarded or leaked
# old mail cannot turn someone's notices off for ever after.
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)


class LinkExpired(Exception):
    """The unsubscribe link is genuine but older than UNSUBSCRIBE_MAX_AGE."""


def unsubscribe_token(user: User) -> str:
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk})


def user_id_from_token(token: str) -> int | None:
    """The user a token was made for, or None when it was tampered with (also the
    untimed links of before); ``LinkExpired`` when it is too old."""
    try:
        data = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign_object(
            token, max_age=UNSUBSCRIBE_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _context(user: User, notices: Sequence[Notice], now: datetime) -> dict[str, Any]:
    overview = overview_path()
    return {
        "user": user,
        "notices": [
            {
                "text": notice.text,
                "urgent": notice.urgent,
                "since": notice.since,
                "url": absolute(notice.url or overview),
            }
            for notice in notices
        ],
        "now": now,
        "overview_url": absolute(overview),
        "settings_url": absolute(reverse("notifications:settings")),
        "unsubscribe_url": absolute(
            reverse("notifications:unsubscribe", args=[unsubscribe_token(user)])
        ),
        "site_name": settings.SITE_NAME,
    }


def _message(
    *, user: User, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    context = {**context, "subject": subject}
    text = render_to_string(f"notifications/mail/{template}.txt", context)
    html = render_to_string(f"notifications/mail/{template}.html", context)
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


def urgent_message(
    *, user: User, notices: Sequence[Notice], now: datetime
) -> EmailMultiAlternatives:
    # Mails go out in German, WirWerk's language; the user has no language setting yet.
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(user, notices, now)
        if len(notices) == 1:
            subject = _("Dringend: %(message)s") % {"message": context["notices"][0]["text"]}
        else:
            subject = ngettext(
                "%(count)d dringender Impuls", "%(count)d dringende Impulse", len(notices)
            ) % {"count": len(notices)}
        context["kind"] = "urgent"
        return _message(user=user, subject=subject, template="urgent", context=context)


def digest_message(
    *, user: User, notices: Sequence[Notice], now: datetime, weekly: bool
) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(user, notices, now)
        day = formats.date_format(timezone.localdate(now), "DATE_FORMAT")
        if weekly:
            subject = _("Ihre Impulse der Woche vom %(date)s") % {"date": day}
        else:
            subject = _("Ihre Impulse vom %(date)s") % {"date": day}
        context["kind"] = "weekly" if weekly else "daily"
        return _message(user=user, subject=subject, template="digest", context=context)
