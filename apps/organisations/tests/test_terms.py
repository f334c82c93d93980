"""Size-fair terms: the three variants side by side add up to 100 % to the cent, and a
chosen one becomes a split key only through everyone's consent."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.accounts.models import User
from apps.contributions.models import ContributionKind
from apps.contributions.services import Entry, contribution_log
from apps.cooperations.models import Cooperation
from apps.finances import services as finances
from apps.finances.models import Engagement, KeyKind, KeyPurpose
from apps.organisations import services
from apps.organisations.models import Organisation
from apps.organisations.selectors import cooperation_partners
from apps.organisations.terms import Partner, percents, size_of, variants
from wirwerk.lib.money import HUNDRED, split_amount


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=30))
def test_size_weights_add_up_to_exactly_100_percent(sizes: list[int]) -> None:
    shares = percents(sizes)
    assert sum(shares, Decimal(0)) == HUNDRED
    assert all(share == share.quantize(Decimal("0.01")) for share in shares)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False),
        min_size=1,
        max_size=20,
    ),
    st.decimals(min_value=Decimal("0.01"), max_value=1000000, places=2, allow_nan=False),
)
def test_every_variant_splits_an_amount_to_the_cent(
    resources: list[Decimal], amount: Decimal
) -> None:
    partners = [
        Partner(i, f"P{i}", (), size_of([i % 7]), value) for i, value in enumerate(resources)
    ]
    for variant in variants(partners):
        if not variant.usable:  # nobody contributed anything: not offered as a key
            assert variant.key == "resources" and not any(resources)
            continue
        assert sum(variant.percents, Decimal(0)) == HUNDRED
        assert sum(split_amount(amount, list(variant.percents)), Decimal(0)) == amount


def test_equal_split_of_three_gives_the_extra_hundredth_to_the_first() -> None:
    assert percents([1, 1, 1]) == (Decimal("33.34"), Decimal("33.33"), Decimal("33.33"))


def test_a_freelancer_weighs_one_an_organisation_its_staff() -> None:
    assert size_of([]) == 1
    assert size_of([40, 12]) == 52
    assert percents([40, 1, 1]) == (Decimal("95.24"), Decimal("2.38"), Decimal("2.38"))


@pytest.fixture
def engagement(cooperation: Cooperation, anna: User) -> Engagement:
    data = finances.EngagementData(
        title="Kursreihe Kommunikation",
        client="Stadt Kassel",
        lead_id=anna.pk,
        starts_on=date(2026, 1, 1),
    )
    return finances.engagement_create(cooperation=cooperation, user=anna, data=data)


def test_partners_weigh_by_represented_staff_and_contributions(
    cooperation: Cooperation, vhs: Organisation, anna: User, ben: User
) -> None:
    services.cooperation_organisation_add(cooperation=cooperation, user=anna, organisation=vhs)
    contribution_log(
        cooperation=cooperation,
        user=ben,
        entry=Entry(
            kind=ContributionKind.RESOURCE,
            done_on=date.today(),
            amount=Decimal("300.00"),
            description="Beamer",
        ),
    )
    partners = cooperation_partners(cooperation=cooperation)
    assert [(p.user_id, p.size, p.resources) for p in partners] == [
        (anna.pk, 40, Decimal(0)),
        (ben.pk, 1, Decimal("300.00")),
    ]
    assert partners[0].organisations == ("Volkshochschule Kassel",)
    by_key = {v.key: v.percents for v in variants(partners)}
    assert by_key == {
        "equal": (Decimal(50), Decimal(50)),
        "size": (Decimal("97.56"), Decimal("2.44")),
        "resources": (Decimal(0), Decimal(100)),
    }


def test_proposed_size_key_needs_everyones_consent(
    cooperation: Cooperation, vhs: Organisation, engagement: Engagement, anna: User, ben: User
) -> None:
    services.cooperation_organisation_add(cooperation=cooperation, user=anna, organisation=vhs)
    proposal = services.size_fair_key_propose(
        engagement=engagement, user=anna, purpose=KeyPurpose.REVENUE, variant="size"
    )
    shares = {s.user_id: s.value for s in proposal.shares.all()}
    assert proposal.kind == KeyKind.PERCENT
    assert shares == {anna.pk: Decimal("97.56"), ben.pk: Decimal("2.44")}
    assert sum(shares.values()) == HUNDRED
    assert proposal.effective_at is None  # ben has not agreed yet
    finances.key_consent(proposal=proposal, user=ben)
    proposal.refresh_from_db()
    assert proposal.effective_at is not None


def test_resources_key_cannot_be_proposed_before_anything_was_contributed(
    cooperation: Cooperation, engagement: Engagement, anna: User
) -> None:
    with pytest.raises(ValidationError):
        services.size_fair_key_propose(
            engagement=engagement, user=anna, purpose=KeyPurpose.COST, variant="resources"
        )


def test_comparison_page_shows_variants_side_by_side(
    cooperation: Cooperation, vhs: Organisation, engagement: Engagement, anna: User, ben: User
) -> None:
    services.cooperation_organisation_add(cooperation=cooperation, user=anna, organisation=vhs)
    client = Client()
    client.force_login(ben)
    url = reverse("organisations:cooperation", args=[cooperation.pk])
    page = client.get(url).content.decode()
    assert "97,56 %" in page and "2,44 %" in page and "50,00 %" in page
    response = client.post(
        reverse("organisations:size-fair-key", args=[cooperation.pk]),
        {"engagement": engagement.pk, "purpose": "cost", "variant": "size"},
    )
    assert response.status_code == 302
    proposal = engagement.key_proposals.get()
    assert proposal.proposed_by == ben and proposal.purpose == KeyPurpose.COST
