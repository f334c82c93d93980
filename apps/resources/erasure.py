"""Account deletion (see ``apps.base.erasure``): the person's own resources go with
their bookings, their future private bookings are cancelled (the slots are free
again), the purposes of their private bookings are blanked, and they leave every
booking list. Bookings for a cooperation stay with their cost as the cooperation's
record, under "ehemaliges Mitglied" (the partners cancel them if they wish)."""

from django.utils import timezone

from apps.accounts.models import User
from apps.base.erasure import erasure_step
from apps.resources.models import Booking, BookingStatus, Resource


@erasure_step("resources")
def resources(user: User) -> None:
    now = timezone.now()
    Resource.objects.filter(owner_user=user).delete()
    Booking.objects.active().filter(user=user, cooperation__isnull=True, starts_at__gt=now).update(
        status=BookingStatus.CANCELLED, cancelled_at=now
    )
    Booking.objects.filter(user=user, cooperation__isnull=True).update(purpose="–")
    Resource.people.through.objects.filter(user_id=user.pk).delete()
