"""The rules of the finance services: keys, consent, settlement, receipts, immutability."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.models import User
from apps.cooperations.exit_checks import open_items
from apps.cooperations.models import Cooperation, Event
from apps.cooperations.timeline import timeline_text
from apps.finances import selectors, services
from apps.finances.models import Engagement, KeyKind, KeyPurpose, Settlement, Transfer
from apps.finances.tests.conftest import book, engage
from tests.factories import agree, remove

pytestmark = pytest.mark.django_db


def _balances(cooperation: Cooperation, *people: User) -> list[Decimal]:
    owed = selectors.money_of(cooperation=cooperation).balances
    return [owed[p.pk] for p in people]


def test_revenue_collected_by_the_lead_is_split_by_the_agreements_key(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    # The draft's default: equal revenue and cost shares.
    agree(cooperation, anna, ben)
    book(engagement, anna, "revenue", "1000.00")
    book(engagement, ben, "cost", "100.01")
    figures = selectors.engagement_money(engagement=engagement)
    # The odd cent of the costs goes to the first named (the largest-remainder tie rule).
    assert figures.shares() == {anna.pk: Decimal("449.99"), ben.pk: Decimal("450.00")}
    # Anna holds 1000, owes ben his 450,00 plus the 100,01 he paid.
    assert _balances(cooperation, anna, ben) == [Decimal("-550.01"), Decimal("550.01")]


def test_without_an_agreement_the_current_members_share_equally(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    book(engagement, anna, "revenue", "0.03")
    assert selectors.engagement_money(engagement=engagement).shares() == {
        anna.pk: Decimal("0.02"),
        ben.pk: Decimal("0.01"),
    }


def test_the_lead_and_the_payer_must_be_current_members(
    cooperation: Cooperation, anna: User, carla: User, engagement: Engagement
) -> None:
    with pytest.raises(ValidationError):
        engage(cooperation, anna, lead=carla)
    with pytest.raises(ValidationError):
        book(engagement, anna, "cost", "10.00", by=carla)


def test_an_override_takes_effect_only_when_every_current_member_consented(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    book(engagement, anna, "revenue", "100.00")
    proposal = services.key_propose(
        engagement=engagement,
        user=anna,
        purpose=KeyPurpose.REVENUE,
        kind=KeyKind.PERCENT,
        shares={anna.pk: (Decimal(80), Decimal(0)), ben.pk: (Decimal(20), Decimal(0))},
    )
    assert proposal.effective_at is None
    assert selectors.engagement_money(engagement=engagement).shares()[anna.pk] == Decimal("50.00")
    services.key_consent(proposal=proposal, user=ben)
    proposal.refresh_from_db()
    assert proposal.effective_at is not None
    assert list(proposal.consents.values_list("user_id", flat=True)) == [anna.pk, ben.pk]
    assert selectors.engagement_money(engagement=engagement).shares()[anna.pk] == Decimal("80.00")


def test_a_percentage_key_must_add_up_to_100_and_name_every_member(
    engagement: Engagement, anna: User, ben: User
) -> None:
    for shares in (
        {anna.pk: (Decimal(80), Decimal(0)), ben.pk: (Decimal(30), Decimal(0))},
        {anna.pk: (Decimal(100), Decimal(0))},
    ):
        with pytest.raises(ValidationError):
            services.key_propose(
                engagement=engagement,
                user=anna,
                purpose=KeyPurpose.REVENUE,
                kind=KeyKind.PERCENT,
                shares=shares,
            )


def test_a_former_member_and_an_outsider_cannot_write_or_consent(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User, carla: User
) -> None:
    proposal = services.key_propose(
        engagement=engagement, user=anna, purpose=KeyPurpose.COST, kind=KeyKind.HOURS, shares={}
    )
    with pytest.raises(PermissionDenied):
        services.key_consent(proposal=proposal, user=carla)
    remove(cooperation, anna, ben)
    with pytest.raises(PermissionDenied):
        book(engagement, ben, "revenue", "10.00")
    with pytest.raises(PermissionDenied):
        services.key_consent(proposal=proposal, user=ben)


def test_a_key_by_hours_weighs_the_hours_logged_in_the_engagements_period(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    from apps.contributions.services import Entry, contribution_log

    engagement = engage(cooperation, anna)
    for user, hours in ((anna, "3"), (ben, "1")):
        contribution_log(
            cooperation=cooperation,
            user=user,
            entry=Entry(kind="hours", done_on=date(2026, 1, 10), hours=Decimal(hours)),
        )
    proposal = services.key_propose(
        engagement=engagement, user=anna, purpose=KeyPurpose.REVENUE, kind=KeyKind.HOURS, shares={}
    )
    services.key_consent(proposal=proposal, user=ben)
    book(engagement, anna, "revenue", "100.00")
    assert selectors.engagement_money(engagement=engagement).shares() == {
        anna.pk: Decimal("75.00"),
        ben.pk: Decimal("25.00"),
    }


def test_settlement_only_the_receiver_confirms_and_records_are_immutable(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    book(engagement, anna, "revenue", "300.00")
    settlement = services.settlement_propose(cooperation=cooperation, user=anna)
    (transfer,) = settlement.transfers.all()
    assert (transfer.payer, transfer.receiver, transfer.amount) == (anna, ben, Decimal("150.00"))
    assert "1 Überweisung" in open_items(cooperation)[0]
    with pytest.raises(PermissionDenied):
        services.transfer_confirm(transfer=transfer, user=anna)
    services.transfer_confirm(transfer=transfer, user=ben)
    with pytest.raises(ValidationError):
        services.transfer_confirm(transfer=transfer, user=ben)
    assert _balances(cooperation, anna, ben) == [0, 0]
    assert open_items(cooperation) == []
    with pytest.raises(ValidationError):
        services.settlement_propose(cooperation=cooperation, user=anna)
    transfer.amount = Decimal("1.00")
    with pytest.raises(ValueError, match="immutable"):
        transfer.save()
    with pytest.raises(ValueError, match="immutable"):
        settlement.delete()
    kinds = list(Event.objects.filter(cooperation=cooperation).values_list("kind", flat=True))
    assert {"engagement_created", "settlement_proposed", "transfer_paid"} <= set(kinds)
    texts = [timeline_text(e) for e in Event.objects.filter(kind="transfer_paid")]
    assert texts == ["Zahlungseingang bestätigt – 150,00\xa0€ von " + str(anna)]


def test_a_new_proposal_replaces_the_open_transfers_of_the_previous_one(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    book(engagement, anna, "revenue", "100.00")
    first = services.settlement_propose(cooperation=cooperation, user=anna)
    book(engagement, anna, "revenue", "100.00")
    services.settlement_propose(cooperation=cooperation, user=ben)
    assert Settlement.objects.count() == 2
    (open_transfer,) = selectors.open_transfers(cooperation=cooperation)
    assert open_transfer.amount == Decimal("100.00")
    with pytest.raises(ValidationError):
        services.transfer_confirm(transfer=first.transfers.get(), user=ben)
    assert Transfer.objects.count() == 2


def test_a_pilots_result_is_shared_by_the_agreed_loss_key_and_shown_separately(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    pilot = engage(cooperation, anna, pilot=True, title="Online-Kurs")
    proposal = services.key_propose(
        engagement=pilot,
        user=anna,
        purpose=KeyPurpose.LOSS,
        kind=KeyKind.WEIGHTS,
        shares={anna.pk: (Decimal(2), Decimal(0)), ben.pk: (Decimal(1), Decimal(0))},
        risk_budget=Decimal("500.00"),
    )
    services.key_consent(proposal=proposal, user=ben)
    book(pilot, ben, "cost", "600.00")
    money = selectors.money_of(cooperation=cooperation)
    (figures,) = money.pilots
    assert figures.over_budget
    rows = {row.user_id: row for row in money.members}
    assert rows[anna.pk].pilot_result == Decimal("-400.00")
    assert rows[ben.pk].pilot_result == Decimal("-200.00")
    assert money.balances == {anna.pk: Decimal("-400.00"), ben.pk: Decimal("400.00")}


def test_shared_costs_count_every_month_so_far(
    cooperation: Cooperation,
    anna: User,
    ben: User,
    time_machine,  # type: ignore[no-untyped-def]
) -> None:
    time_machine.move_to("2026-04-15 12:00")
    services.shared_cost_create(
        cooperation=cooperation,
        user=anna,
        title="Büromiete",
        monthly_amount=Decimal("100.00"),
        payer_id=anna.pk,
        starts_on=date(2026, 1, 20),
        ends_on=None,
        kind=KeyKind.PERCENT,
        shares={anna.pk: Decimal(60), ben.pk: Decimal(40)},
    )
    money = selectors.money_of(cooperation=cooperation)
    assert money.shared_costs[0].months == 4
    assert money.balances == {anna.pk: Decimal("160.00"), ben.pk: Decimal("-160.00")}


def test_a_wrong_line_is_reversed_once_with_a_reason_and_the_history_stays(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    typo = book(engagement, anna, "revenue", "10000.00")
    with pytest.raises(ValidationError):
        services.line_reverse(line=typo, user=anna, reason="")
    reversal = services.line_reverse(line=typo, user=ben, reason="Eine Null zu viel")
    assert reversal.amount == Decimal("-10000.00")
    with pytest.raises(ValidationError):
        services.line_reverse(line=typo, user=anna, reason="noch einmal")
    with pytest.raises(ValidationError):
        services.line_reverse(line=reversal, user=anna, reason="zurück")
    book(engagement, anna, "revenue", "1000.00")
    assert selectors.engagement_money(engagement=engagement).revenue == Decimal("1000.00")
    assert _balances(cooperation, anna, ben) == [Decimal("-500.00"), Decimal("500.00")]
    assert engagement.lines.count() == 3
