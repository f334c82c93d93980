"""Every write of the finances: engagements and their lines, key overrides and consent,
shared running costs, settlements and receipts.

The rules: only current members of a cooperation that has not ended write (the one
``write_gate``); the lead partner is a current member; amounts are Decimals in whole
cents (never floats); a key that differs from the agreement takes effect only when
every current member consented; settlements and transfers are never edited – a new
proposal replaces the open transfers of the previous one, and only the receiver of a
transfer confirms that it arrived.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, Membership
from apps.cooperations.services import event_record
from apps.finances import selectors
from apps.finances.models import (
    Engagement,
    EngagementLine,
    KeyConsent,
    KeyKind,
    KeyProposal,
    KeyPurpose,
    KeyShare,
    Settlement,
    SharedCost,
    SharedCostShare,
    Transfer,
    TransferReceipt,
)
from apps.finances.settle import settle
from wirwerk.lib.money import HUNDRED, to_cents


def _decimal(value: Any, field: str) -> Decimal:
    if not isinstance(value, Decimal | int | str):
        # Money never passes through binary floating point.
        raise TypeError(f"{field} must be a Decimal, not {type(value).__name__}")
    amount = Decimal(str(value))
    try:
        to_cents(amount)
    except ValueError:
        raise ValidationError(
            {field: _("Bitte geben Sie den Betrag in Euro und Cent an.")}
        ) from None
    return amount


def _current_ids(cooperation: Cooperation) -> list[int]:
    return list(
        Membership.objects.current()
        .filter(cooperation=cooperation)
        .order_by("created_at", "pk")
        .values_list("user_id", flat=True)
    )


def _ensure_member(cooperation: Cooperation, user_id: int, field: str) -> None:
    if user_id not in _current_ids(cooperation):
        raise ValidationError({field: _("Bitte wählen Sie ein aktuelles Mitglied.")})


@dataclass(frozen=True)
class EngagementData:
    title: str
    client: str
    lead_id: int
    starts_on: date
    ends_on: date | None = None
    status: str = "planned"
    is_pilot: bool = False
    note: str = ""


def _fill(engagement: Engagement, data: EngagementData) -> None:
    _ensure_member(engagement.cooperation, data.lead_id, "lead")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise ValidationError({"ends_on": _("Das Ende liegt vor dem Beginn.")})
    engagement.title = data.title.strip()
    engagement.client = data.client.strip()
    engagement.lead_id = data.lead_id
    engagement.starts_on = data.starts_on
    engagement.ends_on = data.ends_on
    engagement.status = data.status
    engagement.is_pilot = data.is_pilot
    engagement.note = data.note.strip()
    engagement.full_clean(exclude=["created_by"])


def engagement_create(*, cooperation: Cooperation, user: User, data: EngagementData) -> Engagement:
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        engagement = Engagement(cooperation=cooperation, created_by=user)
        _fill(engagement, data)
        engagement.save()
        event_record(
            cooperation=cooperation,
            actor=user,
            kind="engagement_created",
            item=engagement.title,
            pilot=engagement.is_pilot,
        )
    return engagement


def engagement_update(*, engagement: Engagement, user: User, data: EngagementData) -> Engagement:
    with transaction.atomic():
        write_gate(cooperation=engagement.cooperation, user=user)
        _fill(engagement, data)
        engagement.save()
    return engagement


def line_add(
    *,
    engagement: Engagement,
    user: User,
    kind: str,
    member_id: int,
    amount: Decimal,
    booked_on: date,
    description: str,
) -> EngagementLine:
    """A revenue line (who collected it) or a cost line (who paid it); never edited."""
    with transaction.atomic():
        write_gate(cooperation=engagement.cooperation, user=user)
        _ensure_member(engagement.cooperation, member_id, "member")
        amount = _decimal(amount, "amount")
        if amount <= 0:
            raise ValidationError({"amount": _("Der Betrag muss größer als 0 € sein.")})
        line = EngagementLine(
            engagement=engagement,
            kind=kind,
            member_id=member_id,
            amount=amount,
            booked_on=booked_on,
            description=description.strip(),
            created_by=user,
        )
        line.full_clean(exclude=["created_by"])
        line.save()
    return line


def line_reverse(*, line: EngagementLine, user: User, reason: str) -> EngagementLine:
    """Reverse a wrong line (Storno): a new line with the negative amount and the reason.

    A line is reversed once; a reversal itself is not reversed (enter the line anew).
    """
    engagement = line.engagement
    reason = reason.strip()
    with transaction.atomic():
        write_gate(cooperation=engagement.cooperation, user=user)
        if len(reason) < 3:
            raise ValidationError({"reason": _("Bitte nennen Sie den Grund des Stornos.")})
        locked = EngagementLine.objects.select_for_update().get(pk=line.pk)
        if locked.reverses_id is not None:
            raise ValidationError(_("Ein Storno lässt sich nicht stornieren."))
        if EngagementLine.objects.filter(reverses=locked).exists():
            raise ValidationError(_("Dieser Posten ist bereits storniert."))
        reversal = EngagementLine(
            engagement=engagement,
            kind=locked.kind,
            member_id=locked.member_id,
            amount=-locked.amount,
            booked_on=timezone.localdate(),
            description=locked.description,
            reverses=locked,
            reason=reason,
            created_by=user,
        )
        reversal.full_clean(exclude=["created_by"])
        reversal.save()
    return reversal


# Keys ----------------------------------------------------------------------------


def _check_shares(
    kind: str, shares: dict[int, tuple[Decimal, Decimal]], member_ids: list[int]
) -> None:
    if set(shares) != set(member_ids):
        raise ValidationError(_("Der Schlüssel muss jedes aktuelle Mitglied nennen."))
    values = [_decimal(value, "shares") for value, _fixed in shares.values()]
    fixed = [_decimal(fixed, "shares") for _value, fixed in shares.values()]
    if any(v < 0 for v in values + fixed):
        raise ValidationError(_("Anteile und Festbeträge dürfen nicht negativ sein."))
    if kind in (KeyKind.PERCENT, KeyKind.FIXED) and sum(values, Decimal(0)) != HUNDRED:
        raise ValidationError(_("Die Prozentanteile müssen zusammen 100 Prozent ergeben."))
    if kind == KeyKind.WEIGHTS and not any(values):
        raise ValidationError(_("Mindestens ein Gewicht muss größer als 0 sein."))


def key_propose(
    *,
    engagement: Engagement,
    user: User,
    purpose: str,
    kind: str,
    shares: dict[int, tuple[Decimal, Decimal]],
    risk_budget: Decimal | None = None,
) -> KeyProposal:
    """Propose a key for one engagement; the proposer consents at once. It takes effect
    when every current member consented (``key_consent``). ``shares`` maps each current
    member to (percentage or weight, fixed amount); a key by hours needs no shares."""
    cooperation = engagement.cooperation
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        member_ids = _current_ids(cooperation)
        if kind == KeyKind.HOURS:
            shares = {member_id: (Decimal(0), Decimal(0)) for member_id in member_ids}
        _check_shares(kind, shares, member_ids)
        if purpose == KeyPurpose.LOSS:
            if not engagement.is_pilot:
                raise ValidationError(_("Einen Verlustschlüssel haben nur Experimente."))
            if risk_budget is None:
                raise ValidationError({"risk_budget": _("Bitte nennen Sie das Risikobudget.")})
            risk_budget = _decimal(risk_budget, "risk_budget")
        proposal = KeyProposal.objects.create(
            engagement=engagement,
            purpose=purpose,
            kind=kind,
            risk_budget=risk_budget if purpose == KeyPurpose.LOSS else None,
            proposed_by=user,
        )
        KeyShare.objects.bulk_create(
            KeyShare(proposal=proposal, user_id=m, value=v, fixed=f if kind == KeyKind.FIXED else 0)
            for m, (v, f) in shares.items()
        )
        _consent(proposal, user, member_ids)
    return proposal


def _consent(proposal: KeyProposal, user: User, member_ids: list[int]) -> None:
    KeyConsent.objects.get_or_create(proposal=proposal, user=user)
    consented = set(proposal.consents.values_list("user_id", flat=True))
    if set(member_ids) <= consented and proposal.effective_at is None:
        proposal.effective_at = timezone.now()
        proposal.save(update_fields=["effective_at", "updated_at"])


def key_consent(*, proposal: KeyProposal, user: User) -> KeyProposal:
    """A current member agrees to a proposed key (recorded with the time)."""
    cooperation = proposal.engagement.cooperation
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        proposal = KeyProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.effective_at is not None:
            raise ValidationError(_("Dieser Schlüssel gilt bereits."))
        superseded = KeyProposal.objects.filter(
            engagement_id=proposal.engagement_id,
            purpose=proposal.purpose,
            created_at__gt=proposal.created_at,
        ).exists()
        if superseded:
            raise ValidationError(_("Es gibt inzwischen einen neueren Vorschlag."))
        _consent(proposal, user, _current_ids(cooperation))
    return proposal


# Shared costs --------------------------------------------------------------------


def shared_cost_create(
    *,
    cooperation: Cooperation,
    user: User,
    title: str,
    monthly_amount: Decimal,
    payer_id: int,
    starts_on: date,
    ends_on: date | None,
    kind: str,
    shares: dict[int, Decimal],
) -> SharedCost:
    """A running cost with its own key (percent or weights; empty: the agreement's)."""
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        _ensure_member(cooperation, payer_id, "payer")
        if kind not in (KeyKind.PERCENT, KeyKind.WEIGHTS):
            raise ValidationError(
                {"kind": _("Laufende Kosten teilen Sie nach Prozent oder Gewicht.")}
            )
        member_ids = _current_ids(cooperation)
        if any(shares.values()):
            _check_shares(kind, {m: (v, Decimal(0)) for m, v in shares.items()}, member_ids)
        shared = SharedCost(
            cooperation=cooperation,
            title=title.strip(),
            monthly_amount=_decimal(monthly_amount, "monthly_amount"),
            payer_id=payer_id,
            starts_on=starts_on.replace(day=1),
            ends_on=ends_on,
            kind=kind,
            created_by=user,
        )
        shared.full_clean(exclude=["created_by"])
        shared.save()
        SharedCostShare.objects.bulk_create(
            SharedCostShare(shared_cost=shared, user_id=m, value=v) for m, v in shares.items()
        )
    return shared


# Settlement ----------------------------------------------------------------------


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
