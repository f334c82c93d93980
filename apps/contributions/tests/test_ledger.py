"""The ledger's rules: who writes, what is valid, corrections that supersede, history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.contributions import selectors
from apps.contributions.models import Contribution
from apps.contributions.services import (
    Entry,
    contribution_correct,
    contribution_log,
    contribution_remove,
)
from apps.contributions.tests.conftest import log
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel("2026-03-11 10:00 +01:00", tick=False) as traveller:
        yield traveller


def hours(value: str, on: date = TODAY, **extra: object) -> Entry:
    return Entry(kind="hours", done_on=on, hours=Decimal(value), **extra)  # type: ignore[arg-type]


def test_a_member_logs_each_kind_of_contribution(cooperation: Cooperation, ben: User) -> None:
    logged = [
        log(cooperation, ben, hours="2.5", description="Konzept Modul 2"),
        log(cooperation, ben, "money", amount="149.90", description="Druck der Handouts"),
        log(cooperation, ben, "referral", count=2, description="Zwei Anfragen aus Köln"),
        log(cooperation, ben, "resource", description="Seminarraum, 2 Tage", amount="300"),
        log(cooperation, ben, "resource", description="Flipchart-Stifte"),
    ]
    measures = [c.measure for c in Contribution.objects.order_by("pk")]
    assert measures == [Decimal("2.50"), Decimal("149.90"), 2, Decimal("300.00"), None]
    assert all(c.member == ben and c.done_on == TODAY for c in logged)


def test_logging_counts_as_activity_of_the_cooperation(
    cooperation: Cooperation, ben: User, _frozen: time_machine.Traveller
) -> None:
    _frozen.shift(timedelta(days=3))
    log(cooperation, ben, on=TODAY)
    cooperation.refresh_from_db()
    assert cooperation.last_activity_at.date() == TODAY + timedelta(days=3)


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (Entry(kind="hours", done_on=TODAY + timedelta(days=1), hours=Decimal(1)), "done_on"),
        (Entry(kind="hours", done_on=TODAY, hours=Decimal(0)), "hours"),
        (Entry(kind="hours", done_on=TODAY), "hours"),
        (Entry(kind="hours", done_on=TODAY, hours=Decimal("1.255")), "hours"),
        (Entry(kind="hours", done_on=TODAY, hours=Decimal("300.5")), "hours"),
        (Entry(kind="money", done_on=TODAY, amount=Decimal("-5")), "amount"),
        (Entry(kind="money", done_on=TODAY, amount=Decimal("9.999")), "amount"),
        (Entry(kind="referral", done_on=TODAY, count=0), "count"),
        (Entry(kind="resource", done_on=TODAY, description="  "), "description"),
        (Entry(kind="gift", done_on=TODAY), "kind"),
    ],
)
def test_invalid_entries_are_refused_with_a_message_for_the_field(
    cooperation: Cooperation, ben: User, entry: Entry, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        contribution_log(cooperation=cooperation, user=ben, entry=entry)
    assert field in error.value.message_dict
    assert not Contribution.objects.exists()


def test_messages_are_german(cooperation: Cooperation, ben: User) -> None:
    with pytest.raises(ValidationError) as error:
        contribution_log(
            cooperation=cooperation, user=ben, entry=hours("1", on=TODAY + timedelta(days=1))
        )
    assert error.value.message_dict["done_on"] == ["Das Datum darf nicht in der Zukunft liegen."]


def test_money_never_passes_through_a_float(cooperation: Cooperation, ben: User) -> None:
    entry = Entry(kind="money", done_on=TODAY, amount=0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        contribution_log(cooperation=cooperation, user=ben, entry=entry)


def test_only_the_measure_of_the_kind_is_stored(cooperation: Cooperation, ben: User) -> None:
    entry = Entry(kind="money", done_on=TODAY, amount=Decimal(50), hours=Decimal(3), count=4)
    contribution = contribution_log(cooperation=cooperation, user=ben, entry=entry)
    assert (contribution.hours, contribution.amount, contribution.count) == (
        None,
        Decimal(50),
        None,
    )


def test_outsiders_and_former_members_cannot_log(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    with pytest.raises(PermissionDenied):
        contribution_log(cooperation=cooperation, user=carla, entry=hours("1"))
    cooperation_services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Hat das Projekt verlassen."
    )
    with pytest.raises(PermissionDenied, match="aktuelle Mitglieder"):
        contribution_log(cooperation=cooperation, user=ben, entry=hours("1"))
    assert not Contribution.objects.exists()


def test_an_ended_cooperation_is_read_only(cooperation: Cooperation, ben: User) -> None:
    entry = log(cooperation, ben)
    Cooperation.objects.filter(pk=cooperation.pk).update(status="ended")
    cooperation.refresh_from_db()
    with pytest.raises(ValidationError, match="beendet"):
        contribution_log(cooperation=cooperation, user=ben, entry=hours("1"))
    entry.refresh_from_db()
    with pytest.raises(ValidationError, match="beendet"):
        contribution_remove(contribution=entry, user=ben, reason="Doppelt eingetragen")


def test_a_correction_supersedes_the_entry_and_keeps_it(
    cooperation: Cooperation, ben: User
) -> None:
    first = log(cooperation, ben, hours="3", description="Akquise")
    second = contribution_correct(
        contribution=first, user=ben, entry=hours("2.5", description="Akquise"), reason="Verzählt"
    )
    third = contribution_correct(
        contribution=second, user=ben, entry=hours("2.75"), reason="Nachtrag: Telefonat"
    )
    first.refresh_from_db()
    assert (first.hours, first.reason, first.supersedes) == (Decimal("3.00"), "", None)
    assert second.supersedes == first and third.supersedes == second
    assert second.original == first and third.original == first
    assert third.reason == "Nachtrag: Telefonat"
    chain = selectors.history(contribution=second)
    assert chain == [first, second, third]
    assert list(selectors.ledger(cooperation=cooperation)) == [third]


def test_only_the_latest_version_can_be_corrected(cooperation: Cooperation, ben: User) -> None:
    first = log(cooperation, ben, hours="3")
    contribution_correct(contribution=first, user=ben, entry=hours("2"), reason="Verzählt")
    with pytest.raises(ValidationError, match="inzwischen korrigiert"):
        contribution_correct(contribution=first, user=ben, entry=hours("1"), reason="Nochmal")
    assert Contribution.objects.count() == 2


def test_the_database_refuses_two_corrections_of_one_entry(
    cooperation: Cooperation, ben: User
) -> None:
    first = log(cooperation, ben, hours="3")
    contribution_correct(contribution=first, user=ben, entry=hours("2"), reason="Verzählt")
    fork = Contribution(
        cooperation=cooperation,
        member=ben,
        kind="hours",
        done_on=TODAY,
        hours=Decimal(1),
        supersedes=first,
        original=first,
        reason="Gabelung",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        fork.save()


def test_members_correct_and_remove_only_their_own_entries(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    entry = log(cooperation, ben, hours="3")
    with pytest.raises(PermissionDenied, match="eigenen Einträge"):
        contribution_correct(contribution=entry, user=anna, entry=hours("1"), reason="Zu viel")
    with pytest.raises(PermissionDenied, match="eigenen Einträge"):
        contribution_remove(contribution=entry, user=anna, reason="Zu viel")
    assert Contribution.objects.count() == 1


def test_former_members_cannot_correct_their_entries(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    entry = log(cooperation, ben, hours="3")
    cooperation_services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Hat das Projekt verlassen."
    )
    with pytest.raises(PermissionDenied):
        contribution_correct(contribution=entry, user=ben, entry=hours("1"), reason="Zu viel")


def test_a_correction_needs_a_reason_and_a_change(cooperation: Cooperation, ben: User) -> None:
    entry = log(cooperation, ben, hours="3")
    with pytest.raises(ValidationError) as error:
        contribution_correct(contribution=entry, user=ben, entry=hours("2"), reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="ändert nichts"):
        contribution_correct(contribution=entry, user=ben, entry=hours("3.0"), reason="Prüfung")


def test_removing_is_a_correction_to_zero_with_its_reason(
    cooperation: Cooperation, ben: User
) -> None:
    entry = log(cooperation, ben, "money", amount="80")
    removal = contribution_remove(contribution=entry, user=ben, reason="Doppelt eingetragen")
    assert (removal.removed, removal.amount, removal.supersedes) == (True, Decimal(0), entry)
    assert removal.reason == "Doppelt eingetragen"
    assert list(selectors.ledger(cooperation=cooperation)) == [removal]
    assert not Contribution.objects.counting().exists()
    with pytest.raises(ValidationError, match="bereits entfernt"):
        contribution_remove(contribution=removal, user=ben, reason="Nochmal")


def test_a_removed_entry_comes_back_by_a_correction(cooperation: Cooperation, ben: User) -> None:
    entry = log(cooperation, ben, "resource", description="Beamer")
    removal = contribution_remove(contribution=entry, user=ben, reason="Versehen")
    back = contribution_correct(
        contribution=removal,
        user=ben,
        entry=Entry(kind="resource", done_on=TODAY, description="Beamer"),
        reason="War doch richtig",
    )
    assert not back.removed
    assert list(Contribution.objects.counting()) == [back]
    assert [c.pk for c in selectors.history(contribution=back)] == [
        entry.pk,
        removal.pk,
        back.pk,
    ]


def test_the_ledger_filters_by_member_and_kind(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    log(cooperation, anna, hours="1")
    mine = log(cooperation, ben, hours="2")
    log(cooperation, ben, "money", amount="10")
    found = selectors.ledger(cooperation=cooperation, member_id=ben.pk, kind="hours")
    assert list(found) == [mine]
    assert selectors.ledger(cooperation=cooperation, member_id=ben.pk).count() == 2
