"""The resources' part of a cooperation's archive: the resources it owns and every
booking made for it, cancelled ones included. Discovered by
``apps.cooperations.archive``."""

from django.utils.translation import gettext_lazy as _

from apps.cooperations.archive import ArchivePart, archive_section, iso
from apps.cooperations.models import Cooperation
from apps.cooperations.selectors import as_seen
from apps.resources.models import Booking, Resource


@archive_section(
    "resources",
    as_of=True,
    description=_("die Ressourcen der Kooperation und alle Buchungen für sie mit ihren Kosten"),
)
def resources_section(cooperation: Cooperation) -> ArchivePart:
    owned = Resource.objects.filter(owner_cooperation=cooperation).order_by("pk")
    bookings = (
        as_seen(Booking.objects.filter(cooperation=cooperation), cooperation)
        .select_related("resource", "user")
        .order_by("starts_at", "pk")
    )
    return ArchivePart(
        data={
            "resources": [
                {
                    "id": r.pk,
                    "name": r.name,
                    "kind": r.kind,
                    "city": r.city,
                    "seats": r.seats,
                    "cost_amount": str(r.cost_amount),
                    "cost_unit": r.cost_unit,
                }
                for r in owned
            ],
            "bookings": [
                {
                    "id": b.pk,
                    "resource": b.resource.name,
                    "booked_by": str(b.user),
                    "purpose": b.purpose,
                    "starts_at": iso(b.starts_at),
                    "ends_at": iso(b.ends_at),
                    "status": b.status,
                    "cost": str(b.cost),
                    "cancelled_at": iso(b.cancelled_at),
                }
                for b in bookings
            ],
        }
    )
