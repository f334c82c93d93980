from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import User
from apps.base.data_export import user_data_export
from apps.base.erasure import erase_personal_data
from apps.organisations import services
from apps.organisations.models import Organisation, Role, TrainingSignup


def test_export_lists_roles_and_training_places(vhs: Organisation, anna: User, ben: User) -> None:
    training = services.training_create(
        organisation=vhs,
        user=anna,
        title="Moodle",
        starts_at=timezone.now() + timedelta(days=2),
        place="",
        online=True,
        description="",
        seats={vhs.pk: 2},
    )
    services.training_signup(training=training, user=ben, organisation=vhs)
    section = user_data_export(ben)["organisations"]
    assert section["roles"][0]["organisation"] == "Volkshochschule Kassel"
    assert section["roles"][0]["role"] == "staff"
    assert section["trainings"][0]["title"] == "Moodle"


def test_erasure_leaves_organisations_and_hands_on_the_administration(
    vhs: Organisation, anna: User, ben: User
) -> None:
    training = services.training_create(
        organisation=vhs,
        user=anna,
        title="Moodle",
        starts_at=timezone.now() + timedelta(days=2),
        place="",
        online=True,
        description="",
        seats={vhs.pk: 2},
    )
    services.training_signup(training=training, user=anna, organisation=vhs)
    erase_personal_data(anna)
    assert not vhs.members.filter(user=anna).exists()
    assert vhs.members.get(user=ben).role == Role.ADMIN
    assert not TrainingSignup.objects.filter(user=anna).exists()
