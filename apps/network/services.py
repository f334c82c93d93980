"""Every write of the network: contact requests, connections, blocks and asks."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.matching import selectors as matching
from apps.matching.engine import Filters
from apps.network import selectors
from apps.network.models import (
    Ask,
    AskFormat,
    AskMatch,
    AskStatus,
    Block,
    Connection,
    ContactRequest,
    ContactRequestStatus,
)
from apps.network.similarity import is_near_duplicate

MIN_PURPOSE_LENGTH = 40
MAX_PURPOSE_LENGTH = 2000
DAILY_REQUEST_LIMIT = 10
# A purpose near-identical to this many recent ones is a mass mailing, not a request.
NEAR_DUPLICATE_LIMIT = 2
NEAR_DUPLICATE_WINDOW = timedelta(days=7)
MAX_ASK_COMPETENCES = 10


# Contact requests -------------------------------------------------------------


def contact_request_send(*, sender: User, recipient: User, purpose: str) -> ContactRequest:
    """Send a contact request with a concrete, personal purpose.

    Refused: to oneself; a purpose shorter than ``MIN_PURPOSE_LENGTH``; when either
    side blocked the other (without saying so); when already connected or a request
    is pending in either direction; more than ``DAILY_REQUEST_LIMIT`` requests in a
    rolling 24 hours; a purpose near-identical to ``NEAR_DUPLICATE_LIMIT`` requests
    the sender wrote in the last 7 days.
    """
    purpose = purpose.strip()
    if sender.pk == recipient.pk:
        raise ValidationError(_("Sie können sich nicht selbst eine Anfrage senden."))
    if len(purpose) < MIN_PURPOSE_LENGTH:
        raise ValidationError(
            _(
                "Bitte beschreiben Sie in mindestens %(min)d Zeichen, worum es konkret geht "
                "(bisher %(count)d)."
            )
            % {"min": MIN_PURPOSE_LENGTH, "count": len(purpose)},
            code="purpose_too_short",
        )
    with transaction.atomic():
        # Lock the sender's row so two parallel requests cannot both pass the limits.
        User.objects.select_for_update().filter(pk=sender.pk).exists()
        if selectors.is_blocked_between(a=sender, b=recipient):
            raise ValidationError(
                _("Diese Person kann derzeit keine Anfragen empfangen."), code="unavailable"
            )
        if selectors.are_connected(a=sender, b=recipient):
            raise ValidationError(_("Sie sind mit dieser Person bereits verbunden."))
        pending = ContactRequest.objects.pending()
        if pending.filter(sender=recipient, recipient=sender).exists():
            raise ValidationError(
                _(
                    "Diese Person hat Ihnen bereits eine Anfrage gesendet. "
                    "Bitte nehmen Sie diese unter „Netzwerk“ an."
                ),
                code="reverse_pending",
            )
        if pending.filter(sender=sender, recipient=recipient).exists():
            raise ValidationError(
                _("Sie haben dieser Person bereits eine Anfrage gesendet. Sie ist noch offen."),
                code="pending",
            )
        now = timezone.now()
        _check_daily_limit(sender=sender, now=now)
        _check_personal(sender=sender, purpose=purpose, now=now)
        contact_request = ContactRequest(sender=sender, recipient=recipient, purpose=purpose)
        contact_request.full_clean()
        contact_request.save()
    return contact_request


def _check_daily_limit(*, sender: User, now: datetime) -> None:
    window_start = now - selectors.REQUEST_WINDOW
    sent = list(
        selectors.requests_sent_since(user=sender, since=window_start)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:DAILY_REQUEST_LIMIT]
    )
    if len(sent) < DAILY_REQUEST_LIMIT:
        return
    again_at = timezone.localtime(sent[0] + selectors.REQUEST_WINDOW)
    raise ValidationError(
        ngettext(
            "Sie haben in den letzten 24 Stunden bereits %(limit)d Anfrage gesendet. "
            "Ab %(time)s können Sie wieder eine senden.",
            "Sie haben in den letzten 24 Stunden bereits %(limit)d Anfragen gesendet. "
            "Ab %(time)s können Sie wieder eine senden.",
            DAILY_REQUEST_LIMIT,
        )
        % {"limit": DAILY_REQUEST_LIMIT, "time": formats.date_format(again_at, "DATETIME_FORMAT")},
        code="daily_limit",
    )


def _check_personal(*, sender: User, purpose: str, now: datetime) -> None:
    recent = selectors.requests_sent_since(
        user=sender, since=now - NEAR_DUPLICATE_WINDOW
    ).values_list("purpose", flat=True)
    similar = 0
    for earlier in recent:
        if is_near_duplicate(purpose, earlier):
            similar += 1
            if similar >= NEAR_DUPLICATE_LIMIT:
                raise ValidationError(
                    _(
                        "Bitte schreiben Sie jede Anfrage persönlich: Dieser Text gleicht fast "
                        "wörtlich Anfragen, die Sie in den letzten Tagen an andere gesendet "
                        "haben. Sagen Sie, warum gerade diese Person zu Ihrem Vorhaben passt."
                    ),
                    code="near_duplicate",
                )


def _locked_request(contact_request: ContactRequest) -> ContactRequest:
    locked = ContactRequest.objects.select_for_update().get(pk=contact_request.pk)
    if locked.status != ContactRequestStatus.PENDING:
        raise ValidationError(
            _("Diese Anfrage ist nicht mehr offen (%(status)s).")
            % {"status": locked.get_status_display()},
            code="not_pending",
        )
    return locked


def _respond(contact_request: ContactRequest, locked: ContactRequest, status: str) -> None:
    locked.status = status
    locked.responded_at = timezone.now()
    locked.save(update_fields=["status", "responded_at", "updated_at"])
    contact_request.status = locked.status
    contact_request.responded_at = locked.responded_at


def contact_request_accept(*, request: ContactRequest, user: User) -> Connection:
    """Only the recipient accepts; accepting creates the pair's single connection."""
    if request.recipient_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked_request(request)
        _respond(request, locked, ContactRequestStatus.ACCEPTED)
        low, high = Connection.ordered_ids(locked.sender_id, locked.recipient_id)
        connection, _created = Connection.objects.get_or_create(
            user_low_id=low, user_high_id=high, defaults={"request": locked}
        )
    return connection


