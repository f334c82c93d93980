from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from apps.accounts.models import User
from apps.network import selectors
from apps.network.models import Connection, ContactRequest, ContactRequestStatus
from apps.network.services import (
    DAILY_REQUEST_LIMIT,
    MIN_PURPOSE_LENGTH,
    block_user,
    contact_request_accept,
    contact_request_decline,
    contact_request_send,
    contact_request_withdraw,
)
from tests.factories import connect

pytestmark = pytest.mark.django_db

Purpose = Callable[[int], str]
BERLIN = ZoneInfo("Europe/Berlin")


def test_purpose_must_have_the_minimum_length_after_stripping(anna: User, ben: User) -> None:
    too_short = " " * 20 + "x" * (MIN_PURPOSE_LENGTH - 1) + " " * 20
    with pytest.raises(ValidationError) as error:
        contact_request_send(sender=anna, recipient=ben, purpose=too_short)
    assert "mindestens 40 Zeichen" in error.value.messages[0]
    assert not ContactRequest.objects.exists()


def test_purpose_of_exactly_the_minimum_length_is_accepted(anna: User, ben: User) -> None:
    request = contact_request_send(sender=anna, recipient=ben, purpose="x" * MIN_PURPOSE_LENGTH)
    assert request.status == ContactRequestStatus.PENDING
    assert request.purpose == "x" * MIN_PURPOSE_LENGTH


def test_nobody_can_send_a_request_to_themselves(anna: User, purpose: Purpose) -> None:
    with pytest.raises(ValidationError, match="nicht selbst"):
        contact_request_send(sender=anna, recipient=anna, purpose=purpose(1))


def test_the_database_refuses_a_request_to_oneself_too(anna: User) -> None:
    with pytest.raises(IntegrityError):
        ContactRequest.objects.create(sender=anna, recipient=anna, purpose="x" * 50)


def test_blocked_people_cannot_send_and_the_message_does_not_reveal_the_block(
    anna: User, ben: User, purpose: Purpose
) -> None:
    block_user(blocker=ben, blocked=anna)
    with pytest.raises(ValidationError) as error:
        contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    assert error.value.messages == ["Diese Person kann derzeit keine Anfragen empfangen."]
    # The blocker cannot write to the person they blocked either.
    with pytest.raises(ValidationError):
        contact_request_send(sender=ben, recipient=anna, purpose=purpose(2))


def test_connected_people_cannot_send_another_request(
    anna: User, ben: User, purpose: Purpose
) -> None:
    connect(anna, ben)
    with pytest.raises(ValidationError, match="bereits verbunden"):
        contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))


def test_a_second_pending_request_to_the_same_person_is_refused(
    anna: User, ben: User, purpose: Purpose
) -> None:
    contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    with pytest.raises(ValidationError, match="bereits eine Anfrage gesendet"):
        contact_request_send(sender=anna, recipient=ben, purpose=purpose(2))
    assert ContactRequest.objects.count() == 1


def test_the_database_allows_only_one_pending_request_per_pair(
    anna: User, ben: User, purpose: Purpose
) -> None:
    contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    with pytest.raises(IntegrityError):
        ContactRequest.objects.create(sender=anna, recipient=ben, purpose=purpose(2))


def test_answering_a_pending_request_the_other_way_is_suggested_instead(
    anna: User, ben: User, purpose: Purpose
) -> None:
    contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    with pytest.raises(ValidationError, match="Bitte nehmen Sie diese"):
        contact_request_send(sender=anna, recipient=ben, purpose=purpose(2))


def test_a_new_request_is_allowed_after_the_old_one_was_declined(
    anna: User, ben: User, purpose: Purpose
) -> None:
    first = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    contact_request_decline(request=first, user=ben)
    second = contact_request_send(sender=anna, recipient=ben, purpose=purpose(2))
    assert second.is_pending


def test_the_eleventh_request_within_24_hours_is_refused_and_allowed_a_day_later(
    anna: User, strangers: list[User], purpose: Purpose
) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    with time_machine.travel(start, tick=False) as traveller:
        for index, person in enumerate(strangers[:DAILY_REQUEST_LIMIT]):
            contact_request_send(sender=anna, recipient=person, purpose=purpose(index))
            traveller.shift(timedelta(minutes=30))
        with pytest.raises(ValidationError) as error:
            contact_request_send(sender=anna, recipient=strangers[10], purpose=purpose(10))
        assert "10 Anfragen" in error.value.messages[0]
        # The first request leaves the rolling window 24 hours after it was sent.
        traveller.move_to(start + timedelta(hours=24, seconds=1))
        contact_request_send(sender=anna, recipient=strangers[10], purpose=purpose(10))
    assert ContactRequest.objects.filter(sender=anna).count() == 11


