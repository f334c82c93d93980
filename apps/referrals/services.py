"""Every write of referrals: giving one, its status changes, thanks, sharing and erasure.

Who may do what is one table (``TRANSITIONS``); the pages show exactly the actions
``available_actions`` allows, and every change adds a row to the referral's history.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.referrals import selectors
from apps.referrals.models import (
    TAKEN_STATUSES,
    Referral,
    ReferralAction,
    ReferralEvent,
    ReferralStatus,
)

GIVER, RECEIVER = "giver", "receiver"


@dataclass(frozen=True)
class Transition:
    role: str
    sources: tuple[str, ...]
    target: str


S = ReferralStatus
TRANSITIONS: dict[str, Transition] = {
    ReferralAction.ACCEPTED: Transition(RECEIVER, (S.OFFERED,), S.ACCEPTED),
    ReferralAction.DECLINED: Transition(RECEIVER, (S.OFFERED,), S.DECLINED),
    ReferralAction.WITHDRAWN: Transition(GIVER, (S.OFFERED,), S.WITHDRAWN),
    ReferralAction.CONTACTED: Transition(RECEIVER, (S.ACCEPTED,), S.CONTACTED),
    ReferralAction.WON: Transition(RECEIVER, (S.ACCEPTED, S.CONTACTED), S.WON),
    ReferralAction.LOST: Transition(RECEIVER, (S.ACCEPTED, S.CONTACTED), S.LOST),
}

# An e-mail address or a phone number (at least 7 digits, starting with + or 0).
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")
_PHONE = re.compile(r"(?:\+|(?<!\d)0)[\d\s/().-]{6,}\d")


@dataclass(frozen=True)
class ClientConsent:
    """The client's consent to pass on their contact data, as the giver recorded it."""

    given_by: str  # the client's name, as they consented
    given_on: date
    text: str  # exactly the text shown to the client


def consent_text_for(*, giver: User) -> str:
    """The consent the giver reads out or sends to the client; stored as shown."""
    return _(
        "Ich bin damit einverstanden, dass %(giver)s meinen Namen, meine E-Mail-Adresse "
        "und meine Telefonnummer über WirWerk an eine Kollegin oder einen Kollegen "
        "weitergibt, damit diese Person mich zu meinem Anliegen kontaktiert. Kommt keine "
        "Zusammenarbeit zustande, werden die Daten spätestens %(months)d Monate später "
        "gelöscht. Ich kann die Einwilligung jederzeit bei %(giver)s widerrufen."
    ) % {"giver": giver, "months": settings.REFERRALS_CLIENT_DATA_RETENTION_MONTHS}


def contains_contact_data(text: str) -> bool:
    if _EMAIL.search(text):
        return True
    return any(sum(c.isdigit() for c in m.group()) >= 7 for m in _PHONE.finditer(text))


def _event(
    referral: Referral, *, actor: User | None, action: str, from_status: str = ""
) -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=referral.status,
    )


# Giving a referral --------------------------------------------------------------------


def referral_offer(
    *,
    giver: User,
    receiver: User,
    client_label: str,
    need: str,
    expected_value: Decimal | None = None,
    client_name: str = "",
    client_email: str = "",
    client_phone: str = "",
    consent: ClientConsent | None = None,
) -> Referral:
    """Give a referral to one of one's referral partners (connections for now).

    Refused: to oneself or to anyone outside ``referral_partners_for(giver)``; any
    contact data of the client without a complete consent (who, when, text), or a
    consent dated in the future; e-mail addresses or phone numbers in the anonymous
    description or the need, where the erasure job could not remove them.
    """
    client_name, client_email, client_phone = (
        client_name.strip(),
        client_email.strip(),
        client_phone.strip(),
    )
    has_contact = bool(client_name or client_email or client_phone)
    if giver.pk == receiver.pk:
        raise ValidationError(_("Sie können sich nicht selbst eine Empfehlung geben."))
    if not selectors.is_referral_partner(user=giver, other=receiver):
        raise ValidationError(
            {"receiver": _("Empfehlungen können Sie nur an Personen aus Ihrem Netzwerk geben.")},
            code="not_a_partner",
        )
    _check_anonymous(client_label=client_label, need=need)
    if has_contact:
        _check_consent(consent)
    referral = Referral(
        giver=giver,
        receiver=receiver,
        client_label=client_label.strip(),
        need=need.strip(),
        expected_value=expected_value,
        client_name=client_name,
        client_email=client_email,
        client_phone=client_phone,
        status=ReferralStatus.OFFERED,
        status_changed_at=timezone.now(),
    )
    if has_contact and consent is not None:
        referral.consent_given_by = consent.given_by.strip()
        referral.consented_on = consent.given_on
        referral.consent_text = consent.text
    with transaction.atomic():
        referral.full_clean()
        referral.save()
        _event(referral, actor=giver, action=ReferralAction.OFFERED)
    return referral


