import pytest

from apps.accounts.models import User
from apps.organisations import services
from apps.organisations.models import Organisation, OrganisationKind, Role


@pytest.fixture
def vhs(anna: User, ben: User) -> Organisation:
    """Volkshochschule Kassel: anna administers it, ben works there."""
    organisation = services.organisation_create(
        user=anna,
        name="Volkshochschule Kassel",
        kind=OrganisationKind.VHS,
        city="Kassel",
        staff_count=40,
    )
    services.member_add(organisation=organisation, user=anna, email=ben.email, role=Role.STAFF)
    return organisation
