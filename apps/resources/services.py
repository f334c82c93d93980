"""Every write of the resources: creating a resource, its opening hours and blocked
times, bookings (single or weekly, all or nothing), approval and cancellation.

No double-booking: ``booking_create`` writes the resource's row first, which
serialises the bookings of one resource (SQLite's write lock, PostgreSQL's row lock),
then checks the overlap per seat and takes the lowest free seat. On PostgreSQL the
exclusion constraint ``booking_no_overlap`` holds even if a write bypasses this
service; its violation becomes the same German sentence.

A booking for a cooperation costs the cooperation: its cost becomes a shared cost of
that cooperation (paid by the booker, split by the agreement's key), counted in the
month the booking was made – the money is committed when booking. Cancelled before
it began, the cost goes again; cancelled later, it stays.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cooperations.gate import write_gate
from apps.cooperations.models import Cooperation, MemberRole, Membership
from apps.finances import services as finances
from apps.finances.models import KeyKind
from apps.organisations.models import Organisation, OrganisationMember, Role
from apps.resources import pricing
from apps.resources.models import (
    BlockedTime,
    Booking,
    BookingStatus,
    OpeningHours,
    Resource,
)
from apps.resources.selectors import may_book, may_manage

MAX_OCCURRENCES = 52


def taken_message(starts_at: datetime, ends_at: datetime) -> str:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return _(
        "Der Zeitraum %(day)s, %(start)s–%(end)s Uhr ist bereits gebucht. "
        "Bitte wählen Sie eine andere Zeit."
    ) % {
        "day": formats.date_format(start, "SHORT_DATE_FORMAT"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


@dataclass
class ResourceData:
    name: str
    kind: str
    owner: User | Cooperation | Organisation
    city: str = ""
    description: str = ""
    seats: int = 1
    cost_amount: Decimal = Decimal(0)
    cost_unit: str = "hour"
    needs_approval: bool = False
    max_hours: int | None = None
    people: list[User] = field(default_factory=list)


def _ensure_may_own(user: User, owner: User | Cooperation | Organisation) -> None:
    if isinstance(owner, User):
        allowed = owner.pk == user.pk
    elif isinstance(owner, Cooperation):
        write_gate(cooperation=owner, user=user)
        allowed = (
            Membership.objects.current()
            .filter(cooperation=owner, user=user, role=MemberRole.COORDINATOR)
            .exists()
        )
    else:
        allowed = OrganisationMember.objects.filter(
            organisation=owner, user=user, role=Role.ADMIN
        ).exists()
    if not allowed:
        raise PermissionDenied(
            _("Ressourcen einer Kooperation oder Organisation legt deren Leitung an.")
        )


def resource_create(*, user: User, data: ResourceData) -> Resource:
    """A resource of the user, of a cooperation they coordinate or of an organisation
    they administer."""
    _ensure_may_own(user, data.owner)
    if not isinstance(data.cost_amount, Decimal):
        raise TypeError("cost_amount must be a Decimal")
    resource = Resource(
        name=data.name.strip(),
        kind=data.kind,
        description=data.description.strip(),
        city=data.city.strip(),
        seats=data.seats,
        cost_amount=data.cost_amount,
        cost_unit=data.cost_unit,
        needs_approval=data.needs_approval,
        max_hours=data.max_hours,
        created_by=user,
        owner_user=data.owner if isinstance(data.owner, User) else None,
        owner_cooperation=data.owner if isinstance(data.owner, Cooperation) else None,
        owner_organisation=data.owner if isinstance(data.owner, Organisation) else None,
    )
    resource.full_clean(exclude=["created_by"])
    with transaction.atomic():
        resource.save()
        resource.people.set(data.people)
    return resource


def _manager_gate(resource: Resource, user: User) -> None:
    if not may_manage(user=user, resource=resource):
        raise PermissionDenied(_("Das kann nur, wer die Ressource verwaltet."))


def opening_hours_set(
    *, resource: Resource, user: User, hours: dict[int, tuple[time, time] | None]
) -> Resource:
    """Replace the weekdays' windows; a weekday without a window is closed, and a
    resource without any window is always available."""
    _manager_gate(resource, user)
    for opens, closes in (h for h in hours.values() if h):
        if closes <= opens:
            raise ValidationError(_("Das Ende der Öffnungszeit muss nach dem Beginn liegen."))
    with transaction.atomic():
        resource.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(resource=resource, weekday=day, opens=h[0], closes=h[1])
            for day, h in sorted(hours.items())
            if h
        )
    return resource


def blocked_time_add(
    *, resource: Resource, user: User, starts_at: datetime, ends_at: datetime, reason: str
) -> BlockedTime:
    _manager_gate(resource, user)
    if ends_at <= starts_at:
        raise ValidationError(_("Das Ende muss nach dem Beginn liegen."))
    return BlockedTime.objects.create(
        resource=resource, starts_at=starts_at, ends_at=ends_at, reason=reason.strip()
    )


def _check_slot(resource: Resource, starts_at: datetime, ends_at: datetime) -> None:
    hours = {h.weekday: h for h in resource.opening_hours.all()}
    if hours:
        start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
        window = hours.get(start.weekday())
        if (
            window is None
            or start.date() != end.date()
            or start.time() < window.opens
            or end.time() > window.closes
        ):
            raise ValidationError(_("Die Buchung liegt außerhalb der Öffnungszeiten."))
    blocked = resource.blocked_times.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if blocked is not None:
        raise ValidationError(
            _("In diesem Zeitraum ist die Ressource gesperrt: %(reason)s")
            % {"reason": blocked.reason or _("ohne Angabe")}
        )


def _validate(
    resource: Resource, user: User, starts_at: datetime, ends_at: datetime, purpose: str
) -> None:
    if not purpose.strip():
        raise ValidationError({"purpose": _("Bitte nennen Sie den Zweck der Buchung.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Das Ende muss nach dem Beginn liegen.")})
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Buchungen beginnen in der Zukunft.")})
    if resource.max_hours and ends_at - starts_at > timedelta(hours=resource.max_hours):
        raise ValidationError(
            {
                "ends_at": _("Eine Buchung dauert höchstens %(hours)s Stunden.")
                % {"hours": resource.max_hours}
            }
        )
    if not may_book(user=user, resource=resource):
        raise PermissionDenied(_("Diese Ressource dürfen Sie nicht buchen."))


def _free_seat(resource: Resource, starts_at: datetime, ends_at: datetime) -> int:
    taken = set(
        Booking.objects.active()
        .filter(resource_id=resource.pk)
        .overlapping(starts_at, ends_at)
        .values_list("seat", flat=True)
    )
    free = [seat for seat in range(resource.seats) if seat not in taken]
    if not free:
        raise ValidationError(taken_message(starts_at, ends_at))
    return free[0]


def _add_cost(booking: Booking) -> None:
    if booking.cooperation is None or booking.cost <= 0:
        return
    today = timezone.localdate()
    local = timezone.localtime(booking.starts_at)
    booking.shared_cost = finances.shared_cost_create(
        cooperation=booking.cooperation,
        user=booking.user,
        title=f"{booking.resource.name}, {local:%d.%m.%Y %H:%M}"[:200],
        monthly_amount=booking.cost,
        payer_id=booking.user_id,
        starts_on=today,
        ends_on=today,
        kind=KeyKind.PERCENT,
        shares={},
    )
    booking.save(update_fields=["shared_cost", "updated_at"])


def booking_create(
    *,
    resource: Resource,
    user: User,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    cooperation: Cooperation | None = None,
    weeks: int = 1,
) -> list[Booking]:
    """Book a slot, or the same slot ``weeks`` weeks in a row: all or nothing.

    Refused with a German sentence when a seat is not free, the slot lies outside the
    opening hours or in a blocked time, or lasts longer than the resource allows.
    """
    if not 1 <= weeks <= MAX_OCCURRENCES:
        raise ValidationError(
            {"weeks": _("Eine Serie hat 1 bis %(n)s Termine.") % {"n": MAX_OCCURRENCES}}
        )
    _validate(resource, user, starts_at, ends_at, purpose)
    if cooperation is not None:
        write_gate(cooperation=cooperation, user=user)
    slots = [(starts_at + timedelta(weeks=k), ends_at + timedelta(weeks=k)) for k in range(weeks)]
    for start, end in slots:
        _check_slot(resource, start, end)
    status = BookingStatus.PENDING if resource.needs_approval else BookingStatus.CONFIRMED
    series = uuid.uuid4() if weeks > 1 else None
    try:
        with transaction.atomic():
            # The first statement writes: every booking of this resource waits here.
            Resource.objects.filter(pk=resource.pk).update(booking_serial=F("booking_serial") + 1)
            bookings = []
            for start, end in slots:
                booking = Booking.objects.create(
                    resource=resource,
                    seat=_free_seat(resource, start, end),
                    user=user,
                    cooperation=cooperation,
                    purpose=purpose.strip()[:200],
                    starts_at=start,
                    ends_at=end,
                    status=status,
                    series=series,
                    cost=pricing.booking_cost(
                        end - start, resource.cost_amount, resource.cost_unit
                    ),
                )
                if status == BookingStatus.CONFIRMED:
                    _add_cost(booking)
                bookings.append(booking)
    except IntegrityError:
        # PostgreSQL's exclusion constraint: someone was faster after all.
        raise ValidationError(taken_message(starts_at, ends_at)) from None
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        # SQLite waited its busy timeout for the write lock in vain.
        raise ValidationError(
            _("Gerade buchen sehr viele zugleich. Bitte versuchen Sie es gleich noch einmal.")
        ) from None
    return bookings


def booking_decide(*, booking: Booking, user: User, approve: bool) -> Booking:
    """Whoever manages the resource confirms or declines a booking awaiting approval."""
    _manager_gate(booking.resource, user)
    with transaction.atomic():
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("resource")
            .get(pk=booking.pk)
        )
        if locked.status != BookingStatus.PENDING:
            raise ValidationError(_("Über diese Buchung ist schon entschieden."))
        locked.status = BookingStatus.CONFIRMED if approve else BookingStatus.DECLINED
        locked.decided_by = user
        locked.save(update_fields=["status", "decided_by", "updated_at"])
        if approve:
            _add_cost(locked)
    return locked


def booking_cancel(*, booking: Booking, user: User) -> Booking:
    """The booker or the resource's management cancels; the slot is free again. Before
    the start the cooperation's cost goes as well; afterwards it stays."""
    if booking.user_id != user.pk and not may_manage(user=user, resource=booking.resource):
        raise PermissionDenied(
            _("Stornieren kann nur, wer gebucht hat oder die Ressource verwaltet.")
        )
    with transaction.atomic():
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("shared_cost__cooperation")
            .get(pk=booking.pk)
        )
        if not locked.is_active:
            raise ValidationError(_("Diese Buchung ist nicht mehr aktiv."))
        started = locked.starts_at <= timezone.now()
        shared_cost = locked.shared_cost
        locked.status = BookingStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        if shared_cost is not None and not started:
            locked.shared_cost = None
        locked.save(update_fields=["status", "cancelled_at", "shared_cost", "updated_at"])
        if shared_cost is not None and not started:
            finances.shared_cost_remove(shared_cost=shared_cost, user=locked.user)
    return locked
