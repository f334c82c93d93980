"""Demo data pool for ``seed_demo``: the Volkshochschulen Kassel and Göttingen in a
pool with an accepted agreement, one finished overlap run computed with the Python
party code on synthetic (Faker) customer lists, and two terms of course statistics.

The organisations are found or created by name, so this step also works without (and
alongside) the organisations' own demo."""

from django.utils import timezone
from faker import Faker

from apps.accounts.models import User
from apps.base.demo import DemoContext, demo_step
from apps.datapool import psi
from apps.datapool.demand import DemandRow, demand_record
from apps.datapool.models import AgeBand, Category, Pool
from apps.datapool.overlap import run_answer, run_finish, run_start
from apps.datapool.services import pool_accept, pool_create
from apps.organisations.models import Organisation, OrganisationKind, OrganisationMember, Role

POOL_NAME = "Volkshochschulen Nordhessen und Südniedersachsen"
REGIONS = {
    "Volkshochschule Kassel": ["Stadt Kassel", "Landkreis Kassel", "Werra-Meißner-Kreis"],
    "Volkshochschule Göttingen": ["Stadt Göttingen", "Landkreis Göttingen", "Werra-Meißner-Kreis"],
}


def _organisation(name: str, city: str, fallback_admin: User) -> tuple[Organisation, User]:
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": OrganisationKind.VHS, "city": city, "staff_count": 40}
    )
    admin = (
        OrganisationMember.objects.filter(organisation=organisation, role=Role.ADMIN)
        .select_related("user")
        .first()
    )
    if admin is not None:
        return organisation, admin.user
    OrganisationMember.objects.update_or_create(
        organisation=organisation, user=fallback_admin, defaults={"role": Role.ADMIN}
    )
    return organisation, fallback_admin


def _customers(faker: Faker, n: int) -> list[str]:
    names = ((faker.first_name(), faker.last_name(), faker.random_int(1, 999)) for _ in range(n))
    return [f"{a}.{b}{c}@{faker.free_email_domain()}".lower() for a, b, c in names]


@demo_step("datapool")
def seed_datapool(context: DemoContext) -> None:
    if Pool.objects.filter(name=POOL_NAME).exists() or len(context.users) < 2:
        return
    kassel, anna = _organisation("Volkshochschule Kassel", "Kassel", context.users[0])
    goettingen, ben = _organisation("Volkshochschule Göttingen", "Göttingen", context.users[1])
    pool = pool_create(
        user=anna,
        organisation=kassel,
        name=POOL_NAME,
        purpose=(
            "Gemeinsame Programmplanung: Wo fragen Menschen Kurse nach, die keine der "
            "beiden Volkshochschulen ausreichend anbietet? Und wie viele Teilnehmende "
            "besuchen Kurse bei beiden?"
        ),
        partners=[goettingen],
    )
    pool_accept(user=ben, pool=pool, organisation=goettingen)

    faker = Faker("de_DE")
    faker.seed_instance(context.rng.randrange(1 << 30))
    shared = _customers(faker, 140)
    list_a = psi.distinct_addresses(shared + _customers(faker, 460))
    list_b = psi.distinct_addresses([s.upper() for s in shared] + _customers(faker, 380))
    salt, secret_a, secret_b = psi.new_salt(), psi.new_secret(), psi.new_secret()
    run = run_start(
        user=anna,
        pool=pool,
        initiator=kassel,
        responder=goettingen,
        salt=salt,
        a_blinded=psi.initiator_start(list_a, salt=salt, secret=secret_a),
    )
    ab, b_blinded = psi.responder_answer(list_b, bytes(run.a_blinded), salt=salt, secret=secret_b)
    run = run_answer(user=ben, run=run, ab=ab, b_blinded=b_blinded)
    run_finish(user=anna, run=run, ba=psi.initiator_finish(b_blinded, secret=secret_a))

    year = timezone.localdate().year
    rng = context.rng
    for organisation, user in ((kassel, anna), (goettingen, ben)):
        rows = []
        for y, term in ((year - 1, 2), (year, 1)):
            for category in Category.values:
                for region in REGIONS[organisation.name]:
                    for age_band in AgeBand.values:
                        demand = rng.choice([0, 1, 2, 4, 6, 10, 15, 25])
                        if category == Category.BASICS and "Stadt" not in region:
                            demand = rng.choice([0, 0, 1, 2])  # rare outside the cities
                        offer = max(0, demand + rng.randrange(-2, 6))
                        if category in (Category.LANGUAGES, Category.HEALTH):
                            # integration and health courses: more asked than offered
                            demand += 12
                            offer = max(0, offer - 4)
                        rows.append(DemandRow(y, term, category, region, age_band, demand, offer))
        demand_record(user=user, pool=pool, organisation=organisation, rows=rows)