def contact_request_decline(*, request: ContactRequest, user: User) -> ContactRequest:
    """Only the recipient declines; the sender sees the request as declined."""
    if request.recipient_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        _respond(request, _locked_request(request), ContactRequestStatus.DECLINED)
    return request


def contact_request_withdraw(*, request: ContactRequest, user: User) -> ContactRequest:
    """Only the sender withdraws a request that is still open."""
    if request.sender_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        _respond(request, _locked_request(request), ContactRequestStatus.WITHDRAWN)
    return request


# Connections and blocks -------------------------------------------------------


def connection_remove(*, user: User, other: User) -> None:
    """Either person of a pair may end the connection; nothing else changes."""
    with transaction.atomic():
        deleted, _rows = Connection.objects.between(user, other).delete()
    if not deleted:
        raise ValidationError(_("Sie sind mit dieser Person nicht verbunden."))


def block_user(*, blocker: User, blocked: User) -> Block:
    """Block a person: removes the connection and closes open requests between the two.

    Requests to the blocker are declined, the blocker's own are withdrawn. The blocked
    person is not told; to them the blocker simply cannot receive requests.
    """
    if blocker.pk == blocked.pk:
        raise ValidationError(_("Sie können sich nicht selbst blockieren."))
    with transaction.atomic():
        block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        now = timezone.now()
        pending = ContactRequest.objects.pending()
        pending.filter(sender=blocked, recipient=blocker).update(
            status=ContactRequestStatus.DECLINED, responded_at=now, updated_at=now
        )
        pending.filter(sender=blocker, recipient=blocked).update(
            status=ContactRequestStatus.WITHDRAWN, responded_at=now, updated_at=now
        )
        Connection.objects.between(blocker, blocked).delete()
    return block


def unblock_user(*, blocker: User, blocked: User) -> None:
    """Lift a block; an earlier connection does not come back."""
    with transaction.atomic():
        Block.objects.filter(blocker=blocker, blocked=blocked).delete()


# Asks -------------------------------------------------------------------------


def _clean_competences(competences: list[str]) -> list[str]:
    cleaned: list[str] = []
    seen: set[str] = set()
    for competence in competences:
        competence = " ".join(competence.split())
        if competence and competence.casefold() not in seen:
            seen.add(competence.casefold())
            cleaned.append(competence)
    if len(cleaned) > MAX_ASK_COMPETENCES:
        raise ValidationError(
            {
                "competences": _("Bitte nennen Sie höchstens %(max)d Kompetenzen.")
                % {"max": MAX_ASK_COMPETENCES}
            }
        )
    return cleaned


def ask_create(
    *,
    author: User,
    title: str,
    description: str,
    competences: list[str] | None = None,
    city: str = "",
    format: str = AskFormat.ANY,
    needed_by: date | None = None,
) -> Ask:
    """Post an ask on the board; a deadline must not lie in the past."""
    if needed_by is not None and needed_by < timezone.localdate():
        raise ValidationError(
            {"needed_by": _("Das Datum liegt in der Vergangenheit.")}, code="past"
        )
    cleaned = _clean_competences(competences or [])
    ask = Ask(
        author=author,
        title=title.strip(),
        description=description.strip(),
        competences=cleaned,
        city=city.strip(),
        format=format,
        needed_by=needed_by,
        search_text=Ask.build_search_text(title.strip(), cleaned),
    )
    with transaction.atomic():
        ask.full_clean()
        ask.save()
        ask_schedule_matching(ask_id=ask.pk)
    return ask


def ask_close(*, ask: Ask, user: User) -> Ask:
    """Only the author closes an ask; closing twice changes nothing."""
    if ask.author_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        if ask.status != AskStatus.CLOSED:
            ask.status = AskStatus.CLOSED
            ask.save(update_fields=["status", "updated_at"])
            ask.matches.all().delete()
    return ask


ASK_MATCHES = 20
ASK_RADIUS_KM = 75.0


@transaction.atomic
def ask_match_people(*, ask_id: int) -> None:
    """Find the people whose profile answers an open ask and keep them with the ask.

    The matching engine ranks (without anyone blocked in either direction); the
    network keeps the ranking. A closed ask keeps no matches.
    """
    ask = Ask.objects.select_related("author").filter(pk=ask_id).first()
    if ask is None:
        return
    AskMatch.objects.filter(ask=ask).delete()
    if ask.status != AskStatus.OPEN:
        return
    text = " ".join([ask.title, ask.description, *ask.competences])
    on_site = ask.city and ask.format == AskFormat.PRAESENZ
    filters = Filters(city=ask.city, radius_km=ASK_RADIUS_KM) if on_site else None
    found = matching.people_for_text(user=ask.author, text=text, k=ASK_MATCHES, filters=filters)
    AskMatch.objects.bulk_create(
        AskMatch(ask=ask, user_id=user_id, score=score, reason=reason[:300])
        for user_id, score, reason in found
    )


def ask_schedule_matching(*, ask_id: int) -> None:
    """Match the ask once the surrounding transaction has committed."""
    from apps.network.tasks import match_ask

    transaction.on_commit(lambda: match_ask.enqueue(ask_id))
