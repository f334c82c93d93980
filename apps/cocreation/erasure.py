"""Account deletion (see ``apps.base.erasure``): the person's private case notes,
join requests and answers to gatherings go, and they leave every circle. Ideas,
dots and board posts stay as shared records of the circle, under "ehemaliges
Mitglied"."""

from django.utils import timezone

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.cocreation.models import CaseNote, CircleMembership, JoinRequest, Rsvp


@erasure_step("cocreation")
def cocreation(user: User) -> None:
    CaseNote.objects.filter(author=user).delete()
    JoinRequest.objects.filter(user=user).delete()  # with the reasons they wrote
    Rsvp.objects.filter(user=user).delete()
    CircleMembership.objects.filter(user=user, left_at__isnull=True).update(left_at=timezone.now())