def _check_anonymous(*, client_label: str, need: str) -> None:
    errors = {}
    message = _(
        "Bitte keine E-Mail-Adressen oder Telefonnummern in die Beschreibung schreiben – "
        "dafür gibt es die Felder für Kontaktdaten (nur mit Einwilligung)."
    )
    if contains_contact_data(client_label):
        errors["client_label"] = message
    if contains_contact_data(need):
        errors["need"] = message
    if errors:
        raise ValidationError(errors, code="contact_data_in_description")


def _check_consent(consent: ClientConsent | None) -> None:
    if consent is None or not consent.given_by.strip() or not consent.text.strip():
        raise ValidationError(
            _(
                "Kontaktdaten der Kundin oder des Kunden dürfen Sie nur mit einer Einwilligung "
                "speichern. Bitte erfassen Sie, wer wann eingewilligt hat – oder lassen Sie die "
                "Kontaktdaten weg und beschreiben Sie den Bedarf anonym."
            ),
            code="consent_missing",
        )
    if consent.given_on > timezone.localdate():
        raise ValidationError(
            {"consented_on": _("Das Datum der Einwilligung liegt in der Zukunft.")},
            code="consent_in_future",
        )


# Status changes -----------------------------------------------------------------------


def available_actions(*, referral: Referral, user: User) -> set[str]:
    """The actions ``user`` may take on the referral now (status changes and the rest)."""
    role = referral.role_of(user)
    actions = {
        action
        for action, transition in TRANSITIONS.items()
        if transition.role == role and referral.status in transition.sources
    }
    if role == RECEIVER and referral.status in TAKEN_STATUSES and not referral.thank_you_note:
        actions.add(ReferralAction.THANKED)
    if role == RECEIVER and referral.status == ReferralStatus.WON and not referral.value_shared:
        actions.add(ReferralAction.VALUE_SHARED)
    if role == GIVER and referral.has_contact_data:
        actions.add(ReferralAction.CLIENT_DATA_ERASED)
    return actions


def _require_role(referral: Referral, user: User, role: str) -> None:
    if referral.role_of(user) != role:
        raise PermissionDenied


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _not_possible(referral: Referral) -> ValidationError:
    return ValidationError(
        _("Das ist bei dieser Empfehlung nicht mehr möglich (Status: %(status)s).")
        % {"status": referral.get_status_display()},
        code="wrong_status",
    )


def _transition(
    referral: Referral, *, user: User, action: str, won_value: Decimal | None = None
) -> Referral:
    transition = TRANSITIONS[action]
    _require_role(referral, user, transition.role)
    with transaction.atomic():
        locked = _locked(referral)
        if locked.status not in transition.sources:
            raise _not_possible(locked)
        before = locked.status
        locked.status = transition.target
        locked.status_changed_at = timezone.now()
        fields = ["status", "status_changed_at", "updated_at"]
        if won_value is not None:
            locked.won_value = won_value
            fields.append("won_value")
        locked.full_clean()
        locked.save(update_fields=fields)
        _event(locked, actor=user, action=action, from_status=before)
    for name in ("status", "status_changed_at", "won_value", "updated_at"):
        setattr(referral, name, getattr(locked, name))
    return referral


def referral_accept(*, referral: Referral, user: User) -> Referral:
    """Only the receiver accepts an offered referral; from then on they see the contact."""
    return _transition(referral, user=user, action=ReferralAction.ACCEPTED)


def referral_decline(*, referral: Referral, user: User) -> Referral:
    """Only the receiver declines an offered referral."""
    return _transition(referral, user=user, action=ReferralAction.DECLINED)


def referral_withdraw(*, referral: Referral, user: User) -> Referral:
    """Only the giver withdraws, and only while the referral is still offered."""
    return _transition(referral, user=user, action=ReferralAction.WITHDRAWN)


def referral_mark_contacted(*, referral: Referral, user: User) -> Referral:
    """Only the receiver records that they contacted the client of an accepted referral."""
    return _transition(referral, user=user, action=ReferralAction.CONTACTED)


def referral_mark_lost(*, referral: Referral, user: User) -> Referral:
    """Only the receiver closes an accepted or contacted referral without business."""
    return _transition(referral, user=user, action=ReferralAction.LOST)


