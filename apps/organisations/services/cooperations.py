"""Organisations in cooperations, represented by their people, and the size-fair key.

An organisation joins a cooperation through a current member who is an admin of it;
that member represents it. A size-fair split becomes binding only through the
finances' key proposal: everyone consents as for any other key.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation
from apps.cooperations.services import event_record
from apps.finances.models import Engagement, KeyKind, KeyProposal, KeyPurpose
from apps.finances.services.keys import key_propose
from apps.organisations.models import CooperationOrganisation, Organisation, Role
from apps.organisations.terms import variants


def cooperation_organisation_add(
    *, cooperation: Cooperation, user: User, organisation: Organisation
) -> CooperationOrganisation:
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        if not organisation.members.filter(user=user, role=Role.ADMIN).exists():
            raise PermissionDenied(
                _("Nur wer die Organisation verwaltet, kann sie in eine Kooperation einbringen.")
            )
        if CooperationOrganisation.objects.filter(
            cooperation=cooperation, organisation=organisation
        ).exists():
            raise ValidationError(_("Diese Organisation ist bereits dabei."))
        link = CooperationOrganisation.objects.create(
            cooperation=cooperation, organisation=organisation, representative=user
        )
        event_record(
            cooperation=cooperation,
            actor=user,
            kind="organisation_joined",
            organisation=organisation.name,
            staff=organisation.staff_count,
        )
    return link


def cooperation_organisation_remove(*, cooperation: Cooperation, user: User, link_id: int) -> None:
    """The representative or an admin of the organisation takes it out again."""
    with transaction.atomic():
        write_gate(cooperation=cooperation, user=user)
        link = (
            CooperationOrganisation.objects.select_for_update()
            .filter(cooperation=cooperation, pk=link_id)
            .first()
        )
        if link is None:
            raise ValidationError(_("Diese Organisation ist nicht (mehr) dabei."))
        is_admin = link.organisation.members.filter(user=user, role=Role.ADMIN).exists()
        if link.representative_id != user.pk and not is_admin:
            raise PermissionDenied(_("Das darf nur, wer die Organisation vertritt."))
        event_record(
            cooperation=cooperation,
            actor=user,
            kind="organisation_left",
            organisation=link.organisation.name,
        )
        link.delete()


def size_fair_key_propose(
    *, engagement: Engagement, user: User, purpose: str, variant: str
) -> KeyProposal:
    """Propose one of the side-by-side variants as the engagement's split key (percent
    per member); it takes effect when every member consented (``key_consent``)."""
    from apps.organisations.selectors import cooperation_partners

    if purpose not in (KeyPurpose.REVENUE, KeyPurpose.COST):
        raise ValidationError(_("Bitte wählen Sie Einnahmen oder Kosten."))
    partners = cooperation_partners(cooperation=engagement.cooperation)
    chosen = next((v for v in variants(partners) if v.key == variant), None)
    if chosen is None or not chosen.usable:
        raise ValidationError(_("Diese Aufteilung lässt sich nicht vorschlagen."))
    shares = {
        partner.user_id: (percent, Decimal(0))
        for partner, percent in zip(partners, chosen.percents, strict=True)
    }
    return key_propose(
        engagement=engagement, user=user, purpose=purpose, kind=KeyKind.PERCENT, shares=shares
    )
