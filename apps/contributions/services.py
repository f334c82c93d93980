"""Every write of the contributions ledger: logging, correcting and removing entries.

The rules: only current members of a cooperation that has not ended write (the
cooperation's one gate, ``write_gate``); a
member corrects or removes only their own entries, and only the latest version of
an entry; nothing is ever edited in place – a correction is a new row that
supersedes the old one and says why. Dates lie not in the future; amounts are
Decimals (never floats), hours with at most two decimals, money in cents.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.contributions.models import Contribution, ContributionKind
from apps.cooperations import services as cooperation_services
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation

MEASURE_FIELDS = ("hours", "amount", "count")
COMPARED_FIELDS = ("kind", "done_on", *MEASURE_FIELDS, "description", "note")


@dataclass(frozen=True)
class Entry:
    """What a member states about one contribution (a new one or a correction)."""

    kind: str
    done_on: date
    hours: Decimal | None = None
    amount: Decimal | None = None
    count: int | None = None
    description: str = ""
    note: str = ""


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        # Money and hours never pass through binary floating point.
        raise TypeError(f"{field} must be a Decimal, not a float")
    try:
        return Decimal(str(value))
    except ArithmeticError:
        raise ValidationError({field: _("Bitte geben Sie eine Zahl ein.")}) from None


def _measures(entry: Entry) -> dict[str, Any]:
    """The one measure of the entry's kind; the others are cleared."""
    hours = _decimal(entry.hours, "hours")
    amount = _decimal(entry.amount, "amount")
    kind = entry.kind
    if kind == ContributionKind.HOURS:
        if hours is None or hours <= 0:
            raise ValidationError({"hours": _("Bitte geben Sie die Stunden an (mehr als 0).")})
        return {"hours": hours, "amount": None, "count": None}
    if kind == ContributionKind.MONEY:
        if amount is None or amount <= 0:
            raise ValidationError({"amount": _("Bitte geben Sie den Betrag an (mehr als 0 €).")})
        return {"hours": None, "amount": amount, "count": None}
    if kind == ContributionKind.REFERRAL:
        if entry.count is None or entry.count < 1:
            raise ValidationError({"count": _("Bitte geben Sie die Anzahl an (mindestens 1).")})
        return {"hours": None, "amount": None, "count": int(entry.count)}
    if kind == ContributionKind.RESOURCE:
        if not entry.description.strip():
            raise ValidationError(
                {"description": _("Bitte beschreiben Sie kurz, was Sie zur Verfügung stellen.")}
            )
        return {"hours": None, "amount": amount, "count": None}
    raise ValidationError({"kind": _("Bitte wählen Sie die Art des Beitrags.")})


def _build(cooperation: Cooperation, user: User, entry: Entry) -> Contribution:
    if entry.done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Das Datum darf nicht in der Zukunft liegen.")})
    return Contribution(
        cooperation=cooperation,
        member=user,
        kind=entry.kind,
        done_on=entry.done_on,
        description=entry.description.strip(),
        note=entry.note.strip(),
        **_measures(entry),
    )


def _save(contribution: Contribution) -> Contribution:
    contribution.full_clean()
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        # Someone corrected the same entry a moment earlier (one-to-one ``supersedes``).
        raise ValidationError(_correction_conflict()) from None
    return contribution


def _correction_conflict() -> str:
    return _(
        "Dieser Eintrag wurde inzwischen korrigiert. Bitte korrigieren Sie die neueste Fassung."
    )


def contribution_log(*, cooperation: Cooperation, user: User, entry: Entry) -> Contribution:
    """A current member logs their own contribution to a cooperation that has not ended."""
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        contribution = _save(_build(cooperation, user, entry))
        cooperation_services.activity_record(cooperation=cooperation)
    return contribution


def _latest_own(contribution: Contribution, user: User) -> Contribution:
    """The entry locked for correction: the user's own and not yet superseded."""
    cooperation = contribution.cooperation
    write_gate(cooperation=cooperation, user=user)
    if contribution.member_id != user.pk:
        raise PermissionDenied(_("Sie können nur Ihre eigenen Einträge korrigieren."))
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if Contribution.objects.filter(supersedes=locked).exists():
        raise ValidationError(_correction_conflict())
    return locked


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 3:
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund der Korrektur.")})
    return reason


def _successor(previous: Contribution, correction: Contribution, reason: str) -> Contribution:
    correction.supersedes = previous
    correction.original_id = previous.chain_id
    correction.reason = reason
    return _save(correction)


def contribution_correct(
    *, contribution: Contribution, user: User, entry: Entry, reason: str
) -> Contribution:
    """Correct one's own entry: a new row supersedes the latest one, with the reason.

    A removed entry can be corrected too; that brings it back.
    """
    reason = _reason(reason)
    with transaction.atomic():
        previous = _latest_own(contribution, user)
        correction = _build(previous.cooperation, user, entry)
        if not previous.removed and all(
            getattr(correction, name) == getattr(previous, name) for name in COMPARED_FIELDS
        ):
            raise ValidationError(_("Die Korrektur ändert nichts am Eintrag."))
        correction = _successor(previous, correction, reason)
        cooperation_services.activity_record(cooperation=previous.cooperation)
    return correction


def contribution_remove(*, contribution: Contribution, user: User, reason: str) -> Contribution:
    """Remove one's own entry: a correction to zero that keeps the history and the reason."""
    reason = _reason(reason)
    with transaction.atomic():
        previous = _latest_own(contribution, user)
        if previous.removed:
            raise ValidationError(_("Dieser Eintrag ist bereits entfernt."))
        zero: dict[str, dict[str, Any]] = {
            ContributionKind.HOURS: {"hours": Decimal(0)},
            ContributionKind.MONEY: {"amount": Decimal(0)},
            ContributionKind.REFERRAL: {"count": 0},
            ContributionKind.RESOURCE: {},
        }
        removal = Contribution(
            cooperation=previous.cooperation,
            member=user,
            kind=previous.kind,
            done_on=previous.done_on,
            description=previous.description,
            note=previous.note,
            removed=True,
            **zero[previous.kind],
        )
        removal = _successor(previous, removal, reason)
        cooperation_services.activity_record(cooperation=previous.cooperation)
    return removal