def test_withdrawn_requests_still_count_toward_the_daily_limit(
    anna: User, strangers: list[User], purpose: Purpose
) -> None:
    # Otherwise sending and withdrawing would get round the limit.
    for index, person in enumerate(strangers[:DAILY_REQUEST_LIMIT]):
        request = contact_request_send(sender=anna, recipient=person, purpose=purpose(index))
        contact_request_withdraw(request=request, user=anna)
    assert selectors.requests_remaining_today(user=anna, limit=DAILY_REQUEST_LIMIT) == 0
    with pytest.raises(ValidationError):
        contact_request_send(sender=anna, recipient=strangers[10], purpose=purpose(10))


def test_the_same_text_to_several_people_is_refused_while_a_personal_text_passes(
    anna: User, strangers: list[User], purpose: Purpose
) -> None:
    text = (
        "Hallo {name}, ich sehe große Synergien zwischen unseren Angeboten. "
        "Lassen Sie uns vernetzen und gemeinsam wachsen!"
    )
    first, second, third, fourth = strangers[:4]
    contact_request_send(sender=anna, recipient=first, purpose=text.format(name=first.name))
    contact_request_send(sender=anna, recipient=second, purpose=text.format(name=second.name))
    with pytest.raises(ValidationError, match="persönlich"):
        contact_request_send(sender=anna, recipient=third, purpose=text.format(name=third.name))
    personal = contact_request_send(sender=anna, recipient=fourth, purpose=purpose(4))
    assert personal.is_pending


def test_near_duplicates_older_than_a_week_do_not_count(anna: User, strangers: list[User]) -> None:
    text = "Ich sehe große Synergien zwischen unseren Angeboten, lassen Sie uns vernetzen!"
    start = datetime(2026, 3, 2, 9, 0, tzinfo=BERLIN)
    with time_machine.travel(start, tick=False) as traveller:
        contact_request_send(sender=anna, recipient=strangers[0], purpose=text)
        contact_request_send(sender=anna, recipient=strangers[1], purpose=text)
        traveller.shift(timedelta(days=7, minutes=1))
        assert contact_request_send(sender=anna, recipient=strangers[2], purpose=text).is_pending


def test_accepting_creates_exactly_one_normalised_connection(
    anna: User, ben: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    connection = contact_request_accept(request=request, user=anna)
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.ACCEPTED
    assert request.responded_at is not None
    assert Connection.objects.count() == 1
    assert connection.user_low_id < connection.user_high_id
    assert connection.request == request
    assert selectors.are_connected(a=anna, b=ben)
    assert selectors.are_connected(a=ben, b=anna)
    assert selectors.connected_user_ids(user=anna) == {ben.pk}


def test_a_request_cannot_be_accepted_twice(anna: User, ben: User, purpose: Purpose) -> None:
    request = contact_request_send(sender=ben, recipient=anna, purpose=purpose(1))
    contact_request_accept(request=request, user=anna)
    with pytest.raises(ValidationError, match="nicht mehr offen"):
        contact_request_accept(request=request, user=anna)
    assert Connection.objects.count() == 1


def test_the_database_keeps_one_connection_per_pair_in_order(anna: User, ben: User) -> None:
    connect(anna, ben)
    low, high = sorted([anna.pk, ben.pk])
    with pytest.raises(IntegrityError):
        Connection.objects.create(user_low_id=high, user_high_id=low)


def test_only_the_recipient_may_accept_or_decline(
    anna: User, ben: User, carla: User, purpose: Purpose
) -> None:
    request = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    for user in (anna, carla):
        with pytest.raises(PermissionDenied):
            contact_request_accept(request=request, user=user)
        with pytest.raises(PermissionDenied):
            contact_request_decline(request=request, user=user)
    assert not Connection.objects.exists()


def test_only_the_sender_may_withdraw(anna: User, ben: User, carla: User, purpose: Purpose) -> None:
    request = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    for user in (ben, carla):
        with pytest.raises(PermissionDenied):
            contact_request_withdraw(request=request, user=user)
    contact_request_withdraw(request=request, user=anna)
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.WITHDRAWN


def test_declining_creates_no_connection(anna: User, ben: User, purpose: Purpose) -> None:
    request = contact_request_send(sender=anna, recipient=ben, purpose=purpose(1))
    contact_request_decline(request=request, user=ben)
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.DECLINED
    assert not Connection.objects.exists()
