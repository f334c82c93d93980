"""Reads of organisations. ``organisation_for_member`` is the one access check:
anyone who does not belong gets 404, so existence does not leak."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.contributions.models import Contribution, ContributionKind
from apps.cooperations.models import Cooperation, Membership
from apps.organisations.models import (
    CooperationOrganisation,
    Organisation,
    OrganisationMember,
    Role,
    Training,
    TrainingSeats,
    TrainingSignup,
)
from apps.organisations.terms import Partner, size_of


def organisation_for_member(*, user: User, pk: int) -> Organisation:
    """The organisation with the user's role as ``.role``; 404 for everyone else."""
    member = (
        OrganisationMember.objects.select_related("organisation")
        .filter(organisation_id=pk, user=user)
        .first()
    )
    if member is None:
        raise Http404
    organisation = member.organisation
    organisation.role = member.role  # type: ignore[attr-defined]
    return organisation


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(members__user=user).distinct()


def is_admin(*, user: User, organisation: Organisation) -> bool:
    return OrganisationMember.objects.filter(
        organisation=organisation, user=user, role=Role.ADMIN
    ).exists()


def memberships_of(*, user: User) -> QuerySet[OrganisationMember]:
    """The user's roles, each with its organisation and the organisation's member count."""
    return (
        OrganisationMember.objects.filter(user=user)
        .select_related("organisation")
        .annotate(member_count=Count("organisation__members"))
        .order_by("organisation__name", "organisation_id")
    )


def members_of(*, organisation: Organisation) -> QuerySet[OrganisationMember]:
    return (
        OrganisationMember.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__name", "pk")
    )


def admin_organisations_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(members__user=user, members__role=Role.ADMIN)


def cooperation_organisations(*, cooperation: Cooperation) -> QuerySet[CooperationOrganisation]:
    return CooperationOrganisation.objects.filter(cooperation=cooperation).select_related(
        "organisation", "representative"
    )


def cooperation_partners(*, cooperation: Cooperation) -> list[Partner]:
    """Every current member as a partner: the organisations they represent here (their
    staff as size, else 1) and the money and resources they contributed (in euros)."""
    memberships = (
        Membership.objects.current()
        .filter(cooperation=cooperation)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    represented: dict[int, list[Organisation]] = defaultdict(list)
    for link in cooperation_organisations(cooperation=cooperation):
        represented[link.representative_id].append(link.organisation)
    contributed = dict(
        Contribution.objects.counting()
        .filter(
            cooperation=cooperation,
            kind__in=[ContributionKind.MONEY, ContributionKind.RESOURCE],
            amount__isnull=False,
        )
        .values("member_id")
        .annotate(total=Sum("amount"))
        .values_list("member_id", "total")
    )
    return [
        Partner(
            user_id=m.user_id,
            name=str(m.user),
            organisations=tuple(o.name for o in represented[m.user_id]),
            size=size_of([o.staff_count for o in represented[m.user_id]]),
            resources=contributed.get(m.user_id) or Decimal(0),
        )
        for m in memberships
    ]


# Trainings ------------------------------------------------------------------------------


def trainings_for(*, user: User) -> QuerySet[Training]:
    """Trainings the user's organisations offer or are invited to."""
    mine = OrganisationMember.objects.filter(user=user).values("organisation_id")
    return (
        Training.objects.filter(
            Q(organisation_id__in=Subquery(mine)) | Q(seats__organisation_id__in=Subquery(mine))
        )
        .select_related("organisation")
        .distinct()
        .order_by("starts_at", "pk")
    )


def training_for_member(*, user: User, pk: int) -> Training:
    """A training for members of the offering or an invited organisation; 404 otherwise."""
    training = trainings_for(user=user).filter(pk=pk).first()
    if training is None:
        raise Http404
    return training


@dataclass
class SeatRow:
    organisation: Organisation
    seats: int
    taken: int
    mine: bool  # the viewer belongs to this organisation

    @property
    def free(self) -> int:
        return max(self.seats - self.taken, 0)


def training_seats(*, training: Training, user: User) -> list[SeatRow]:
    """Seats per invited organisation with the places taken (two queries)."""
    mine = set(
        OrganisationMember.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    taken = dict(
        TrainingSignup.objects.filter(training=training)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    return [
        SeatRow(s.organisation, s.seats, taken.get(s.organisation_id, 0), s.organisation_id in mine)
        for s in TrainingSeats.objects.filter(training=training).select_related("organisation")
    ]


def training_signups(*, training: Training) -> QuerySet[TrainingSignup]:
    return (
        TrainingSignup.objects.filter(training=training)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__name", "pk")
    )


def plans_trainings(*, user: User, organisation: Organisation) -> bool:
    return OrganisationMember.objects.filter(
        organisation=organisation, user=user, role__in=[Role.ADMIN, Role.PLANNING]
    ).exists()


def upcoming_trainings_of(*, organisation: Organisation, limit: int = 5) -> list[Training]:
    """The next trainings the organisation offers or has seats in (one query)."""
    return list(
        Training.objects.filter(
            Q(organisation=organisation) | Q(seats__organisation=organisation),
            starts_at__gte=timezone.now(),
        )
        .select_related("organisation")
        .distinct()
        .order_by("starts_at", "pk")[:limit]
    )
