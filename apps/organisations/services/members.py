"""An organisation and its people: create, profile, add, change role, remove, leave.

Only admins manage; an organisation always keeps at least one admin (checked with
the member rows locked, so two admins cannot remove each other at the same time).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.organisations.models import Organisation, OrganisationMember, Role

PROFILE_FIELDS = ("name", "kind", "city", "about", "staff_count", "topics", "gaps", "rooms")


def admin_gate(*, organisation: Organisation, user: User) -> None:
    """Refuse everyone but the organisation's admins (the one check for managing)."""
    if not OrganisationMember.objects.filter(
        organisation=organisation, user=user, role=Role.ADMIN
    ).exists():
        raise PermissionDenied(_("Das dürfen nur Personen mit der Rolle Verwaltung."))


def organisation_create(*, user: User, **fields: Any) -> Organisation:
    """A new organisation; whoever creates it becomes its first admin."""
    with transaction.atomic():
        organisation = Organisation(**{k: v for k, v in fields.items() if k in PROFILE_FIELDS})
        organisation.full_clean()
        organisation.save()
        OrganisationMember.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
    return organisation


def organisation_update(*, organisation: Organisation, user: User, **fields: Any) -> Organisation:
    with transaction.atomic():
        admin_gate(organisation=organisation, user=user)
        for name, value in fields.items():
            if name in PROFILE_FIELDS:
                setattr(organisation, name, value)
        organisation.full_clean()
        organisation.save()
    return organisation


def member_add(
    *, organisation: Organisation, user: User, email: str, role: str = Role.STAFF
) -> OrganisationMember:
    """Add an existing user by e-mail address. Nobody is invited who has no account."""
    with transaction.atomic():
        admin_gate(organisation=organisation, user=user)
        if role not in Role.values:
            raise ValidationError({"role": _("Bitte wählen Sie eine Rolle.")})
        person = User.objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise ValidationError(
                {
                    "email": _(
                        "Unter dieser E-Mail-Adresse ist niemand bei WirWerk angemeldet. "
                        "Bitten Sie die Person, sich zuerst zu registrieren."
                    )
                }
            )
        if OrganisationMember.objects.filter(organisation=organisation, user=person).exists():
            raise ValidationError({"email": _("Diese Person gehört bereits dazu.")})
        return OrganisationMember.objects.create(organisation=organisation, user=person, role=role)


def _locked_members(organisation: Organisation) -> dict[int, OrganisationMember]:
    rows = OrganisationMember.objects.select_for_update().filter(organisation=organisation)
    return {m.pk: m for m in rows.order_by("pk")}


def _keeps_an_admin(members: dict[int, OrganisationMember], without: int) -> None:
    if not any(m.role == Role.ADMIN for pk, m in members.items() if pk != without):
        raise ValidationError(
            _("Eine Organisation braucht mindestens eine Person mit der Rolle Verwaltung.")
        )


def _member(members: dict[int, OrganisationMember], pk: int) -> OrganisationMember:
    if pk not in members:
        raise ValidationError(_("Diese Person gehört nicht (mehr) zur Organisation."))
    return members[pk]


def member_role_change(
    *, organisation: Organisation, user: User, member_id: int, role: str
) -> OrganisationMember:
    with transaction.atomic():
        admin_gate(organisation=organisation, user=user)
        if role not in Role.values:
            raise ValidationError({"role": _("Bitte wählen Sie eine Rolle.")})
        members = _locked_members(organisation)
        member = _member(members, member_id)
        if role != Role.ADMIN:
            _keeps_an_admin(members, without=member.pk)
        member.role = role
        member.save(update_fields=["role"])
    return member


def member_remove(*, organisation: Organisation, user: User, member_id: int) -> None:
    with transaction.atomic():
        admin_gate(organisation=organisation, user=user)
        members = _locked_members(organisation)
        member = _member(members, member_id)
        _keeps_an_admin(members, without=member.pk)
        member.delete()


def member_leave(*, organisation: Organisation, user: User) -> None:
    with transaction.atomic():
        members = _locked_members(organisation)
        mine = next((m for m in members.values() if m.user_id == user.pk), None)
        if mine is None:
            raise ValidationError(_("Sie gehören nicht (mehr) zu dieser Organisation."))
        _keeps_an_admin(members, without=mine.pk)
        mine.delete()
