"""Engagements and their lines: create, update, add a line, reverse a line."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation
from apps.cooperations.services import event_record
from apps.finances.models import (
    Engagement,
    EngagementLine,
)
from apps.finances.services.common import decimal_amount, ensure_member


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
    ensure_member(engagement.cooperation, data.lead_id, "lead")
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
        ensure_member(engagement.cooperation, member_id, "member")
        amount = decimal_amount(amount, "amount")
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
