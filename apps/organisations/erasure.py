"""Account deletion: the person leaves every organisation and gives back training
places that have not started (see ``apps.base.erasure``).

Where they were the last admin, the longest-standing remaining member takes over the
administration, so an organisation never stays without one while people remain.
Attendance already recorded stays: it is the offering organisation's record too.
"""

from django.utils import timezone

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.organisations.models import OrganisationMember, Role, TrainingSignup


@erasure_step("organisations")
def organisations(user: User) -> None:
    TrainingSignup.objects.filter(user=user, training__starts_at__gt=timezone.now()).delete()
    roles = list(OrganisationMember.objects.select_for_update().filter(user=user))
    for role in roles:
        organisation_id = role.organisation_id
        role.delete()
        others = OrganisationMember.objects.select_for_update().filter(
            organisation_id=organisation_id
        )
        if others.exists() and not others.filter(role=Role.ADMIN).exists():
            successor = others.order_by("joined_at", "pk").first()
            if successor is not None:
                successor.role = Role.ADMIN
                successor.save(update_fields=["role"])
