"""Settlements: propose the fewest transfers; the receiver confirms the receipt."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation
from apps.cooperations.services import event_record
from apps.finances import selectors
from apps.finances.models import (
    Settlement,
    Transfer,
    TransferReceipt,
)
from apps.finances.settle import settle


def settlement_propose(*, cooperation: Cooperation, user: User) -> Settlement:
    """A proposal of the fewest transfers that clear today's balances. It replaces the
    open transfers of the previous proposal; confirmed transfers stay counted."""
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        money = selectors.money_of(cooperation=cooperation)
        if money.settled:
            raise ValidationError(_("Alle Salden sind ausgeglichen; es gibt nichts zu überweisen."))
        settlement = Settlement.objects.create(
            cooperation=cooperation,
            proposed_by=user,
            balances={str(k): str(v) for k, v in money.balances.items()},
        )
        Transfer.objects.bulk_create(
            Transfer(
                settlement=settlement,
                payer_id=t.payer_id,
                receiver_id=t.receiver_id,
                amount=t.amount,
            )
            for t in settle(money.balances)
        )
        event_record(
            cooperation=cooperation,
            actor=user,
            kind="settlement_proposed",
            transfers=settlement.transfers.count(),
        )
    return settlement


def transfer_confirm(*, transfer: Transfer, user: User) -> TransferReceipt:
    """The receiver – and only the receiver – confirms the money arrived."""
    cooperation = transfer.settlement.cooperation
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        if transfer.receiver_id != user.pk:
            raise PermissionDenied(_("Den Eingang bestätigt nur, wer das Geld bekommt."))
        if not selectors.open_transfers(cooperation=cooperation).filter(pk=transfer.pk).exists():
            raise ValidationError(_("Diese Überweisung ist nicht mehr offen."))
        receipt = TransferReceipt.objects.create(transfer=transfer, confirmed_by=user)
        event_record(
            cooperation=cooperation,
            actor=user,
            kind="transfer_paid",
            payer=str(transfer.payer),
            amount=str(transfer.amount),
        )
    return receipt
