"""Cross-organisation trainings: an organisation offers one to the staff of several
organisations with seats per organisation; staff sign up on their organisation's seats;
the offering organisation records attendance.

The seat limit holds under concurrency: a sign-up locks its organisation's seat row
(``select_for_update``) before counting, so two sign-ups for the last seat queue up
and the second one sees it taken. SQLite serialises writers anyway.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.organisations.models import (
    Organisation,
    OrganisationMember,
    Role,
    Training,
    TrainingSeats,
    TrainingSignup,
)

PLANNERS = (Role.ADMIN, Role.PLANNING)


def _planner_gate(organisation: Organisation, user: User) -> None:
    if not OrganisationMember.objects.filter(
        organisation=organisation, user=user, role__in=PLANNERS
    ).exists():
        raise PermissionDenied(
            _("Fortbildungen verwalten Verwaltung und Programmplanung der Organisation.")
        )


def training_create(
    *,
    organisation: Organisation,
    user: User,
    title: str,
    starts_at: datetime,
    place: str,
    online: bool,
    description: str,
    seats: dict[int, int],
) -> Training:
    """Publish a training to organisations (id → seats for their staff)."""
    with transaction.atomic():
        _planner_gate(organisation, user)
        if not place.strip() and not online:
            raise ValidationError(
                {"place": _("Bitte nennen Sie einen Ort oder wählen Sie online.")}
            )
        offered = {pk: n for pk, n in seats.items() if n > 0}
        if not offered:
            raise ValidationError(_("Bitte geben Sie mindestens einer Organisation Plätze."))
        if Organisation.objects.filter(pk__in=offered).count() != len(offered):
            raise ValidationError(_("Eine der Organisationen gibt es nicht mehr."))
        training = Training(
            organisation=organisation,
            title=title.strip(),
            starts_at=starts_at,
            place=place.strip(),
            online=online,
            description=description.strip(),
            created_by=user,
        )
        training.full_clean(exclude=["created_by"])
        training.save()
        TrainingSeats.objects.bulk_create(
            TrainingSeats(training=training, organisation_id=pk, seats=n)
            for pk, n in offered.items()
        )
    return training


def training_signup(
    *, training: Training, user: User, organisation: Organisation
) -> TrainingSignup:
    """Sign up on the seats of one's own organisation; never more than it has."""
    with transaction.atomic():
        if not OrganisationMember.objects.filter(organisation=organisation, user=user).exists():
            raise PermissionDenied(_("Sie gehören nicht zu dieser Organisation."))
        if training.starts_at <= timezone.now():
            raise ValidationError(_("Diese Fortbildung hat schon begonnen."))
        seats = (
            TrainingSeats.objects.select_for_update()
            .filter(training=training, organisation=organisation)
            .first()
        )
        if seats is None:
            raise ValidationError(_("Für Ihre Organisation gibt es hier keine Plätze."))
        if TrainingSignup.objects.filter(training=training, user=user).exists():
            raise ValidationError(_("Sie sind bereits angemeldet."))
        taken = TrainingSignup.objects.filter(training=training, organisation=organisation).count()
        if taken >= seats.seats:
            raise ValidationError(_("Alle Plätze Ihrer Organisation sind vergeben."))
        try:
            with transaction.atomic():
                return TrainingSignup.objects.create(
                    training=training, organisation=organisation, user=user
                )
        except IntegrityError:
            raise ValidationError(_("Sie sind bereits angemeldet.")) from None


def training_signup_cancel(*, training: Training, user: User) -> None:
    with transaction.atomic():
        deleted, _rows = TrainingSignup.objects.filter(
            training=training, user=user, attended__isnull=True
        ).delete()
        if not deleted:
            raise ValidationError(_("Sie sind nicht (mehr) angemeldet."))


def training_attendance(
    *, training: Training, user: User, signup_id: int, attended: bool
) -> TrainingSignup:
    """The offering organisation records who came."""
    with transaction.atomic():
        _planner_gate(training.organisation, user)
        signup = (
            TrainingSignup.objects.select_for_update()
            .filter(training=training, pk=signup_id)
            .first()
        )
        if signup is None:
            raise ValidationError(_("Diese Anmeldung gibt es nicht mehr."))
        signup.attended = attended
        signup.save(update_fields=["attended"])
    return signup
