"""Reads of resources and bookings. ``resource_for_member`` is the one access check:
whoever may not book a resource gets 404, so its existence does not leak.

Who may book (and so see) a resource: its owning member, the current members of
its owning cooperation, the members of its owning organisation, and the people
listed on it. Who manages it (opening hours, blocked times, approvals): the owning
member, the cooperation's coordination, the organisation's administration.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations.models import MemberRole, Membership
from apps.organisations.models import OrganisationMember, Role
from apps.resources.models import (
    ACTIVE,
    BlockedTime,
    Booking,
    OpeningHours,
    Resource,
)


def _visible(user: User) -> Q:
    cooperations = Membership.objects.current().filter(user=user).values("cooperation_id")
    organisations = OrganisationMember.objects.filter(user=user).values("organisation_id")
    listed = Resource.people.through.objects.filter(user_id=user.pk).values("resource_id")
    return (
        Q(owner_user_id=user.pk)
        | Q(owner_cooperation_id__in=cooperations)
        | Q(owner_organisation_id__in=organisations)
        | Q(pk__in=listed)
    )


def resources_for(*, user: User) -> QuerySet[Resource]:
    """Every resource the user may book, with its owner (one query)."""
    return (
        Resource.objects.filter(_visible(user))
        .select_related("owner_user", "owner_cooperation", "owner_organisation")
        .order_by("name", "pk")
    )


def may_manage(*, user: User, resource: Resource) -> bool:
    if resource.owner_user_id is not None:
        return resource.owner_user_id == user.pk
    if resource.owner_cooperation_id is not None:
        return (
            Membership.objects.current()
            .filter(cooperation_id=resource.owner_cooperation_id, user=user)
            .filter(role=MemberRole.COORDINATOR)
            .exists()
        )
    return OrganisationMember.objects.filter(
        organisation=resource.owner_organisation, user=user, role=Role.ADMIN
    ).exists()


def resource_for_member(*, user: User, pk: int) -> Resource:
    """The resource with ``.can_manage`` set; 404 for anyone who may not book it."""
    resource = resources_for(user=user).filter(pk=pk).first()
    if resource is None:
        raise Http404
    resource.can_manage = may_manage(user=user, resource=resource)  # type: ignore[attr-defined]
    return resource


def may_book(*, user: User, resource: Resource) -> bool:
    return resources_for(user=user).filter(pk=resource.pk).exists()


def booking_for_member(*, user: User, pk: int) -> Booking:
    """A booking of a resource the user may book; 404 otherwise."""
    booking = (
        Booking.objects.filter(pk=pk, resource__in=resources_for(user=user).values("pk"))
        .select_related("resource", "user", "cooperation")
        .first()
    )
    if booking is None:
        raise Http404
    return booking


def my_bookings(*, user: User, since: datetime | None = None) -> QuerySet[Booking]:
    """The user's own active bookings from ``since`` (default: now) on (one query)."""
    return (
        Booking.objects.active()
        .filter(user=user, ends_at__gte=since or timezone.now())
        .select_related("resource", "cooperation")
        .order_by("starts_at", "pk")
    )


def pending_for(*, resource: Resource) -> QuerySet[Booking]:
    return resource.bookings.filter(status="pending").select_related("user", "cooperation")


# The week calendar ---------------------------------------------------------------


@dataclass
class Day:
    day: date
    hours: OpeningHours | None
    bookings: list[Booking] = field(default_factory=list)
    blocked: list[BlockedTime] = field(default_factory=list)


@dataclass
class Week:
    monday: date
    days: list[Day]
    has_hours: bool

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def iso(self) -> str:
        year, week, _day = self.monday.isocalendar()
        return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def week_of(*, resource: Resource, monday: date) -> Week:
    """The week's bookings and blocked times per day (three queries, whatever the number)."""
    start, end = local_midnight(monday), local_midnight(monday + timedelta(days=7))
    bookings = list(
        resource.bookings.filter(status__in=ACTIVE)
        .overlapping(start, end)
        .select_related("user", "cooperation")
        .order_by("starts_at", "seat", "pk")
    )
    blocked = list(
        resource.blocked_times.filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at")
    )
    hours = {h.weekday: h for h in resource.opening_hours.all()}
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        low, high = local_midnight(day), local_midnight(day + timedelta(days=1))
        days.append(
            Day(
                day=day,
                hours=hours.get(day.weekday()),
                bookings=[b for b in bookings if b.starts_at < high and b.ends_at > low],
                blocked=[b for b in blocked if b.starts_at < high and b.ends_at > low],
            )
        )
    return Week(monday=monday, days=days, has_hours=bool(hours))


def parse_week(value: str, *, today: date) -> date:
    """The Monday of an ISO week like ``2026-W49``; this week for anything else."""
    try:
        return (
            date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            if value[4:6] == "-W"
            else monday_of(today)
        )
    except ValueError:
        return monday_of(today)


def export_rows(*, user: User) -> dict[str, Any]:
    """The resources part of a person's data export (three queries)."""
    return {
        "resources_owned": [
            {"name": r.name, "kind": r.kind, "city": r.city, "cost": str(r.cost_amount)}
            for r in Resource.objects.filter(owner_user=user)
        ],
        "bookings": [
            {
                "resource": b.resource.name,
                "purpose": b.purpose,
                "starts_at": b.starts_at.isoformat(),
                "ends_at": b.ends_at.isoformat(),
                "status": b.status,
                "cooperation": b.cooperation.title if b.cooperation else None,
                "cost": str(b.cost),
            }
            for b in Booking.objects.filter(user=user).select_related("resource", "cooperation")
        ],
    }


def bookings_for_cooperation(*, cooperation: Any) -> QuerySet[Booking]:
    """Every booking made for the cooperation, newest first, with resource and booker."""
    return (
        Booking.objects.filter(cooperation=cooperation)
        .select_related("resource", "user")
        .order_by("-starts_at", "-pk")
    )