def referral_mark_won(
    *, referral: Referral, user: User, value: Decimal, share_value: bool = False
) -> Referral:
    """Only the receiver records the business won and its value (0 or more).

    The value stays private to the receiver unless ``share_value``; shared, it is
    credited to the giver as closed business in both people's reciprocity figures.
    """
    if value is None or value < 0:
        raise ValidationError(
            {"value": _("Bitte geben Sie den Auftragswert an (0 € oder mehr).")},
            code="value_missing",
        )
    with transaction.atomic():
        _transition(referral, user=user, action=ReferralAction.WON, won_value=value)
        if share_value:
            referral_share_value(referral=referral, user=user)
    return referral


def referral_share_value(*, referral: Referral, user: User) -> Referral:
    """Only the receiver shares the value of a won referral with the giver; once is enough."""
    _require_role(referral, user, RECEIVER)
    with transaction.atomic():
        locked = _locked(referral)
        if locked.status != ReferralStatus.WON:
            raise _not_possible(locked)
        if not locked.value_shared:
            locked.value_shared = True
            locked.save(update_fields=["value_shared", "updated_at"])
            _event(locked, actor=user, action=ReferralAction.VALUE_SHARED, from_status=S.WON)
    referral.value_shared = True
    return referral


def referral_thank(*, referral: Referral, user: User, note: str) -> Referral:
    """Only the receiver thanks the giver, once, after taking the referral on."""
    _require_role(referral, user, RECEIVER)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Bitte schreiben Sie ein paar Worte.")}, code="empty")
    with transaction.atomic():
        locked = _locked(referral)
        if locked.status not in TAKEN_STATUSES:
            raise _not_possible(locked)
        if locked.thank_you_note:
            raise ValidationError(
                _("Sie haben sich für diese Empfehlung bereits bedankt."), code="already_thanked"
            )
        locked.thank_you_note = note
        locked.thanked_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["thank_you_note", "thanked_at", "updated_at"])
        _event(locked, actor=user, action=ReferralAction.THANKED, from_status=locked.status)
    referral.thank_you_note, referral.thanked_at = locked.thank_you_note, locked.thanked_at
    return referral


# Client data: erasure -----------------------------------------------------------------

_ERASED_FIELDS = {"client_name": "", "client_email": "", "client_phone": "", "consent_given_by": ""}


def referral_erase_client_data(*, referral: Referral, user: User) -> Referral:
    """Only the giver erases the client's data at once, e.g. when the client withdraws consent.

    The anonymous description, the need, the values and the history stay.
    """
    _require_role(referral, user, GIVER)
    with transaction.atomic():
        locked = _locked(referral)
        if not Referral.objects.filter(pk=locked.pk).with_client_data().exists():
            return referral
        now = timezone.now()
        Referral.objects.filter(pk=locked.pk).update(
            **_ERASED_FIELDS, client_data_erased_at=now, updated_at=now
        )
        erased = ReferralAction.CLIENT_DATA_ERASED
        _event(locked, actor=user, action=erased, from_status=locked.status)
    for name, value in _ERASED_FIELDS.items():
        setattr(referral, name, value)
    referral.client_data_erased_at = now
    return referral


def erasure_cutoff(now: datetime | None = None) -> datetime:
    months = settings.REFERRALS_CLIENT_DATA_RETENTION_MONTHS
    return selectors.months_before(now or timezone.now(), months)


def referrals_erase_stale_client_data(*, now: datetime | None = None) -> int:
    """The periodic job: erase the client data of lost or stale referrals.

    Due are referrals that were not won and whose status has not changed for the
    retention period (``REFERRALS_CLIENT_DATA_RETENTION_MONTHS``, default 6): declined,
    withdrawn and lost ones as well as open ones nobody moved on. Everything anonymous
    stays, so the reciprocity figures do not change. Idempotent: a second run finds
    nothing. Returns the number of referrals erased.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Referral.objects.select_for_update()
            .with_client_data()
            .exclude(status=ReferralStatus.WON)
            .filter(status_changed_at__lte=erasure_cutoff(now))
            .values_list("pk", "status")
        )
        if not due:
            return 0
        Referral.objects.filter(pk__in=[pk for pk, _status in due]).update(
            **_ERASED_FIELDS, client_data_erased_at=now, updated_at=now
        )
        ReferralEvent.objects.bulk_create(
            ReferralEvent(
                referral_id=pk,
                actor=None,
                action=ReferralAction.CLIENT_DATA_ERASED,
                from_status=status,
                to_status=status,
            )
            for pk, status in due
        )
    return len(due)
