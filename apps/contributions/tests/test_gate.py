"""Every contributions write asks the cooperation's one write gate: a former member
and anyone in an ended cooperation are refused with the gate's message, and the
ledger offers them no controls to write."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
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

NOT_MEMBER = "Das können nur aktuelle Mitglieder der Kooperation."
ENDED = "Diese Kooperation ist beendet und kann nur noch gelesen werden."


def writes(cooperation: Cooperation, entry: Contribution, user: User) -> list[Callable[[], object]]:
    two_hours = Entry(kind="hours", done_on=timezone.localdate(), hours=Decimal("2"))
    return [
        lambda: contribution_log(cooperation=cooperation, user=user, entry=two_hours),
        lambda: contribution_correct(
            contribution=entry, user=user, entry=two_hours, reason="Verzählt"
        ),
        lambda: contribution_remove(contribution=entry, user=user, reason="Doppelt"),
    ]


def test_a_former_member_is_refused_by_every_contributions_write_with_the_gates_message(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    entry = log(cooperation, ben)
    cooperation_services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Hat das Projekt verlassen."
    )
    for write in writes(cooperation, entry, ben):
        with pytest.raises(PermissionDenied) as refused:
            write()
        assert str(refused.value) == NOT_MEMBER
    assert Contribution.objects.count() == 1


def test_a_member_of_an_ended_cooperation_is_refused_by_every_contributions_write(
    cooperation: Cooperation, ben: User
) -> None:
    entry = log(cooperation, ben)
    Cooperation.objects.filter(pk=cooperation.pk).update(status="ended")
    cooperation.refresh_from_db()
    entry = Contribution.objects.select_related("cooperation").get(pk=entry.pk)
    for write in writes(cooperation, entry, ben):
        with pytest.raises(ValidationError) as refused:
            write()
        assert refused.value.messages == [ENDED]
    assert Contribution.objects.count() == 1


def test_the_ledger_offers_a_former_member_no_entry_form_and_no_corrections(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    entry = log(cooperation, ben)
    ledger = reverse("contributions:ledger", args=[cooperation.pk])
    correct = reverse("contributions:correct", args=[cooperation.pk, entry.pk])
    new = reverse("contributions:new", args=[cooperation.pk])
    client.force_login(ben)
    page = client.get(ledger).content.decode()
    assert correct in page and new in page  # the control: ben, still a member
    cooperation_services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Hat das Projekt verlassen."
    )
    page = client.get(ledger).content.decode()
    assert correct not in page and new not in page
    detail = client.get(reverse("contributions:detail", args=[cooperation.pk, entry.pk]))
    assert correct not in detail.content.decode()


def test_the_ledger_offers_corrections_only_of_the_users_own_entries(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    own = log(cooperation, anna)
    other = log(cooperation, ben)
    client.force_login(anna)
    page = client.get(reverse("contributions:ledger", args=[cooperation.pk])).content.decode()
    assert reverse("contributions:correct", args=[cooperation.pk, own.pk]) in page
    assert reverse("contributions:correct", args=[cooperation.pk, other.pk]) not in page
