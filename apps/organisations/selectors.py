"""Reads of organisations. ``organisation_for_member`` is the one access check:
anyone who does not belong gets 404, so existence does not leak."""

from django.db.models import QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.organisations.models import Organisation, OrganisationMember, Role


def organisation_for_member(*, user: User, pk: int) -> Organisation:
    """The organisation with the user's role as ``.role``; 404 for everyone else."""
    member = (
        OrganisationMember.objects.select_related("organisation")
        .filter(organisation_id=pk, user=user)
        .first()
    )
    if member is None:
        raise Http404
    organisation = member.organisation
    organisation.role = member.role  # type: ignore[attr-defined]
    return organisation


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(members__user=user).distinct()


def is_admin(*, user: User, organisation: Organisation) -> bool:
    return OrganisationMember.objects.filter(
        organisation=organisation, user=user, role=Role.ADMIN
    ).exists()
