"""Nudges by e-mail: urgent ones at once, the others in the digest.

The driver decides which nudges go out and marks each as mailed once
(``emailed_at``); ``apps.notifications`` knows the person's preferences, builds
the mail from ready-made notices and sends it. A mail that fails is released, so
its nudges go out next time.
"""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from apps.accounts.models import User
from apps.driver import bulk
from apps.driver.models import Nudge, NudgeQuerySet
from apps.notifications import mail, selectors, services


def _claim(nudges: NudgeQuerySet, *, now: datetime) -> list[Nudge]:
    """Mark the nudges as mailed before sending, so two senders never mail one twice."""
    with transaction.atomic():
        claimed = list(
            nudges.filter(emailed_at__isnull=True)
            .select_for_update(of=("self",))
            .select_related("user")
            .order_by("user_id", "-urgent", "created_at", "pk")
        )
        if claimed:
            ids = [nudge.pk for nudge in claimed]
            Nudge.objects.filter(pk__in=bulk.ids_in(ids)).update(emailed_at=now)
    return claimed


def _release(ids: list[int], *, now: datetime) -> None:
    Nudge.objects.filter(pk__in=bulk.ids_in(ids), emailed_at=now).update(emailed_at=None)


def notices(nudges: list[Nudge]) -> list[mail.Notice]:
    """The nudges as notices, their texts in WirWerk's language (mails go out in German)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            mail.Notice(text=n.message, urgent=n.urgent, since=n.created_at, url=n.url)
            for n in nudges
        ]


Build = Callable[[User, list[mail.Notice]], EmailMessage]


def _send_per_user(claimed: list[Nudge], *, now: datetime, build: Build) -> list[int]:
    """One mail per person; the nudges of a mail that did not go out are released."""
    by_user: dict[int, list[Nudge]] = {}
    for nudge in claimed:
        by_user.setdefault(nudge.user_id, []).append(nudge)
    messages = {
        user_id: build(nudges[0].user, notices(nudges)) for user_id, nudges in by_user.items()
    }
    sent = services.mails_send(messages)
    unsent = [n.pk for user_id, ns in by_user.items() if user_id not in sent for n in ns]
    if unsent:
        _release(unsent, now=now)
    return sent


def nudges_mail_urgent(*, now: datetime | None = None) -> int:
    """Mail open urgent nudges at once, one mail per person, each nudge once only.

    Skipped for people who turned urgent mails off (their urgent nudges go into the
    digest) and for inactive accounts. Returns the number of mails sent.
    """
    now = now or timezone.now()
    nudges = (
        Nudge.objects.visible(timezone.localdate(now))
        .filter(urgent=True, user__is_active=True)
        .exclude(user_id__in=selectors.urgent_mail_refused())
    )
    claimed = _claim(nudges, now=now)
    if not claimed:
        return 0
    sent = _send_per_user(
        claimed,
        now=now,
        build=lambda user, items: mail.urgent_message(user=user, notices=items, now=now),
    )
    return len(sent)


def digests_send(*, now: datetime | None = None) -> int:
    """Send the due digests: every open nudge not mailed yet, once, in one mail per person.

    When a person's digest is due is the notifications' business (daily or weekly,
    after the digest hour, once per slot), so the dispatcher may run as often as it
    likes. Returns the number of mails sent.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    pending = Nudge.objects.visible(today).filter(emailed_at__isnull=True, user__is_active=True)
    waiting = pending.order_by().values_list("user_id", flat=True).distinct()
    due = services.digests_due(list(waiting), now=now)
    if not due:
        return 0
    claimed = _claim(pending.filter(user_id__in=bulk.ids_in(list(due))), now=now)
    sent = _send_per_user(
        claimed,
        now=now,
        build=lambda user, items: mail.digest_message(
            user=user, notices=items, now=now, weekly=due[user.pk]
        ),
    )
    services.digests_sent(sent, now=now)
    return len(sent)
