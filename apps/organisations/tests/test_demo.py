from apps.accounts.models import User
from apps.core.demo.personas import ANNA, BEN, CARLA
from apps.core.demo.seed import seed_demo
from apps.organisations.models import (
    CooperationOrganisation,
    Organisation,
    OrganisationMember,
    Role,
    TrainingSignup,
)


def test_demo_has_two_vhs_a_bildungswerk_and_a_shared_training(db: None) -> None:
    seed_demo(people=20, seed=3)
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {
        "Volkshochschule Kassel",
        "Volkshochschule Göttingen",
        "Bildungswerk Nordhessen",
    } <= names
    anna, ben, carla = (User.objects.get(email=p.email) for p in (ANNA, BEN, CARLA))
    role = {
        (m.organisation.name, m.user_id): m.role
        for m in OrganisationMember.objects.select_related("organisation")
    }
    assert role[("Volkshochschule Kassel", anna.pk)] == Role.ADMIN
    assert role[("Volkshochschule Göttingen", ben.pk)] == Role.ADMIN
    assert not OrganisationMember.objects.filter(user=carla).exists()
    signups = TrainingSignup.objects.select_related("organisation")
    assert len({s.organisation.name for s in signups}) >= 2
    assert CooperationOrganisation.objects.filter(
        organisation__name="Volkshochschule Kassel"
    ).exists()
