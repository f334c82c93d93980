"""Account deletion: the person leaves every cooperation they still belong to, and
open invitations to or from them are withdrawn (see ``apps.base.erasure``).

Memberships, agreement versions with their commitments and acceptances, and the
timeline stay: they are the partners' records too, and the hash chain covers them.
"""

from django.db.models import Q
from django.utils import timezone

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.cooperations.models import EventKind, Invitation, Membership
from apps.cooperations.services.common import timeline_event
from apps.cooperations.services.members import after_membership_change, end_membership


@erasure_step("cooperations")
def cooperations(user: User) -> None:
    Invitation.objects.open().filter(Q(invitee=user) | Q(invited_by=user)).update(
        revoked_at=timezone.now()
    )
    for membership in Membership.objects.current().filter(user=user).select_related("cooperation"):
        cooperation = membership.cooperation
        end_membership(membership)
        timeline_event(cooperation, None, EventKind.LEFT, member="ehemaliges Mitglied")
        after_membership_change(cooperation, None)
