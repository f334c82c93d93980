"""Demo organisations for ``seed_demo``: two Volkshochschulen and a Bildungswerk with
the personas' roles, the Kassel VHS in the personas' cooperation, and one training
across organisations with sign-ups. Written through the services.

The resources and data pool steps find these organisations by name: keep the names.
"""

from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.base.demo import DemoContext, demo_step
from apps.organisations import services
from apps.organisations.models import Organisation, OrganisationKind, Role

KASSEL = "Volkshochschule Kassel"
GOETTINGEN = "Volkshochschule Göttingen"
NORDHESSEN = "Bildungswerk Nordhessen"


def _add(organisation: Organisation, admin: User, people: list[User], role: str) -> None:
    for person in people:
        if not organisation.members.filter(user=person).exists():
            services.member_add(
                organisation=organisation, user=admin, email=person.email, role=role
            )


@demo_step("organisations")
def seed_organisations(context: DemoContext) -> None:
    if len(context.users) < 3 or Organisation.objects.filter(name=KASSEL).exists():
        return
    # carla stays a freelancer: she meets the organisations through their gaps
    anna, ben = context.users[:2]
    others = context.users[3:]
    kassel = services.organisation_create(
        user=anna,
        name=KASSEL,
        kind=OrganisationKind.VHS,
        city="Kassel",
        staff_count=48,
        about="Die Volkshochschule der Stadt Kassel: rund 1.800 Kurse im Jahr.",
        topics="Sprachen\nGesundheit und Bewegung\nBeruf und EDV",
        gaps="Uns fehlen Kursleitungen für Konfliktmoderation, Mediation im Team und "
        "Kommunikation für Führungskräfte.",
        rooms="Seminarraum 2.14 (20 Plätze, Beamer), EDV-Raum mit 16 Arbeitsplätzen",
    )
    goettingen = services.organisation_create(
        user=ben,
        name=GOETTINGEN,
        kind=OrganisationKind.VHS,
        city="Göttingen",
        staff_count=35,
        about="Volkshochschule Göttingen Osterode: Bildung für Stadt und Landkreis.",
        topics="Politische Bildung\nKultur\nGrundbildung",
        gaps="Wir suchen Angebote zu Erlebnispädagogik und Teamtagen im Freien.",
        rooms="Großer Saal (60 Plätze), Werkstattraum",
    )
    nordhessen = services.organisation_create(
        user=others[0] if others else anna,
        name=NORDHESSEN,
        kind=OrganisationKind.BILDUNGSWERK,
        city="Kassel",
        staff_count=12,
        about="Bildungswerk für berufliche Weiterbildung in Nordhessen.",
        topics="Pflege\nPädagogik",
        gaps="Uns fehlen Seminare zu Gesprächsführung und Konfliktklärung in der Pflege.",
    )
    _add(kassel, anna, others[1:4], Role.STAFF)
    _add(kassel, anna, others[4:5], Role.PLANNING)
    _add(goettingen, ben, others[5:8], Role.STAFF)
    if others:
        _add(nordhessen, others[0], [anna], Role.PLANNING)
        _add(nordhessen, others[0], others[8:10], Role.STAFF)

    if context.cooperation is not None:
        services.cooperation_organisation_add(
            cooperation=context.cooperation, user=anna, organisation=kassel
        )

    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=21)
    training = services.training_create(
        organisation=kassel,
        user=anna,
        title="vhs.cloud im Kursalltag: Lernräume, Videokonferenz, Materialien",
        starts_at=start,
        place="Volkshochschule Kassel, Seminarraum 2.14",
        online=True,
        description="Ein Tag für Kursleitungen und Programmplanung: Kurse in der vhs.cloud "
        "anlegen, Teilnehmende einladen, hybride Termine durchführen.",
        seats={kassel.pk: 3, goettingen.pk: 3, nordhessen.pk: 2},
    )
    services.training_signup(training=training, user=ben, organisation=goettingen)
    for person in others[1:3]:
        services.training_signup(training=training, user=person, organisation=kassel)
    for person in others[5:6]:
        services.training_signup(training=training, user=person, organisation=goettingen)
