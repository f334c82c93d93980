"""Giving referrals, every status transition and who may make it, thanks and sharing."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.network.services import block_user
from apps.referrals import services
from apps.referrals.models import Referral, ReferralAction, ReferralEvent, ReferralStatus
from apps.referrals.services import (
    TRANSITIONS,
    available_actions,
    contains_contact_data,
    referral_accept,
    referral_decline,
    referral_erase_client_data,
    referral_mark_contacted,
    referral_mark_lost,
    referral_mark_won,
    referral_share_value,
    referral_thank,
    referral_withdraw,
)
from apps.referrals.tests.conftest import consent_of, offer, referral_in
from tests.factories import connect

pytestmark = pytest.mark.django_db

S = ReferralStatus


def _history(referral: Referral) -> list[tuple[str, str, str, int | None]]:
    return list(
        ReferralEvent.objects.filter(referral=referral)
        .order_by("pk")
        .values_list("action", "from_status", "to_status", "actor_id")
    )


# Giving -------------------------------------------------------------------------------


def test_a_referral_to_a_connection_is_offered_and_the_history_records_it(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    assert referral.status == S.OFFERED
    assert referral.expected_value == Decimal("2400.00")
    assert not referral.has_contact_data
    assert _history(referral) == [("offered", "", "offered", anna.pk)]


def test_a_referral_to_someone_outside_the_network_is_refused(anna: User, carla: User) -> None:
    with pytest.raises(ValidationError) as error:
        offer(anna, carla)
    assert "nur an Personen aus Ihrem Netzwerk" in str(error.value)
    assert not Referral.objects.exists()


def test_a_block_ends_the_connection_and_with_it_new_referrals(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    block_user(blocker=ben, blocked=anna)
    with pytest.raises(ValidationError):
        offer(anna, ben)


def test_a_referral_to_oneself_is_refused(anna: User) -> None:
    with pytest.raises(ValidationError, match="nicht selbst"):
        offer(anna, anna)


@pytest.mark.parametrize(
    "contact",
    [
        {"client_name": "Doris Demir"},
        {"client_email": "doris@example.org"},
        {"client_phone": "0221 1234567"},
    ],
)
def test_the_service_refuses_any_contact_data_without_consent(
    partners: tuple[User, User], contact: dict[str, str]
) -> None:
    anna, ben = partners
    with pytest.raises(ValidationError) as error:
        offer(anna, ben, **contact)
    assert error.value.code == "consent_missing"
    assert not Referral.objects.exists()


@pytest.mark.parametrize("missing", ["given_by", "text"])
def test_an_incomplete_consent_is_no_consent(partners: tuple[User, User], missing: str) -> None:
    anna, ben = partners
    consent = replace(consent_of(anna), **{missing: "  "})
    with pytest.raises(ValidationError):
        offer(anna, ben, client_name="Doris Demir", consent=consent)
    assert not Referral.objects.exists()


def test_a_consent_dated_in_the_future_is_refused(partners: tuple[User, User]) -> None:
    anna, ben = partners
    consent = replace(consent_of(anna), given_on=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="Zukunft"):
        offer(anna, ben, client_email="doris@example.org", consent=consent)


def test_contact_data_with_consent_is_stored_with_who_when_and_the_text_shown(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    consent = consent_of(anna)
    referral = offer(
        anna,
        ben,
        client_name=" Doris Demir ",
        client_email="doris@example.org",
        client_phone="+49 221 1234567",
        consent=consent,
    )
    referral.refresh_from_db()
    assert (referral.client_name, referral.client_email) == ("Doris Demir", "doris@example.org")
    assert referral.consent_given_by == "Doris Demir"
    assert referral.consented_on == consent.given_on
    assert referral.consent_text == consent.text
    assert "Anna Albrecht" in referral.consent_text
    assert "6 Monate" in referral.consent_text


def test_a_consent_without_contact_data_is_not_stored(partners: tuple[User, User]) -> None:
    anna, ben = partners
    referral = offer(anna, ben, consent=consent_of(anna))
    assert (referral.consent_given_by, referral.consent_text, referral.consented_on) == (
        "",
        "",
        None,
    )


def test_the_database_refuses_contact_data_without_consent_whatever_writes_it(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    with pytest.raises(IntegrityError), transaction.atomic():
        referral_in(anna, ben, S.OFFERED, client_email="doris@example.org")


@pytest.mark.parametrize(
    "field,text",
    [
        ("need", "Bitte rufen Sie Frau Demir an: 0221 / 123 45 67"),
        ("need", "Kontakt: doris.demir@example.org"),
        ("client_label", "Praxis Dr. Demir, +49 (221) 1234567"),
    ],
)
def test_contact_data_in_the_anonymous_description_is_refused(
    partners: tuple[User, User], field: str, text: str
) -> None:
    anna, ben = partners
    with pytest.raises(ValidationError) as error:
        offer(anna, ben, **{field: text})
    assert field in error.value.message_dict


def test_ordinary_numbers_are_not_taken_for_phone_numbers() -> None:
    assert not contains_contact_data("120 Beschäftigte, Start 2026, 3 Tage à 8 Stunden, 0,5 FTE")
    assert not contains_contact_data("Budget 12.500 €, Teilnehmende 15–20")
    assert contains_contact_data("Tel. 0171-2345678")


def test_a_negative_expected_value_is_refused(partners: tuple[User, User]) -> None:
    anna, ben = partners
    with pytest.raises(ValidationError) as error:
        offer(anna, ben, expected_value=Decimal("-1"))
    assert "expected_value" in error.value.message_dict


# Transitions and who may make them ----------------------------------------------------

SERVICES = {
    ReferralAction.ACCEPTED: referral_accept,
    ReferralAction.DECLINED: referral_decline,
    ReferralAction.WITHDRAWN: referral_withdraw,
    ReferralAction.CONTACTED: referral_mark_contacted,
    ReferralAction.LOST: referral_mark_lost,
    ReferralAction.WON: lambda **kw: referral_mark_won(value=Decimal("500"), **kw),
}


def _cases() -> list[tuple[str, str, str]]:
    return [
        (action, status, who)
        for action in SERVICES
        for status in S.values
        for who in ("giver", "receiver", "outsider")
    ]


@pytest.mark.parametrize("action,status,who", _cases())
def test_every_transition_is_allowed_only_to_its_party_and_from_its_statuses(
    anna: User, ben: User, carla: User, action: str, status: str, who: str
) -> None:
    connect(anna, ben)
    referral = referral_in(anna, ben, status)
    actor = {"giver": anna, "receiver": ben, "outsider": carla}[who]
    transition = TRANSITIONS[action]
    if who != transition.role:
        with pytest.raises(PermissionDenied):
            SERVICES[action](referral=referral, user=actor)
    elif status not in transition.sources:
        with pytest.raises(ValidationError, match="nicht mehr möglich"):
            SERVICES[action](referral=referral, user=actor)
    else:
        SERVICES[action](referral=referral, user=actor)
        referral.refresh_from_db()
        assert referral.status == transition.target
        assert _history(referral) == [(action, status, transition.target, actor.pk)]
        return
    referral.refresh_from_db()
    assert referral.status == status
    assert not ReferralEvent.objects.exists()


def test_the_transition_table_is_the_documented_lifecycle() -> None:
    table = {a: (t.role, set(t.sources), t.target) for a, t in TRANSITIONS.items()}
    assert table == {
        "accepted": ("receiver", {"offered"}, "accepted"),
        "declined": ("receiver", {"offered"}, "declined"),
        "withdrawn": ("giver", {"offered"}, "withdrawn"),
        "contacted": ("receiver", {"accepted"}, "contacted"),
        "won": ("receiver", {"accepted", "contacted"}, "won"),
        "lost": ("receiver", {"accepted", "contacted"}, "lost"),
    }


def test_a_referral_goes_from_offered_to_won_and_the_history_names_every_step(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    referral_accept(referral=referral, user=ben)
    referral_mark_contacted(referral=referral, user=ben)
    referral_mark_won(referral=referral, user=ben, value=Decimal("3150.50"), share_value=True)
    referral.refresh_from_db()
    assert (referral.status, referral.won_value, referral.value_shared) == (
        S.WON,
        Decimal("3150.50"),
        True,
    )
    assert _history(referral) == [
        ("offered", "", "offered", anna.pk),
        ("accepted", "offered", "accepted", ben.pk),
        ("contacted", "accepted", "contacted", ben.pk),
        ("won", "contacted", "won", ben.pk),
        ("value_shared", "won", "won", ben.pk),
    ]


def test_a_status_change_updates_the_time_of_the_last_change(partners: tuple[User, User]) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    before = referral.status_changed_at
    referral_accept(referral=referral, user=ben)
    assert referral.status_changed_at > before


def test_winning_needs_a_value_of_zero_or_more(partners: tuple[User, User]) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.CONTACTED)
    with pytest.raises(ValidationError) as error:
        referral_mark_won(referral=referral, user=ben, value=Decimal("-0.01"))
    assert "value" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == S.CONTACTED


def test_a_stale_copy_cannot_change_a_referral_twice(partners: tuple[User, User]) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    stale = Referral.objects.get(pk=referral.pk)
    referral_withdraw(referral=referral, user=anna)
    with pytest.raises(ValidationError, match="zurückgezogen"):
        referral_accept(referral=stale, user=ben)


# The value, thanks and erasure --------------------------------------------------------


def test_the_value_stays_private_to_the_receiver_until_shared(
    partners: tuple[User, User], carla: User
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.CONTACTED)
    referral_mark_won(referral=referral, user=ben, value=Decimal("800"))
    assert referral.value_visible_to(ben)
    assert not referral.value_visible_to(anna)
    referral_share_value(referral=referral, user=ben)
    referral.refresh_from_db()
    assert referral.value_visible_to(anna)
    assert not referral.value_visible_to(carla)


@pytest.mark.parametrize("status", [s for s in S.values if s != S.WON])
def test_only_a_won_value_can_be_shared(partners: tuple[User, User], status: str) -> None:
    anna, ben = partners
    with pytest.raises(ValidationError):
        referral_share_value(referral=referral_in(anna, ben, status), user=ben)


def test_only_the_receiver_shares_the_value(partners: tuple[User, User], carla: User) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.WON)
    for user in (anna, carla):
        with pytest.raises(PermissionDenied):
            referral_share_value(referral=referral, user=user)
    referral_share_value(referral=referral, user=ben)
    referral_share_value(referral=referral, user=ben)  # twice changes nothing
    assert ReferralEvent.objects.filter(action="value_shared").count() == 1


@pytest.mark.parametrize("status", S.values)
def test_the_receiver_thanks_once_after_taking_the_referral_on(
    partners: tuple[User, User], status: str
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, status)
    if status in ("offered", "declined", "withdrawn"):
        with pytest.raises(ValidationError):
            referral_thank(referral=referral, user=ben, note="Danke!")
        return
    referral_thank(referral=referral, user=ben, note="  Vielen Dank, Anna!  ")
    referral.refresh_from_db()
    assert referral.thank_you_note == "Vielen Dank, Anna!"
    assert referral.thanked_at is not None
    with pytest.raises(ValidationError, match="bereits bedankt"):
        referral_thank(referral=referral, user=ben, note="Nochmals danke")


def test_only_the_receiver_thanks_and_not_with_an_empty_note(
    partners: tuple[User, User], carla: User
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, S.ACCEPTED)
    for user in (anna, carla):
        with pytest.raises(PermissionDenied):
            referral_thank(referral=referral, user=user, note="Danke")
    with pytest.raises(ValidationError):
        referral_thank(referral=referral, user=ben, note="   ")


def test_only_the_giver_erases_the_client_data_and_the_rest_stays(
    partners: tuple[User, User], carla: User
) -> None:
    anna, ben = partners
    referral = offer(anna, ben, client_name="Doris Demir", consent=consent_of(anna))
    for user in (ben, carla):
        with pytest.raises(PermissionDenied):
            referral_erase_client_data(referral=referral, user=user)
    referral_erase_client_data(referral=referral, user=anna)
    referral.refresh_from_db()
    assert (referral.client_name, referral.consent_given_by) == ("", "")
    assert referral.client_data_erased_at is not None
    assert referral.client_label.startswith("Familienunternehmen")
    assert referral.expected_value == Decimal("2400.00")
    assert _history(referral)[-1] == ("erased", "offered", "offered", anna.pk)


# What the pages offer -----------------------------------------------------------------


@pytest.mark.parametrize("status", S.values)
def test_available_actions_follow_the_transition_table(
    partners: tuple[User, User], carla: User, status: str
) -> None:
    anna, ben = partners
    referral = referral_in(anna, ben, status)
    for user, role in ((anna, "giver"), (ben, "receiver"), (carla, "")):
        allowed = available_actions(referral=referral, user=user)
        expected = {
            action
            for action, transition in TRANSITIONS.items()
            if transition.role == role and status in transition.sources
        }
        assert allowed & set(TRANSITIONS) == expected
    assert available_actions(referral=referral, user=carla) == set()


def test_the_consent_text_names_the_giver_and_the_retention_period(anna: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REFERRALS_CLIENT_DATA_RETENTION_MONTHS = 4
    text = services.consent_text_for(giver=anna)
    assert "Anna Albrecht" in text
    assert "4 Monate" in text
