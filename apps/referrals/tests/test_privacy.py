"""Client data is erased after the retention period; exports show what the user may see."""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.referrals.models import Referral, ReferralEvent, ReferralStatus
from apps.referrals.selectors import reciprocity_for, referrals_export_for
from apps.referrals.services import (
    referral_accept,
    referral_decline,
    referral_mark_contacted,
    referral_mark_lost,
    referral_mark_won,
    referral_thank,
    referral_withdraw,
    referrals_erase_stale_client_data,
)
from apps.referrals.tests.conftest import consent_of, offer

pytestmark = pytest.mark.django_db

S = ReferralStatus
START = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
CONTACT = {"client_name": "Doris Demir", "client_email": "doris@example.org"}


def _with_client(anna: User, ben: User) -> Referral:
    return offer(anna, ben, **CONTACT, client_phone="0221 1234567", consent=consent_of(anna))


def _figures(user: User) -> tuple:
    figures = reciprocity_for(user=user)
    return (
        figures.total,
        [(p.other.pk, p.given, p.received) for p in figures.pairs],  # type: ignore[union-attr]
    )


def test_the_job_erases_lost_and_stale_client_data_after_six_months_and_keeps_the_rest(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    with time_machine.travel(START, tick=False):
        lost = _with_client(anna, ben)
        referral_accept(referral=lost, user=ben)
        referral_mark_lost(referral=lost, user=ben)
        declined = _with_client(anna, ben)
        referral_decline(referral=declined, user=ben)
        withdrawn = _with_client(anna, ben)
        referral_withdraw(referral=withdrawn, user=anna)
        stale = _with_client(anna, ben)  # offered, nobody ever answered
        won = _with_client(anna, ben)
        referral_accept(referral=won, user=ben)
        referral_mark_won(referral=won, user=ben, value=Decimal("2000"), share_value=True)
    with time_machine.travel(START + timedelta(days=60), tick=False):
        moving = _with_client(anna, ben)
        referral_accept(referral=moving, user=ben)
    with time_machine.travel(START + timedelta(days=150), tick=False):
        referral_mark_contacted(referral=moving, user=ben)  # a status change restarts the clock
    # The figures are measured at a fixed moment, so only the erasure can change them.
    with time_machine.travel(START + timedelta(days=200), tick=False):
        before = (_figures(anna), _figures(ben))

    # 10 July 2026 is exactly six calendar months later: not yet past the period.
    with time_machine.travel(datetime(2026, 7, 10, 8, 59, tzinfo=UTC), tick=False):
        assert referrals_erase_stale_client_data() == 0
    with time_machine.travel(datetime(2026, 7, 10, 9, 0, tzinfo=UTC), tick=False):
        assert referrals_erase_stale_client_data() == 4
        assert referrals_erase_stale_client_data() == 0  # idempotent

    for referral in (lost, declined, withdrawn, stale):
        referral.refresh_from_db()
        assert not referral.has_contact_data
        assert referral.consent_given_by == ""
        assert referral.client_data_erased_at == datetime(2026, 7, 10, 9, 0, tzinfo=UTC)
        assert referral.client_label.startswith("Familienunternehmen")  # anonymous stays
        assert referral.expected_value == Decimal("2400.00")
        event = referral.events.order_by("pk").last()
        assert (event.action, event.actor, event.to_status) == ("erased", None, referral.status)
    for referral in (won, moving):
        referral.refresh_from_db()
        assert referral.client_email == "doris@example.org"
    with time_machine.travel(START + timedelta(days=200), tick=False):
        assert (_figures(anna), _figures(ben)) == before


def test_the_period_is_a_setting(partners: tuple[User, User], settings) -> None:  # type: ignore[no-untyped-def]
    anna, ben = partners
    settings.REFERRALS_CLIENT_DATA_RETENTION_MONTHS = 1
    with time_machine.travel(START, tick=False):
        _with_client(anna, ben)
    with time_machine.travel(START + timedelta(days=30), tick=False):
        assert referrals_erase_stale_client_data() == 0
    with time_machine.travel(START + timedelta(days=32), tick=False):
        assert referrals_erase_stale_client_data() == 1


def test_the_command_runs_the_job_and_says_how_many(partners: tuple[User, User], capsys) -> None:  # type: ignore[no-untyped-def]
    anna, ben = partners
    with time_machine.travel(START, tick=False):
        _with_client(anna, ben)
    with time_machine.travel(START + timedelta(days=200), tick=False):
        call_command("referrals_erase_client_data")
        call_command("referrals_erase_client_data")
    out = capsys.readouterr().out
    assert "Kundendaten gelöscht: 1 Empfehlung(en) (Frist: 6 Monate)." in out
    assert "Kundendaten gelöscht: 0 Empfehlung(en)" in out
    assert not Referral.objects.with_client_data().exists()


def test_the_job_is_registered_with_the_periodic_dispatcher(settings) -> None:  # type: ignore[no-untyped-def]
    from django.utils.module_loading import import_string

    job = settings.PERIODIC_JOBS["referrals_erasure"]
    task = import_string(job["task"])
    assert task.enqueue().return_value == 0  # the immediate backend runs it in tests
    assert job["minutes"] >= 60


# Export -------------------------------------------------------------------------------


def test_the_export_holds_given_and_received_with_history(
    partners: tuple[User, User], carla: User
) -> None:
    anna, ben = partners
    given = _with_client(anna, ben)
    referral_accept(referral=given, user=ben)
    referral_mark_won(referral=given, user=ben, value=Decimal("1800.00"))  # not shared
    referral_thank(referral=given, user=ben, note="Danke!")
    received = offer(ben, anna, need="Konfliktklärung im Vorstand eines Vereins")

    export = referrals_export_for(anna)
    assert [item["id"] for item in export["given"]] == [given.pk]
    assert [item["id"] for item in export["received"]] == [received.pk]
    item = export["given"][0]
    assert item["client"] == {
        "name": "Doris Demir",
        "email": "doris@example.org",
        "phone": "0221 1234567",
    }
    assert item["consent"]["given_by"] == "Doris Demir"
    assert item["won_value_eur"] is None  # ben did not share it
    assert item["thank_you_note"] == "Danke!"
    assert [step["action"] for step in item["history"]] == [
        "offered",
        "accepted",
        "won",
        "thanked",
    ]
    assert item["history"][1]["by"] == "Ben Brückner"
    json.dumps(export)  # JSON-ready as it is

    from_ben = referrals_export_for(ben)
    assert from_ben["received"][0]["won_value_eur"] == "1800.00"
    assert referrals_export_for(carla) == {"given": [], "received": []}


def test_the_receiver_exports_no_contact_data_before_accepting(
    partners: tuple[User, User],
) -> None:
    anna, ben = partners
    _with_client(anna, ben)
    item = referrals_export_for(ben)["received"][0]
    assert item["client"] is None and item["consent"] is None


def test_export_view_downloads_the_users_referrals_as_json(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = offer(anna, ben)
    client.force_login(anna)
    response = client.get(reverse("referrals:export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["given"][0]["id"] == referral.pk
    assert data["given"][0]["receiver"] == "Ben Brückner"
    list_page = client.get(reverse("referrals:list")).content.decode()
    assert "Meine Empfehlungen exportieren" in list_page


# Erasure by the giver -----------------------------------------------------------------


def test_the_giver_erases_the_client_data_after_confirming(
    client: Client, partners: tuple[User, User]
) -> None:
    anna, ben = partners
    referral = _with_client(anna, ben)
    client.force_login(anna)
    detail = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    url = reverse("referrals:erase", args=[referral.pk])
    assert url in detail
    assert "nach 6 Monaten ohne Statusänderung automatisch gelöscht" in detail
    assert "Kontaktdaten der Kundin oder des Kunden löschen?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Die Kontaktdaten wurden am" in response.content.decode()
    referral.refresh_from_db()
    assert not referral.has_contact_data
    assert ReferralEvent.objects.filter(referral=referral, action="erased", actor=anna).exists()
    client.force_login(ben)
    assert client.post(url).status_code == 403
