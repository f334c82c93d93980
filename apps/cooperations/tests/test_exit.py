"""Ending a cooperation or leaving it: checklist, read-only afterwards."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import (
    Cooperation,
    CooperationStatus,
    ExitProcess,
    MemberRole,
    Membership,
    VersionStatus,
)
from tests.factories import agree, join

pytestmark = pytest.mark.django_db

ALL_DONE = {
    "settlement": "done",
    "settlement_note": "Ausgeglichen am 30.11.",
    "resources": "n_a",
    "resources_note": "",
    "clients": "done",
    "clients_note": "Die Kundschaft bleibt bei Anna.",
    "data_decision": "keep_all",
    "data_note": "",
}


def propose(cooperation: Cooperation, user: User, kind: str = "end") -> ExitProcess:
    return services.exit_propose(
        cooperation=cooperation, user=user, kind=kind, reason="Unsere Wege gehen auseinander."
    )


def test_any_member_can_propose_to_end_and_needs_a_reason(
    cooperation: Cooperation, ben: User
) -> None:
    with pytest.raises(ValidationError):
        services.exit_propose(cooperation=cooperation, user=ben, kind="end", reason="")
    propose(cooperation, ben)
    with pytest.raises(ValidationError, match="bereits ein Ausstieg"):
        propose(cooperation, ben)


def test_the_exit_completes_only_when_every_item_is_settled(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    exit_process = propose(cooperation, ben)
    with pytest.raises(ValidationError, match="Checkliste"):
        services.exit_complete(exit_process=exit_process, user=anna)
    services.exit_checklist_update(exit_process=exit_process, user=anna, data=ALL_DONE)
    services.exit_complete(exit_process=exit_process, user=anna)
    cooperation.refresh_from_db()
    assert cooperation.status == CooperationStatus.ENDED
    assert cooperation.ended_at is not None


def test_an_ended_cooperation_is_read_only(cooperation: Cooperation, anna: User, ben: User) -> None:
    agree(cooperation, anna, ben)
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    exit_process = propose(cooperation, anna)
    services.exit_checklist_update(exit_process=exit_process, user=anna, data=ALL_DONE)
    services.exit_complete(exit_process=exit_process, user=anna)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.WITHDRAWN
    cooperation.refresh_from_db()
    for attempt in (
        lambda: services.agreement_draft(cooperation=cooperation, user=anna),
        lambda: services.cooperation_update(
            cooperation=cooperation, user=anna, title="x", purpose="y", kind="other"
        ),
        lambda: propose(cooperation, ben),
        lambda: services.fit_check_start(cooperation=cooperation, user=anna),
    ):
        with pytest.raises(ValidationError, match="beendet"):
            attempt()
    # Memberships stay, so everyone keeps read access and the archive.
    assert cooperation.memberships.current().count() == 2


def test_leaving_ends_one_membership_and_hands_on_the_coordination(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    join(cooperation, anna, carla)
    exit_process = propose(cooperation, anna, kind="leave")
    services.exit_checklist_update(exit_process=exit_process, user=ben, data=ALL_DONE)
    with pytest.raises(PermissionDenied):
        services.exit_complete(exit_process=exit_process, user=ben)
    services.exit_complete(exit_process=exit_process, user=anna)
    cooperation.refresh_from_db()
    assert cooperation.status != CooperationStatus.ENDED
    assert Membership.objects.get(cooperation=cooperation, user=anna).left_at is not None
    assert Membership.objects.get(cooperation=cooperation, user=ben).role == MemberRole.COORDINATOR


def test_when_only_one_member_would_remain_leaving_ends_the_cooperation(
    cooperation: Cooperation, ben: User
) -> None:
    exit_process = propose(cooperation, ben, kind="leave")
    services.exit_checklist_update(exit_process=exit_process, user=ben, data=ALL_DONE)
    services.exit_complete(exit_process=exit_process, user=ben)
    cooperation.refresh_from_db()
    assert cooperation.status == CooperationStatus.ENDED


def test_only_the_proposer_cancels_an_exit(cooperation: Cooperation, anna: User, ben: User) -> None:
    exit_process = propose(cooperation, ben)
    with pytest.raises(PermissionDenied):
        services.exit_cancel(exit_process=exit_process, user=anna)
    services.exit_cancel(exit_process=exit_process, user=ben)
    exit_process.refresh_from_db()
    assert exit_process.cancelled_at is not None
    propose(cooperation, anna)  # a new exit can start after a cancelled one


def test_each_member_can_look_back_on_the_four_dimensions(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    exit_process = propose(cooperation, ben)
    ratings = {"personality": 4, "behaviour": 3, "culture": 2, "organisation": 5}
    services.exit_retrospective_save(
        exit_process=exit_process, user=anna, data={**ratings, "reference": "Sehr verlässlich."}
    )
    services.exit_retrospective_save(exit_process=exit_process, user=anna, data=ratings)
    assert exit_process.retrospectives.count() == 1
    with pytest.raises(ValidationError):
        services.exit_retrospective_save(
            exit_process=exit_process, user=ben, data={**ratings, "culture": 7}
        )
