"""Cross-organisation trainings: seats per organisation are never exceeded."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.organisations import services
from apps.organisations.models import Organisation, Role, Training, TrainingSignup


@pytest.fixture
def goettingen(carla: User) -> Organisation:
    return services.organisation_create(
        user=carla, name="Volkshochschule Göttingen", kind="vhs", staff_count=25
    )


@pytest.fixture
def training(vhs: Organisation, goettingen: Organisation, anna: User) -> Training:
    """VHS Kassel offers it: one seat for its own staff, one for Göttingen's."""
    return services.training_create(
        organisation=vhs,
        user=anna,
        title="Barrierefreie Kursunterlagen",
        starts_at=timezone.now() + timedelta(days=14),
        place="Kassel, Wilhelmshöher Allee 19",
        online=False,
        description="Ein Tag für Kursleitungen und Verwaltung.",
        seats={vhs.pk: 1, goettingen.pk: 1},
    )


def test_staff_sign_up_on_their_organisations_seats(
    training: Training, vhs: Organisation, ben: User
) -> None:
    signup = services.training_signup(training=training, user=ben, organisation=vhs)
    assert signup.organisation == vhs


def test_never_more_than_the_organisations_seats(
    training: Training, vhs: Organisation, anna: User, ben: User
) -> None:
    services.training_signup(training=training, user=ben, organisation=vhs)
    with pytest.raises(ValidationError, match="Alle Plätze Ihrer Organisation sind vergeben"):
        services.training_signup(training=training, user=anna, organisation=vhs)
    assert TrainingSignup.objects.filter(training=training, organisation=vhs).count() == 1


def test_one_organisations_full_seats_leave_the_others_open(
    training: Training, vhs: Organisation, goettingen: Organisation, ben: User, carla: User
) -> None:
    services.training_signup(training=training, user=ben, organisation=vhs)
    services.training_signup(training=training, user=carla, organisation=goettingen)
    assert TrainingSignup.objects.filter(training=training).count() == 2


def test_nobody_signs_up_for_an_organisation_they_do_not_belong_to(
    training: Training, goettingen: Organisation, ben: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.training_signup(training=training, user=ben, organisation=goettingen)


def test_an_organisation_without_seats_cannot_sign_up(
    training: Training, carla: User, ben: User
) -> None:
    other = services.organisation_create(user=ben, name="Bildungswerk Nordhessen")
    with pytest.raises(ValidationError, match="keine Plätze"):
        services.training_signup(training=training, user=ben, organisation=other)


def test_only_the_offering_organisation_records_attendance(
    training: Training, goettingen: Organisation, anna: User, carla: User
) -> None:
    signup = services.training_signup(training=training, user=carla, organisation=goettingen)
    with pytest.raises(PermissionDenied):
        services.training_attendance(
            training=training, user=carla, signup_id=signup.pk, attended=True
        )
    services.training_attendance(training=training, user=anna, signup_id=signup.pk, attended=True)
    signup.refresh_from_db()
    assert signup.attended is True


def test_pages_sign_up_and_attendance(
    training: Training, goettingen: Organisation, anna: User, carla: User
) -> None:
    staff = Client()
    staff.force_login(carla)
    page = staff.get(reverse("organisations:training", args=[training.pk])).content.decode()
    assert "Anmelden für Volkshochschule Göttingen" in page
    staff.post(reverse("organisations:training-signup", args=[training.pk, goettingen.pk]))
    signup = TrainingSignup.objects.get(user=carla)
    planner = Client()
    planner.force_login(anna)
    planner.post(
        reverse("organisations:training-attendance", args=[training.pk, signup.pk]),
        {"attended": "ja"},
    )
    signup.refresh_from_db()
    assert signup.attended is True
    listing = staff.get(reverse("organisations:trainings")).content.decode()
    assert "Barrierefreie Kursunterlagen" in listing


def test_training_is_hidden_from_uninvited_people(training: Training, add_people) -> None:  # type: ignore[no-untyped-def]
    add_people(1)
    outsider = User.objects.exclude(organisation_roles__isnull=False).first()
    assert outsider is not None
    client = Client()
    client.force_login(outsider)
    url = reverse("organisations:training", args=[training.pk])
    assert client.get(url).status_code == 404


def test_staff_cannot_offer_a_training(vhs: Organisation, ben: User) -> None:
    with pytest.raises(PermissionDenied):
        services.training_create(
            organisation=vhs,
            user=ben,
            title="X",
            starts_at=timezone.now() + timedelta(days=1),
            place="Kassel",
            online=False,
            description="",
            seats={vhs.pk: 3},
        )


def test_a_training_needs_seats_and_a_place(vhs: Organisation, anna: User) -> None:
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError, match="mindestens einer Organisation"):
        services.training_create(
            organisation=vhs,
            user=anna,
            title="X",
            starts_at=start,
            place="Kassel",
            online=False,
            description="",
            seats={vhs.pk: 0},
        )
    with pytest.raises(ValidationError):
        services.training_create(
            organisation=vhs,
            user=anna,
            title="X",
            starts_at=start,
            place="",
            online=False,
            description="",
            seats={vhs.pk: 2},
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks under real concurrency: PostgreSQL",
)
def test_parallel_sign_ups_never_exceed_the_seats(add_people) -> None:  # type: ignore[no-untyped-def]
    add_people(12)
    people = list(User.objects.order_by("pk")[:12])
    organisation = services.organisation_create(user=people[0], name="Volkshochschule Kassel")
    for person in people[1:]:
        services.member_add(
            organisation=organisation, user=people[0], email=person.email, role=Role.STAFF
        )
    training = services.training_create(
        organisation=organisation,
        user=people[0],
        title="Moodle für Kursleitungen",
        starts_at=timezone.now() + timedelta(days=3),
        place="",
        online=True,
        description="",
        seats={organisation.pk: 3},
    )
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []

    def sign_up(person: User) -> None:
        barrier.wait()
        try:
            services.training_signup(training=training, user=person, organisation=organisation)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 3
    assert outcomes.count("full") == len(people) - 3
    assert TrainingSignup.objects.filter(training=training).count() == 3


def test_invited_organisation_page_lists_the_training(
    training: Training, goettingen: Organisation, carla: User
) -> None:
    client = Client()
    client.force_login(carla)
    page = client.get(reverse("organisations:detail", args=[goettingen.pk])).content.decode()
    assert "Barrierefreie Kursunterlagen" in page
    assert "angeboten von Volkshochschule Kassel" in page


def test_planner_publishes_a_training_through_the_form(
    vhs: Organisation, goettingen: Organisation, anna: User, ben: User
) -> None:
    client = Client()
    client.force_login(anna)
    url = reverse("organisations:training-new", args=[vhs.pk])
    form = client.get(url).content.decode()
    assert "Volkshochschule Göttingen" in form  # every organisation can be given seats
    start = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    empty = client.post(url, {"title": "Moodle", "starts_at": start, "place": "Kassel"})
    assert "Bitte geben Sie mindestens einer Organisation Plätze." in empty.content.decode()
    response = client.post(
        url,
        {
            "title": "Moodle",
            "starts_at": start,
            "place": "Kassel",
            f"seats_{goettingen.pk}": "4",
        },
    )
    training = Training.objects.get()
    assert response["Location"] == reverse("organisations:training", args=[training.pk])
    assert list(training.seats.values_list("organisation__name", "seats")) == [
        ("Volkshochschule Göttingen", 4)
    ]
    # staff may not offer trainings: they are sent back with the reason
    staff = Client()
    staff.force_login(ben)
    assert staff.get(url).status_code == 302
