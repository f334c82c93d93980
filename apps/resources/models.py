"""Resources and their bookings.

A resource belongs to exactly one owner: a member, a cooperation or an organisation
(a check constraint). Its people may book it: the owning member, the cooperation's
current members, the organisation's members – and the people listed on it.

No double-booking: every active booking (awaiting approval or confirmed) holds one
seat of its resource for a half-open time range. On PostgreSQL an exclusion
constraint over (resource, seat, time range) makes an overlap impossible even under
concurrency (added by the migration only there, see ``BOOKING_NO_OVERLAP``); on both
databases the booking service serialises the bookings of one resource by writing its
row first and checks the overlap itself, so the loser gets a German sentence.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.utils.translation import gettext_lazy as _

from apps.base.models import TimeStampedModel


class ResourceKind(models.TextChoices):
    ROOM = "room", _("Raum")
    DESK = "desk", _("Arbeitsplatz")
    EQUIPMENT = "equipment", _("Ausstattung")
    LICENCE = "licence", _("Softwarelizenz")
    SERVER = "server", _("Server oder Plattform")


class CostUnit(models.TextChoices):
    HOUR = "hour", _("pro Stunde")
    DAY = "day", _("pro Tag")
    MONTH = "month", _("pro Monat")


class Resource(TimeStampedModel):
    name = models.CharField(_("Bezeichnung"), max_length=160)
    kind = models.CharField(
        _("Art"), max_length=12, choices=ResourceKind.choices, default=ResourceKind.ROOM
    )
    description = models.TextField(_("Beschreibung"), max_length=2000, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="owned_resources",
    )
    owner_cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="bookable_resources",
        verbose_name=_("weitere Personen, die buchen dürfen"),
    )
    seats = models.PositiveSmallIntegerField(
        _("Plätze gleichzeitig"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Bei Lizenzen: wie viele Personen sie gleichzeitig nutzen können."),
    )
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    cost_amount = models.DecimalField(
        _("Kosten (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    cost_unit = models.CharField(
        _("je"), max_length=6, choices=CostUnit.choices, default=CostUnit.HOUR
    )
    needs_approval = models.BooleanField(_("Buchungen brauchen eine Freigabe"), default=False)
    max_hours = models.PositiveIntegerField(
        _("längste Buchung (Stunden)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    # Written first by every booking: the write serialises the bookings of one resource
    # (SQLite's write lock, PostgreSQL's row lock).
    booking_serial = models.PositiveBigIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Ressource")
        verbose_name_plural = _("Ressourcen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_user__isnull=False, owner_cooperation=None, owner_organisation=None)
                    | Q(owner_user=None, owner_cooperation__isnull=False, owner_organisation=None)
                    | Q(owner_user=None, owner_cooperation=None, owner_organisation__isnull=False)
                ),
                name="resource_exactly_one_owner",
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="resource_seats_positive"),
            models.CheckConstraint(
                condition=Q(cost_amount__gte=0), name="resource_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="resource_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner_name(self) -> str:
        owner = self.owner_user or self.owner_cooperation or self.owner_organisation
        return str(owner)


class OpeningHours(models.Model):
    """One weekday's window; a resource without any is always available."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("Wochentag"), validators=[MaxValueValidator(6)]
    )  # 0 Monday … 6 Sunday
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "weekday"], name="opening_hours_once"),
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="opening_hours_order"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="opening_hours_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.opens}–{self.closes}"


class BlockedTime(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="blocked_times")
    starts_at = models.DateTimeField(_("von"))
    ends_at = models.DateTimeField(_("bis"))
    reason = models.CharField(_("Grund"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="blocked_time_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at}–{self.ends_at}"


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("wartet auf Freigabe")
    CONFIRMED = "confirmed", _("bestätigt")
    DECLINED = "declined", _("abgelehnt")
    CANCELLED = "cancelled", _("storniert")


ACTIVE = (BookingStatus.PENDING, BookingStatus.CONFIRMED)


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> "BookingQuerySet":
        return self.filter(status__in=ACTIVE)

    def overlapping(self, starts_at: object, ends_at: object) -> "BookingQuerySet":
        # Half-open ranges: a booking ending at 10:00 and one starting at 10:00 do not clash.
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Booking(TimeStampedModel):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookings")
    seat = models.PositiveSmallIntegerField(_("Platz"), default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resource_bookings",
        verbose_name=_("gebucht von"),
    )
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_bookings",
        verbose_name=_("für die Kooperation"),
    )
    purpose = models.CharField(_("Zweck"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    status = models.CharField(
        _("Stand"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    series = models.UUIDField(null=True, blank=True, db_index=True)
    cost = models.DecimalField(_("Kosten (EUR)"), max_digits=12, decimal_places=2, default=0)
    shared_cost = models.ForeignKey(
        "finances.SharedCost",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("storniert am"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        indexes = [models.Index(fields=["resource", "starts_at"], name="booking_resource_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_order"),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_valid"
            ),
            models.CheckConstraint(condition=Q(cost__gte=0), name="booking_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


# PostgreSQL only (SQLite knows no exclusion constraints): the migration adds it there.
# It is not in ``Meta.constraints`` so that model validation never runs it on SQLite.
BOOKING_NO_OVERLAP = ExclusionConstraint(
    name="booking_no_overlap",
    expressions=[
        ("resource", RangeOperators.EQUAL),
        ("seat", RangeOperators.EQUAL),
        (TsTzRange("starts_at", "ends_at", models.Value("[)")), RangeOperators.OVERLAPS),
    ],
    condition=Q(status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED]),
)
