"""Reads of cooperations. ``cooperation_for_member`` is the one access check:
anyone who is not (or was not) a member gets 404, so existence does not leak.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.http import Http404

from apps.accounts.models import User
from apps.cooperations import fitcheck
from apps.cooperations.models import (
    AgreementVersion,
    Commitment,
    Cooperation,
    Event,
    ExitProcess,
    FitCheck,
    FitCheckAnswer,
    Invitation,
    Membership,
    VersionStatus,
)


def cooperation_for_member(*, user: User, pk: int) -> Cooperation:
    """The cooperation with the user's membership as ``.membership``; 404 for outsiders.

    Former members still get it (read-only); ``membership.is_current`` tells.
    """
    membership = (
        Membership.objects.select_related("cooperation")
        .filter(cooperation_id=pk, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    cooperation = membership.cooperation
    cooperation.membership = membership  # type: ignore[attr-defined]
    return cooperation


# Former members see the cooperation as it was when they left ---------------------

# The "left" event is written a moment after ``left_at``; it still belongs to their view.
_LEAVING_GRACE = timedelta(seconds=5)
Q = TypeVar("Q", bound=QuerySet[Any])


def seen_until(cooperation: Cooperation) -> datetime | None:
    """Until when the loaded member may see the cooperation: None for current members,
    the end of the membership for former ones (whether they left or were removed)."""
    membership = getattr(cooperation, "membership", None)
    if membership is None or membership.left_at is None:
        return None
    return membership.left_at + _LEAVING_GRACE


def as_seen(records: Q, cooperation: Cooperation, *, field: str = "created_at") -> Q:
    """The records of a cooperation its loaded member may see: for a former member only
    those that existed when they left (``field`` up to ``left_at``)."""
    until = seen_until(cooperation)
    return records if until is None else records.filter(**{f"{field}__lte": until})


def current_member_count() -> Subquery:
    """The number of current members of the cooperation ``OuterRef("pk")``.

    A subquery, because a ``Count`` over ``memberships`` after filtering by the user's
    membership would count only that one row.
    """
    return Subquery(
        Membership.objects.current()
        .filter(cooperation=OuterRef("pk"))
        .order_by()
        .values("cooperation")
        .annotate(count=Count("pk"))
        .values("count")[:1],
        output_field=IntegerField(),
    )


def cooperations_for(*, user: User) -> QuerySet[Cooperation]:
    """The user's cooperations (current ones first, then ended or left), for the list page."""
    in_force = AgreementVersion.objects.filter(
        cooperation=OuterRef("pk"), status=VersionStatus.IN_FORCE
    ).values("number")[:1]
    pending = AgreementVersion.objects.filter(
        cooperation=OuterRef("pk"), status=VersionStatus.PROPOSED
    ).values("number")[:1]
    mine = Membership.objects.filter(cooperation=OuterRef("pk"), user=user)
    return (
        Cooperation.objects.visible_to(user)
        .annotate(
            member_count=current_member_count(),
            number_in_force=Subquery(in_force),
            number_pending=Subquery(pending),
            my_role=Subquery(mine.values("role")[:1]),
            my_left_at=Subquery(mine.values("left_at")[:1]),
        )
        .order_by("ended_at", "-last_activity_at", "-pk")
    )


def open_invitations_for(*, user: User) -> QuerySet[Invitation]:
    return (
        Invitation.objects.open()
        .filter(invitee=user)
        .select_related("cooperation", "invited_by")
        .order_by("-created_at")
    )


def invitation_for_invitee(*, user: User, pk: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("cooperation").filter(pk=pk, invitee=user).first()
    )
    if invitation is None:
        raise Http404
    return invitation


def invitation_in(*, cooperation: Cooperation, pk: int) -> Invitation:
    invitation = cooperation.invitations.select_related("cooperation").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def members_of(*, cooperation: Cooperation) -> list[Membership]:
    """Current members first (coordination on top), then former members."""
    memberships = as_seen(
        Membership.objects.filter(cooperation=cooperation), cooperation
    ).select_related("user")
    return sorted(
        memberships,
        key=lambda m: (m.left_at is not None, not m.is_coordinator, m.created_at, m.pk),
    )


def member_in(*, cooperation: Cooperation, user_id: int) -> User:
    membership = (
        Membership.objects.current()
        .select_related("user")
        .filter(cooperation=cooperation, user_id=user_id)
        .first()
    )
    if membership is None:
        raise Http404
    return membership.user


def timeline(*, cooperation: Cooperation) -> QuerySet[Event]:
    return as_seen(Event.objects.filter(cooperation=cooperation), cooperation).select_related(
        "actor"
    )


