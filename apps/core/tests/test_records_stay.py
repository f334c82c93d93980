"""Records stay: final decisions, accepted agreement versions with their commitments
and acceptances, and ledger entries are refused UPDATE and DELETE by the database
itself (triggers on SQLite and PostgreSQL), while the application's own steps —
superseding a version, deleting a draft, anonymising an account — still work."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.services import account_delete
from apps.contributions import services as contributions
from apps.contributions.models import Contribution
from apps.contributions.services import Entry
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Commitment,
    Cooperation,
    VersionStatus,
)
from apps.core.demo.personas import DEMO_PASSWORD
from apps.meetings import services as meetings
from apps.meetings.models import Decision
from tests.factories import agree

pytestmark = pytest.mark.django_db


def _refused(sql: str, *params: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _entry(cooperation: Cooperation, user: User) -> Contribution:
    return contributions.contribution_log(
        cooperation=cooperation,
        user=user,
        entry=Entry(kind="hours", done_on=timezone.localdate(), hours=Decimal(2)),
    )


def test_ledger_rows_cannot_be_updated_moved_or_deleted(
    cooperation: Cooperation, ben: User
) -> None:
    entry = _entry(cooperation, ben)
    other = Cooperation.objects.create(title="Andere")
    _refused("UPDATE contributions_contribution SET hours = 200 WHERE id = %s", entry.pk)
    _refused(
        "UPDATE contributions_contribution SET cooperation_id = %s WHERE id = %s",
        other.pk,
        entry.pk,
    )
    _refused("DELETE FROM contributions_contribution WHERE id = %s", entry.pk)
    entry.refresh_from_db()
    assert entry.hours == Decimal(2) and entry.cooperation_id == cooperation.pk


def test_accepted_versions_cannot_be_rewritten_demoted_or_deleted(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    _refused(
        "UPDATE cooperations_agreementversion SET goals = 'gefälscht' WHERE id = %s", version.pk
    )
    _refused(
        "UPDATE cooperations_agreementversion SET status = 'proposed' WHERE id = %s", version.pk
    )
    _refused("DELETE FROM cooperations_agreementversion WHERE id = %s", version.pk)
    _refused(
        "UPDATE cooperations_commitment SET hours_per_month = 99 WHERE version_id = %s",
        version.pk,
    )
    _refused("DELETE FROM cooperations_commitment WHERE version_id = %s", version.pk)
    _refused("UPDATE cooperations_acceptance SET name = 'X' WHERE version_id = %s", version.pk)
    _refused("DELETE FROM cooperations_acceptance WHERE version_id = %s", version.pk)
    assert Acceptance.objects.filter(version=version).count() == 2


def test_superseding_a_version_still_works(cooperation: Cooperation, anna: User, ben: User) -> None:
    first = agree(cooperation, anna, ben)
    second = agree(cooperation, anna, ben, goals="Neue Ziele")
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert second.status == VersionStatus.IN_FORCE


def test_drafts_stay_editable_and_deletable(cooperation: Cooperation, anna: User) -> None:
    from apps.cooperations import services

    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    AgreementVersion.objects.filter(pk=draft.pk).update(goals="geändert")
    Commitment.objects.filter(version=draft).update(hours_per_month=Decimal(3))
    draft.delete()
    assert not AgreementVersion.objects.filter(pk=draft.pk).exists()


def test_final_decisions_cannot_be_deleted_but_drafts_can(
    cooperation: Cooperation, anna: User
) -> None:
    from datetime import timedelta

    meeting = meetings.meeting_create(
        cooperation=cooperation,
        user=anna,
        title="Jour fixe",
        starts_at=timezone.now() + timedelta(days=1),
        duration_minutes=60,
        place="Leipzig",
    )
    draft = meetings.decision_record(meeting=meeting, user=anna, title="Entwurf")
    final = meetings.decision_confirm(
        decision=meetings.decision_record(meeting=meeting, user=anna, title="Final"), user=anna
    )
    _refused("DELETE FROM meetings_decision WHERE id = %s", final.pk)
    meetings.decision_discard(decision=draft, user=anna)
    assert list(Decision.objects.values_list("title", flat=True)) == ["Final"]


def test_account_deletion_works_under_the_guards(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    _entry(cooperation, ben)
    account_delete(user=ben, password=DEMO_PASSWORD)
    assert Contribution.objects.filter(member=ben).exists()
    # Deleting the account row itself would take the records with it: refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=ben.pk).delete()


def test_settlements_transfers_and_receipts_cannot_be_changed_or_deleted(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    from apps.finances.models import Settlement, Transfer, TransferReceipt
    from apps.finances.services.settlements import transfer_confirm

    settlement = Settlement.objects.create(cooperation=cooperation, proposed_by=anna)
    transfer = Transfer.objects.create(
        settlement=settlement, payer=anna, receiver=ben, amount=Decimal("300.00")
    )
    transfer_confirm(transfer=transfer, user=ben)
    receipt = TransferReceipt.objects.get(transfer=transfer)

    _refused("UPDATE finances_transfer SET amount = 3 WHERE id = %s", transfer.pk)
    _refused("UPDATE finances_transfer SET receiver_id = payer_id WHERE id = %s", transfer.pk)
    _refused("DELETE FROM finances_transfer WHERE id = %s", transfer.pk)
    _refused("UPDATE finances_settlement SET balances = '{}' WHERE id = %s", settlement.pk)
    _refused("DELETE FROM finances_settlement WHERE id = %s", settlement.pk)
    _refused("DELETE FROM finances_transferreceipt WHERE id = %s", receipt.pk)
    transfer.refresh_from_db()
    assert transfer.amount == Decimal("300.00")
