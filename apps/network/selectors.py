"""Reads of the network: connections, requests, blocks and the asks board.

Selectors that take a user-supplied id raise ``Http404`` unless the user is a
party to the object, so a foreign id and a missing id look the same.
"""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Greatest, Least
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.network.models import (
    Ask,
    AskMatch,
    AskQuerySet,
    AskStatus,
    Block,
    Connection,
    ConnectionQuerySet,
    ContactRequest,
    ContactRequestQuerySet,
    ContactRequestStatus,
)
from apps.profiles.models import Visibility

REQUEST_WINDOW = timedelta(hours=24)


# Connections ------------------------------------------------------------------


def connections_for(*, user: User) -> ConnectionQuerySet:
    """The user's connections, newest first, with both people and their profiles."""
    return (
        Connection.objects.involving(user)
        .select_related("user_low__profile", "user_high__profile")
        .order_by("-created_at", "-pk")
    )


def are_connected(*, a: User, b: User) -> bool:
    return Connection.objects.between(a, b).exists()


def connected_user_ids(*, user: User) -> set[int]:
    pairs = Connection.objects.involving(user).values_list("user_low_id", "user_high_id")
    return {pk for pair in pairs for pk in pair if pk != user.pk}


def connection_for(*, user: User, other_id: int) -> Connection:
    connection = (
        Connection.objects.filter(
            Q(user_low=user, user_high_id=other_id) | Q(user_low_id=other_id, user_high=user)
        )
        .select_related("user_low", "user_high")
        .first()
    )
    if connection is None:
        raise Http404
    return connection


# Contact requests -------------------------------------------------------------


def incoming_requests(*, user: User) -> ContactRequestQuerySet:
    return (
        ContactRequest.objects.pending()
        .filter(recipient=user)
        .select_related("sender__profile")
        .order_by("-created_at", "-pk")
    )


def outgoing_requests(*, user: User) -> ContactRequestQuerySet:
    return (
        ContactRequest.objects.pending()
        .filter(sender=user)
        .select_related("recipient__profile")
        .order_by("-created_at", "-pk")
    )


def requests_accepted_since(*, since: datetime) -> ContactRequestQuerySet:
    """Contact requests accepted since ``since`` whose pair is still connected (for
    telling the sender); one query, the recipient loaded along."""
    still_connected = Connection.objects.filter(
        user_low_id=Least(OuterRef("sender_id"), OuterRef("recipient_id")),
        user_high_id=Greatest(OuterRef("sender_id"), OuterRef("recipient_id")),
    )
    return (
        ContactRequest.objects.filter(status=ContactRequestStatus.ACCEPTED, responded_at__gte=since)
        .filter(Exists(still_connected))
        .select_related("recipient")
        .order_by("pk")
    )


def request_for_recipient(*, user: User, pk: int) -> ContactRequest:
    request = (
        ContactRequest.objects.filter(pk=pk, recipient=user)
        .select_related("sender__profile", "recipient")
        .first()
    )
    if request is None:
        raise Http404
    return request


def request_for_sender(*, user: User, pk: int) -> ContactRequest:
    request = (
        ContactRequest.objects.filter(pk=pk, sender=user)
        .select_related("recipient__profile", "sender")
        .first()
    )
    if request is None:
        raise Http404
    return request


def requests_sent_since(*, user: User, since: datetime) -> ContactRequestQuerySet:
    """Every request the user sent since ``since``, whatever became of it."""
    return ContactRequest.objects.filter(sender=user, created_at__gte=since)


def requests_remaining_today(*, user: User, limit: int) -> int:
    sent = requests_sent_since(user=user, since=timezone.now() - REQUEST_WINDOW).count()
    return max(limit - sent, 0)


def contactable_user(*, pk: int) -> User:
    """A person one may write to: an active account with a profile that is not hidden."""
    user = (
        User.objects.filter(pk=pk, is_active=True, profile__isnull=False)
        .exclude(profile__visibility=Visibility.HIDDEN)
        .select_related("profile")
        .first()
    )
    if user is None:
        raise Http404
    return user


# Blocks -----------------------------------------------------------------------


def blocked_user_ids(*, user: User) -> set[int]:
    """Everyone the user blocked or was blocked by: both directions hide each other."""
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {pk for pair in pairs for pk in pair if pk != user.pk}


def is_blocked_between(*, a: User, b: User) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def blocks_by(*, user: User) -> list[Block]:
    return list(Block.objects.filter(blocker=user).select_related("blocked__profile"))


def block_by(*, user: User, blocked_id: int) -> Block:
    block = Block.objects.filter(blocker=user, blocked_id=blocked_id).select_related("blocked")
    found = block.first()
    if found is None:
        raise Http404
    return found


def blockable_user(*, user: User, pk: int) -> User:
    """A person the user may block: anyone visible to them or in contact with them.

    Hidden profiles without any contact stay 404, so blocking cannot probe for accounts.
    """
    if pk == user.pk:
        raise Http404
    other = User.objects.filter(pk=pk, is_active=True).select_related("profile").first()
    if other is None:
        raise Http404
    visible = hasattr(other, "profile") and other.profile.visibility != Visibility.HIDDEN
    if not (
        visible
        or ContactRequest.objects.between(user, other).exists()
        or Connection.objects.between(user, other).exists()
    ):
        raise Http404
    return other


# Asks -------------------------------------------------------------------------


def open_asks(
    *,
    exclude_author: User | None = None,
    viewer: User | None = None,
    text: str = "",
    city: str = "",
) -> AskQuerySet:
    """Open asks, newest first; ``viewer`` hides asks of people blocked either way."""
    asks = Ask.objects.open().select_related("author__profile").order_by("-created_at", "-pk")
    if exclude_author is not None:
        asks = asks.exclude(author=exclude_author)
    if viewer is not None:
        # Subqueries keep the page at a fixed number of queries.
        asks = asks.exclude(
            author__in=Block.objects.filter(blocker=viewer).values("blocked")
        ).exclude(author__in=Block.objects.filter(blocked=viewer).values("blocker"))
    if text.strip():
        asks = asks.filter(search_text__contains=text.strip().casefold())
    if city.strip():
        asks = asks.filter(city__iexact=city.strip())
    return asks


def ask_for_viewer(*, user: User, pk: int) -> Ask:
    """Open asks are visible to every member not blocked either way; closed ones to the author."""
    ask = Ask.objects.filter(pk=pk).select_related("author__profile").first()
    if ask is None:
        raise Http404
    if ask.author_id == user.pk:
        return ask
    if ask.status != AskStatus.OPEN or is_blocked_between(a=user, b=ask.author):
        raise Http404
    return ask


def ask_for_author(*, user: User, pk: int) -> Ask:
    ask = Ask.objects.filter(pk=pk, author=user).first()
    if ask is None:
        raise Http404
    return ask


def asks_fitting_user(*, user: User, limit: int = 5) -> list[AskMatch]:
    """Open asks whose needs the user's profile answers, best fit first."""
    blocked = blocked_user_ids(user=user)
    matches = (
        AskMatch.objects.filter(user=user, ask__status=AskStatus.OPEN)
        .exclude(ask__author_id__in=blocked)
        .select_related("ask", "ask__author")
        .order_by("-score")
    )
    return list(matches[:limit])


def ask_matches_for_author(*, ask: Ask, limit: int = 10) -> list[AskMatch]:
    """The people who fit the ask, shown to its author."""
    return list(ask.matches.select_related("user", "user__profile").order_by("-score")[:limit])