def open_invitations_of(*, cooperation: Cooperation) -> QuerySet[Invitation]:
    return cooperation.invitations.open().select_related(
        "invitee", "invited_by", "join_requested_by"
    )


# Fit check --------------------------------------------------------------------


@dataclass
class FitCheckView:
    fit_check: FitCheck | None
    my_answer: FitCheckAnswer | None
    answered_names: list[str]
    waiting_names: list[str]
    answers: list[FitCheckAnswer]  # everyone's, only once revealed
    gaps: list[fitcheck.Gap]
    rows: list[fitcheck.Row] = field(default_factory=list)

    @property
    def revealed(self) -> bool:
        return self.fit_check is not None and self.fit_check.revealed_at is not None


def fit_check_view(*, cooperation: Cooperation, user: User) -> FitCheckView:
    """What the user may see: own answer always, others' only after everyone answered."""
    fit_check = FitCheck.objects.filter(cooperation=cooperation).first()
    if fit_check is None:
        return FitCheckView(None, None, [], [], [], [])
    answers = list(fit_check.answers.select_related("user"))
    members = [m for m in members_of(cooperation=cooperation) if m.is_current]
    answered = {a.user_id for a in answers}
    mine = next((a for a in answers if a.user_id == user.pk), None)
    view = FitCheckView(
        fit_check,
        mine,
        [str(m.user) for m in members if m.user_id in answered],
        [str(m.user) for m in members if m.user_id not in answered],
        [],
        [],
    )
    if fit_check.revealed_at is not None:
        view.answers = answers
        view.gaps = fitcheck.gaps(answers, [str(a.user) for a in answers])
        view.rows = fitcheck.side_by_side(answers, view.gaps)
    return view


# Agreement --------------------------------------------------------------------


def versions_of(*, cooperation: Cooperation) -> list[AgreementVersion]:
    """All numbered versions, newest first, with commitments and acceptances."""
    return list(
        as_seen(cooperation.agreement_versions.exclude(status=VersionStatus.DRAFT), cooperation)
        .select_related("proposed_by")
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.select_related("user")),
            "acceptances",
        )
        .order_by("-number")
    )


def draft_of(*, cooperation: Cooperation) -> AgreementVersion | None:
    return (
        cooperation.agreement_versions.filter(status=VersionStatus.DRAFT)
        .select_related("edited_by")
        .first()
    )


def version_in(*, cooperation: Cooperation, number: int) -> AgreementVersion:
    version = (
        as_seen(cooperation.agreement_versions.filter(number=number), cooperation)
        .select_related("proposed_by", "cooperation")
        .prefetch_related("commitments__user", "acceptances")
        .first()
    )
    if version is None:
        raise Http404
    return version


def in_force_version(*, cooperation_id: int) -> AgreementVersion | None:
    """The agreement in force, with its commitments: what other apps read."""
    return (
        AgreementVersion.objects.filter(
            cooperation_id=cooperation_id, status=VersionStatus.IN_FORCE
        )
        .prefetch_related("commitments")
        .first()
    )


# Exit -------------------------------------------------------------------------


def open_exit(*, cooperation: Cooperation) -> ExitProcess | None:
    return (
        cooperation.exits.filter(completed_at__isnull=True, cancelled_at__isnull=True)
        .select_related("proposed_by", "leaving_user")
        .prefetch_related("retrospectives__user")
        .first()
    )


def exit_in(*, cooperation: Cooperation, pk: int) -> ExitProcess:
    exit_process = cooperation.exits.select_related("cooperation").filter(pk=pk).first()
    if exit_process is None:
        raise Http404
    return exit_process


def cooperations_owing(*, user: User) -> QuerySet[Cooperation]:
    """The user's running cooperations with what the user owes in each:
    ``waits_for_acceptance``, ``waits_for_answer`` (and ``member_count``).

    The dashboard (``apps.core.selectors``) orders them, adding the health.
    """
    pending_unaccepted = AgreementVersion.objects.filter(
        cooperation=OuterRef("pk"), status=VersionStatus.PROPOSED
    ).exclude(acceptances__user=user)
    unanswered = FitCheck.objects.filter(
        cooperation=OuterRef("pk"), revealed_at__isnull=True
    ).exclude(answers__user=user)
    return (
        Cooperation.objects.of_member(user)
        .active()
        .annotate(
            waits_for_acceptance=Exists(pending_unaccepted),
            waits_for_answer=Exists(unanswered),
            member_count=current_member_count(),
        )
    )
