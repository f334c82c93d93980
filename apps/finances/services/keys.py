"""Split keys: proposals and consent per engagement, shared running costs with their key."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation
from apps.finances.models import (
    Engagement,
    KeyConsent,
    KeyKind,
    KeyProposal,
    KeyPurpose,
    KeyShare,
    SharedCost,
    SharedCostShare,
)
from apps.finances.services.common import current_ids, decimal_amount, ensure_member
from wirwerk.lib.money import HUNDRED


def _check_shares(
    kind: str, shares: dict[int, tuple[Decimal, Decimal]], member_ids: list[int]
) -> None:
    if set(shares) != set(member_ids):
        raise ValidationError(_("Der Schlüssel muss jedes aktuelle Mitglied nennen."))
    values = [decimal_amount(value, "shares") for value, _fixed in shares.values()]
    fixed = [decimal_amount(fixed, "shares") for _value, fixed in shares.values()]
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
        member_ids = current_ids(cooperation)
        if kind == KeyKind.HOURS:
            shares = {member_id: (Decimal(0), Decimal(0)) for member_id in member_ids}
        _check_shares(kind, shares, member_ids)
        if purpose == KeyPurpose.LOSS:
            if not engagement.is_pilot:
                raise ValidationError(_("Einen Verlustschlüssel haben nur Experimente."))
            if risk_budget is None:
                raise ValidationError({"risk_budget": _("Bitte nennen Sie das Risikobudget.")})
            risk_budget = decimal_amount(risk_budget, "risk_budget")
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
        _consent(proposal, user, current_ids(cooperation))
    return proposal


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
        ensure_member(cooperation, payer_id, "payer")
        if kind not in (KeyKind.PERCENT, KeyKind.WEIGHTS):
            raise ValidationError(
                {"kind": _("Laufende Kosten teilen Sie nach Prozent oder Gewicht.")}
            )
        member_ids = current_ids(cooperation)
        if any(shares.values()):
            _check_shares(kind, {m: (v, Decimal(0)) for m, v in shares.items()}, member_ids)
        shared = SharedCost(
            cooperation=cooperation,
            title=title.strip(),
            monthly_amount=decimal_amount(monthly_amount, "monthly_amount"),
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


def shared_cost_remove(*, shared_cost: SharedCost, user: User) -> None:
    """Take back a running cost that never fell due (a booking cancelled before it
    began). Balances are computed when read, so the cost leaves them at once; a
    settlement that already counted it shows the difference as a new balance."""
    with transaction.atomic():
        write_gate(cooperation=shared_cost.cooperation, user=user)
        SharedCost.objects.filter(pk=shared_cost.pk).delete()
