"""Agreement versions: drafts, proposals, acceptance by all, the chain, the diff."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from apps.accounts.models import User
from apps.cooperations import integrity, selectors, services
from apps.cooperations.models import (
    AgreementVersion,
    Cooperation,
    CooperationKind,
    VersionStatus,
)
from tests.factories import agree, join

pytestmark = pytest.mark.django_db


def draft_post(draft: AgreementVersion, **changes: Any) -> dict[str, Any]:
    """The agreement form as a browser would send it for this draft."""
    data: dict[str, Any] = {"revision": draft.revision}
    for name in services.AGREEMENT_TEXT_FIELDS:
        value = getattr(draft, name)
        data[name] = "" if value is None else value
    for c in draft.commitments.all():
        data[f"c{c.user_id}_hours_per_month"] = c.hours_per_month
        data[f"c{c.user_id}_resources"] = c.resources
        data[f"c{c.user_id}_revenue_share"] = c.revenue_share
        data[f"c{c.user_id}_cost_share"] = c.cost_share
    data.update(changes)
    return data


@given(st.integers(min_value=1, max_value=97))
def test_equal_shares_always_add_up_to_exactly_100(count: int) -> None:
    shares = services.equal_shares(count)
    assert len(shares) == count
    assert sum(shares) == Decimal(100)
    assert max(shares) - min(shares) <= Decimal("0.01")


def test_a_new_draft_starts_from_the_template_of_the_kind(
    revealed: Any, cooperation: Cooperation, anna: User, ben: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=ben)
    assert "gemeinsames Angebot" in draft.goals
    commitments = {c.user_id: c for c in draft.commitments.all()}
    # Hours come from the fit check answers; the split key starts equal.
    assert commitments[anna.pk].hours_per_month == 10
    assert commitments[ben.pk].hours_per_month == 4
    assert {c.revenue_share for c in commitments.values()} == {Decimal(50)}
    assert draft.review_every_days == 60  # both want to talk every two weeks


def test_a_version_is_in_force_only_when_every_member_accepted(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    version = services.agreement_propose(draft=draft, user=anna)
    assert version.number == 1
    services.agreement_accept(version=version, user=anna)
    version.refresh_from_db()
    assert version.status == VersionStatus.PROPOSED
    with pytest.raises(ValidationError, match="bereits angenommen"):
        services.agreement_accept(version=version, user=anna)
    services.agreement_accept(version=version, user=ben)
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE
    assert version.previous_hash == ""
    assert len(version.content_hash) == 64


def test_an_amendment_keeps_the_old_version_in_force_until_all_accept(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    first = agree(cooperation, anna, ben, goals="Version eins")
    draft = services.agreement_draft(cooperation=cooperation, user=ben)
    assert draft.goals == "Version eins"  # amendments start from the newest version
    second = services.agreement_propose(draft=draft, user=ben)
    services.agreement_accept(version=second, user=ben)
    first.refresh_from_db()
    assert first.status == VersionStatus.IN_FORCE
    assert selectors.in_force_version(cooperation_id=cooperation.pk) == first
    services.agreement_accept(version=second, user=anna)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (VersionStatus.SUPERSEDED, VersionStatus.IN_FORCE)
    assert second.previous_hash == first.content_hash
    assert integrity.verify_chain(list(cooperation.agreement_versions.all())) == []


def test_a_newcomer_must_accept_a_pending_version_too(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    version = services.agreement_propose(
        draft=services.agreement_draft(cooperation=cooperation, user=anna), user=anna
    )
    services.agreement_accept(version=version, user=anna)
    join(cooperation, anna, carla)
    services.agreement_accept(version=version, user=ben)
    version.refresh_from_db()
    assert version.status == VersionStatus.PROPOSED
    services.agreement_accept(version=version, user=carla)
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE


def test_proposed_and_accepted_versions_cannot_be_edited(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    version = agree(cooperation, anna, ben)
    with pytest.raises(ValidationError, match="kein Entwurf"):
        services.agreement_draft_save(
            draft=version, user=anna, revision=version.revision, fields={}, commitments={}
        )


def test_the_split_key_must_add_up_to_100_percent(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    commitments = {
        anna.pk: {"hours_per_month": 5, "resources": "", "revenue_share": 60, "cost_share": 50},
        ben.pk: {"hours_per_month": 5, "resources": "", "revenue_share": 30, "cost_share": 50},
    }
    fields = {name: getattr(draft, name) for name in services.AGREEMENT_TEXT_FIELDS}
    with pytest.raises(ValidationError, match="90,00 %"):
        services.agreement_draft_save(
            draft=draft, user=anna, revision=draft.revision, fields=fields, commitments=commitments
        )
    draft.refresh_from_db()
    assert draft.revision == 1


def test_a_proposal_needs_goals(cooperation: Cooperation, anna: User) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    AgreementVersion.objects.filter(pk=draft.pk).update(goals="  ")
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="Ziele"):
        services.agreement_propose(draft=draft, user=anna)


def test_a_new_proposal_withdraws_the_pending_one(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    first = services.agreement_propose(
        draft=services.agreement_draft(cooperation=cooperation, user=anna), user=anna
    )
    second = services.agreement_propose(
        draft=services.agreement_draft(cooperation=cooperation, user=ben), user=ben
    )
    first.refresh_from_db()
    assert first.status == VersionStatus.WITHDRAWN
    assert second.number == 2


def test_two_stale_forms_lose_nothing(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    # Both open the same draft (revision 1); anna saves first, ben second.
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    url = reverse("cooperations:agreement-draft", args=[cooperation.pk])
    anna_form = draft_post(draft, goals="Annas Ziele: ein Programm für Schulen.")
    ben_form = draft_post(draft, goals="Bens Ziele: ein Programm für Kliniken.")
    client.force_login(anna)
    assert client.post(url, anna_form).status_code == 302
    client.force_login(ben)
    conflict = client.post(url, ben_form)
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Bens Ziele: ein Programm für Kliniken." in page  # his text is still in the form
    assert "Annas Ziele: ein Programm für Schulen." in page  # and hers is shown beside it
    draft.refresh_from_db()
    assert draft.goals == "Annas Ziele: ein Programm für Schulen."
    # Saving again from the conflict page stores ben's text knowingly.
    resubmitted = dict(ben_form, revision=draft.revision)
    assert client.post(url, resubmitted).status_code == 302
    draft.refresh_from_db()
    assert draft.goals == "Bens Ziele: ein Programm für Kliniken."
    assert draft.revision == 3


def test_the_draft_form_explains_a_wrong_split_key(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    client.force_login(anna)
    response = client.post(
        reverse("cooperations:agreement-draft", args=[cooperation.pk]),
        draft_post(draft, **{f"c{anna.pk}_revenue_share": "70"}),
    )
    assert response.status_code == 200
    assert "120,00 % statt 100 %" in response.content.decode()


def test_the_comparison_shows_what_changed_between_versions(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben, goals="Wir bieten Workshops an.")
    agree(cooperation, anna, ben, goals="Wir bieten Workshops und Webinare an.")
    client.force_login(ben)
    page = client.get(
        reverse("cooperations:agreement-compare", args=[cooperation.pk]), {"von": 1, "bis": 2}
    ).content.decode()
    assert '<del class="diff-removed">' in page and "Wir bieten Workshops an." in page
    assert "Wir bieten Workshops und Webinare an." in page
    assert "unverändert" in page


def test_templates_exist_for_every_kind(anna: User) -> None:
    for kind in CooperationKind.values:
        cooperation = services.cooperation_create(founder=anna, title=kind, purpose="x", kind=kind)
        draft = services.agreement_draft(cooperation=cooperation, user=anna)
        assert draft.goals and draft.decision_rules and draft.exit_clause
