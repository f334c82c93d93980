"""Decisions are records: final once confirmed, never edited, only superseded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from apps.accounts.models import User
from apps.cooperations import services as cooperation_services
from apps.cooperations.models import Cooperation, CooperationKind
from apps.meetings import selectors, services
from apps.meetings.models import Decision, DecisionStatus, Meeting
from apps.meetings.tests.conftest import plan
from tests.factories import remove

pytestmark = pytest.mark.django_db


def decide(meeting: Meeting, user: User, title: str, **fields: object) -> Decision:
    draft = services.decision_record(meeting=meeting, user=user, title=title, **fields)  # type: ignore[arg-type]
    return services.decision_confirm(decision=draft, user=user)


def test_a_decision_is_a_draft_until_a_member_confirms_it(
    meeting: Meeting, anna: User, ben: User
) -> None:
    draft = services.decision_record(
        meeting=meeting, user=anna, title="Tagessatz 1.200 €", text="Gilt ab sofort."
    )
    assert (draft.status, draft.number) == (DecisionStatus.DRAFT, None)
    final = services.decision_confirm(decision=draft, user=ben)
    assert (final.status, final.number, final.confirmed_by) == (DecisionStatus.FINAL, 1, ben)
    assert final.confirmed_at is not None
    second = decide(meeting, anna, "Website gemeinsam")
    assert second.number == 2


def test_drafts_can_be_changed_or_discarded(meeting: Meeting, anna: User, ben: User) -> None:
    draft = services.decision_record(meeting=meeting, user=anna, title="Tagessatz 1.100 €")
    services.decision_update(decision=draft, user=ben, title="Tagessatz 1.200 €")
    draft.refresh_from_db()
    assert draft.title == "Tagessatz 1.200 €"
    services.decision_discard(decision=draft, user=ben)
    assert not Decision.objects.exists()


def test_a_final_decision_refuses_every_change_through_the_services(
    meeting: Meeting, anna: User
) -> None:
    final = decide(meeting, anna, "Tagessatz 1.200 €")
    with pytest.raises(ValidationError, match="nie geändert"):
        services.decision_update(decision=final, user=anna, title="Tagessatz 900 €")
    with pytest.raises(ValidationError, match="nie geändert"):
        services.decision_discard(decision=final, user=anna)
    with pytest.raises(ValidationError, match="nie geändert"):
        services.decision_confirm(decision=final, user=anna)
    final.refresh_from_db()
    assert (final.title, final.number) == ("Tagessatz 1.200 €", 1)


def test_a_final_decision_is_never_saved_or_deleted_again(meeting: Meeting, anna: User) -> None:
    final = decide(meeting, anna, "Tagessatz 1.200 €")
    final.title = "Tagessatz 900 €"
    with pytest.raises(ValueError, match="never edited"):
        final.save()
    with pytest.raises(ValueError, match="never deleted"):
        final.delete()


def test_the_database_refuses_to_edit_a_final_decision(meeting: Meeting, anna: User) -> None:
    final = decide(meeting, anna, "Tagessatz 1.200 €")
    # A queryset update bypasses every Python guard; the trigger still holds.
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=final.pk).update(text="heimlich geändert")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=final.pk).update(status=DecisionStatus.DRAFT)
    final.refresh_from_db()
    assert final.text == ""


def test_deleting_an_account_keeps_the_decisions_it_confirmed(
    meeting: Meeting, anna: User, ben: User
) -> None:
    final = decide(meeting, ben, "Tagessatz 1.200 €")
    ben.delete()  # the trigger lets the author go (SET_NULL), the content stays
    final.refresh_from_db()
    assert (final.confirmed_by, final.title) == (None, "Tagessatz 1.200 €")


def test_a_later_decision_supersedes_an_earlier_one_which_stays_visible(
    cooperation: Cooperation, meeting: Meeting, anna: User, ben: User
) -> None:
    old = decide(meeting, anna, "Tagessatz 1.100 €")
    later_meeting = plan(cooperation, ben, days=14)
    new = decide(later_meeting, ben, "Tagessatz 1.200 €", supersedes=old)
    old_row = Decision.objects.get(pk=old.pk)
    assert (old_row.status, old_row.title) == (DecisionStatus.FINAL, "Tagessatz 1.100 €")
    assert list(Decision.objects.in_force()) == [new]
    register = {d.pk: d for d in selectors.decisions_of(cooperation=cooperation)}
    assert register[old.pk].later_number == 2  # type: ignore[attr-defined]
    assert register[new.pk].supersedes == old
    assert list(selectors.supersedable(cooperation=cooperation)) == [new]


def test_a_decision_is_superseded_only_once(meeting: Meeting, anna: User, ben: User) -> None:
    old = decide(meeting, anna, "Tagessatz 1.100 €")
    first = services.decision_record(meeting=meeting, user=anna, title="1.200 €", supersedes=old)
    second = services.decision_record(meeting=meeting, user=ben, title="1.300 €", supersedes=old)
    services.decision_confirm(decision=second, user=ben)
    with pytest.raises(ValidationError, match="bereits durch einen späteren"):
        services.decision_confirm(decision=first, user=anna)
    with pytest.raises(ValidationError, match="bereits durch einen späteren"):
        services.decision_record(meeting=meeting, user=anna, title="1.400 €", supersedes=old)


def test_only_final_decisions_of_the_same_cooperation_can_be_superseded(
    meeting: Meeting, anna: User, ben: User
) -> None:
    draft = services.decision_record(meeting=meeting, user=anna, title="Entwurf")
    with pytest.raises(ValidationError, match="gefasster Beschluss dieser"):
        services.decision_record(meeting=meeting, user=anna, title="X", supersedes=draft)
    other = cooperation_services.cooperation_create(
        founder=anna, title="Andere", purpose="Etwas anderes.", kind=CooperationKind.OTHER
    )
    foreign = decide(plan(other, anna), anna, "Fremd")
    with pytest.raises(ValidationError, match="gefasster Beschluss dieser"):
        services.decision_record(meeting=meeting, user=anna, title="X", supersedes=foreign)


def test_former_members_cannot_decide(
    cooperation: Cooperation, meeting: Meeting, anna: User, ben: User
) -> None:
    draft = services.decision_record(meeting=meeting, user=ben, title="Tagessatz")
    remove(cooperation, anna, ben)
    with pytest.raises(PermissionDenied):
        services.decision_confirm(decision=draft, user=ben)


def test_final_decisions_survive_even_the_deletion_of_their_cooperation(
    cooperation: Cooperation, meeting: Meeting, anna: User
) -> None:
    # Supersession protects a record on its own; the record trigger also with its
    # cooperation (records stay: a cooperation ends, it is not deleted).
    old = decide(meeting, anna, "Tagessatz 1.100 €")
    decide(meeting, anna, "Tagessatz 1.200 €", supersedes=old)
    with pytest.raises(RestrictedError):
        Decision.objects.filter(pk=old.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        cooperation.delete()
    assert Decision.objects.count() == 2
