import pytest

from apps.accounts.models import User
from apps.datapool.models import Pool
from apps.datapool.services import pool_accept, pool_create
from apps.organisations.models import Organisation, OrganisationMember, Role


def organisation_with(name: str, admin: User, **members: User) -> Organisation:
    organisation = Organisation.objects.create(name=name, kind="vhs")
    OrganisationMember.objects.create(organisation=organisation, user=admin, role=Role.ADMIN)
    for role, user in members.items():
        OrganisationMember.objects.create(organisation=organisation, user=user, role=role)
    return organisation


@pytest.fixture
def kassel(anna: User) -> Organisation:
    return organisation_with("Volkshochschule Kassel", anna)


@pytest.fixture
def goettingen(ben: User) -> Organisation:
    return organisation_with("Volkshochschule Göttingen", ben)


@pytest.fixture
def pool(anna: User, ben: User, kassel: Organisation, goettingen: Organisation) -> Pool:
    """Kassel (Anna, admin) and Göttingen (Ben, admin), both accepted."""
    created = pool_create(
        user=anna,
        organisation=kassel,
        name="Nordhessen–Südniedersachsen",
        purpose="Gemeinsame Programmplanung",
        partners=[goettingen],
    )
    pool_accept(user=ben, pool=created, organisation=goettingen)
    return created
