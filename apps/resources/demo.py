"""Demo resources for ``seed_demo``: two Volkshochschulen and a Bildungswerk share a
seminar room, five seats of a video conference licence and a server with the
freelancers anna, ben and carla. Ben books the room for the personas' cooperation (its
cost becomes their shared cost), carla a weekly series, anna a licence seat and the
server (awaiting approval). Written through the services; running it twice adds
nothing.

The organisations come from the organisations' demo step when it ran first; otherwise
they are created here by name, kind and city, so both orders work."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import User
from apps.base.demo import DemoContext, demo_step
from apps.organisations.models import Organisation, OrganisationKind, OrganisationMember, Role
from apps.resources import services
from apps.resources.models import Resource

ORGANISATIONS = [
    ("Volkshochschule Kassel", OrganisationKind.VHS, "Kassel"),
    ("Volkshochschule Göttingen", OrganisationKind.VHS, "Göttingen"),
    ("Bildungswerk Nordhessen", OrganisationKind.BILDUNGSWERK, "Kassel"),
]


def _organisation(
    name: str, kind: str, city: str, fallback_admin: User
) -> tuple[Organisation, User]:
    organisation = Organisation.objects.filter(name=name).order_by("pk").first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, kind=kind, city=city)
    admin = (
        OrganisationMember.objects.filter(organisation=organisation, role=Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if admin is not None:
        return organisation, admin.user
    member, _created = OrganisationMember.objects.get_or_create(
        organisation=organisation, user=fallback_admin, defaults={"role": Role.ADMIN}
    )
    if member.role != Role.ADMIN:
        member.role = Role.ADMIN
        member.save(update_fields=["role"])
    return organisation, fallback_admin


def _at(day_offset: int, hour: int) -> datetime:
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return timezone.make_aware(datetime.combine(monday + timedelta(days=day_offset), time(hour)))


@demo_step("resources")
def seed_resources(context: DemoContext) -> None:
    if len(context.users) < 3 or Resource.objects.filter(name="Seminarraum 2.14").exists():
        return
    anna, ben, carla = context.users[:3]
    (kassel, kassel_admin), (goettingen, goettingen_admin), (werk, werk_admin) = (
        _organisation(name, kind, city, anna) for name, kind, city in ORGANISATIONS
    )
    freelancers = [u for u in (anna, ben, carla)]
    room = services.resource_create(
        user=kassel_admin,
        data=services.ResourceData(
            name="Seminarraum 2.14",
            kind="room",
            owner=kassel,
            city="Kassel",
            description="16 Plätze, Beamer, Flipcharts; barrierefrei über den Aufzug.",
            cost_amount=Decimal("25.00"),
            cost_unit="hour",
            max_hours=10,
            people=[u for u in freelancers if u != kassel_admin],
        ),
    )
    hours: dict[int, tuple[time, time] | None] = {day: (time(8), time(21)) for day in range(5)}
    hours[5] = (time(9), time(16))
    services.opening_hours_set(resource=room, user=kassel_admin, hours=hours)
    licence = services.resource_create(
        user=goettingen_admin,
        data=services.ResourceData(
            name="Videokonferenz-Lizenz",
            kind="licence",
            owner=goettingen,
            seats=5,
            cost_amount=Decimal("4.00"),
            cost_unit="day",
            people=[u for u in freelancers if u != goettingen_admin],
        ),
    )
    server = services.resource_create(
        user=werk_admin,
        data=services.ResourceData(
            name="Lernplattform-Server",
            kind="server",
            owner=werk,
            city="Kassel",
            description="Moodle für gemeinsame Blended-Learning-Kurse.",
            cost_amount=Decimal("90.00"),
            cost_unit="month",
            needs_approval=True,
            people=[u for u in freelancers if u != werk_admin],
        ),
    )
    cooperation = context.cooperation
    services.booking_create(
        resource=room,
        user=ben,
        starts_at=_at(1, 9),
        ends_at=_at(1, 13),
        purpose="Workshop-Generalprobe",
        cooperation=cooperation if cooperation is not None else None,
    )
    services.booking_create(
        resource=room,
        user=carla,
        starts_at=_at(3, 17),
        ends_at=_at(3, 20),
        purpose="Mediationsgruppe",
        weeks=3,
    )
    for user in (anna, ben):
        services.booking_create(
            resource=licence,
            user=user,
            starts_at=_at(2, 10),
            ends_at=_at(2, 12),
            purpose="Online-Seminar",
        )
    services.booking_create(
        resource=server,
        user=anna,
        starts_at=_at(0, 8),
        ends_at=_at(0, 8) + timedelta(days=30),
        purpose="Kursplattform für das Frühjahrsprogramm",
    )
