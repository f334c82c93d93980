"""The organisations' part of a person's data export (see ``apps.base.data_export``):
their roles, the organisations they represent in cooperations, their training places."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.organisations.models import CooperationOrganisation, OrganisationMember, TrainingSignup


@data_export_section("organisations")
def organisations(user: User) -> dict[str, list[dict[str, Any]]]:
    roles = OrganisationMember.objects.filter(user=user).select_related("organisation")
    represented = CooperationOrganisation.objects.filter(representative=user).select_related(
        "organisation", "cooperation"
    )
    signups = TrainingSignup.objects.filter(user=user).select_related(
        "training", "training__organisation", "organisation"
    )
    return {
        "roles": [
            {
                "organisation": m.organisation.name,
                "kind": m.organisation.kind,
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "joined_at": iso(m.joined_at),
            }
            for m in roles.order_by("joined_at", "pk")
        ],
        "represented_in_cooperations": [
            {
                "organisation": link.organisation.name,
                "cooperation": link.cooperation.title,
                "since": iso(link.created_at),
            }
            for link in represented.order_by("created_at", "pk")
        ],
        "trainings": [
            {
                "title": s.training.title,
                "offered_by": s.training.organisation.name,
                "starts_at": iso(s.training.starts_at),
                "seat_of": s.organisation.name,
                "signed_up_at": iso(s.created_at),
                "attended": s.attended,
            }
            for s in signups.order_by("created_at", "pk")
        ],
    }
