"""Demo money for ``seed_demo``: the personas' cooperation gets a workshop engagement,
a pilot with an agreed risk budget, a shared licence and two settlements – the first
transfer confirmed by its receiver, the second still open. Written through the services."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.base.demo import DemoContext, demo_step
from apps.finances import selectors, services
from apps.finances.models import Engagement, KeyKind, KeyPurpose


@demo_step("finances")
def seed_finances(context: DemoContext) -> None:
    cooperation = context.cooperation
    if cooperation is None or len(context.users) < 2:
        return
    if Engagement.objects.filter(cooperation=cooperation).exists():
        return
    anna, ben = context.users[:2]
    today = timezone.localdate()

    def ago(days: int) -> object:
        return today - timedelta(days=days)

    workshop = services.engagement_create(
        cooperation=cooperation,
        user=anna,
        data=services.EngagementData(
            title="Führungskräfte-Workshop",
            client="Müller Maschinenbau GmbH",
            lead_id=anna.pk,
            starts_on=ago(70),  # type: ignore[arg-type]
            ends_on=ago(40),  # type: ignore[arg-type]
            status="paid",
        ),
    )

    def line(
        engagement: Engagement, who: object, kind: str, amount: str, days: int, what: str
    ) -> None:
        services.line_add(
            engagement=engagement,
            user=anna,
            kind=kind,
            member_id=who.pk,  # type: ignore[attr-defined]
            amount=Decimal(amount),
            booked_on=ago(days),  # type: ignore[arg-type]
            description=what,
        )

    line(workshop, anna, "revenue", "4800.00", 38, "Honorar zwei Workshoptage")
    line(workshop, ben, "cost", "350.00", 60, "Seminarraum Köln-Ehrenfeld")
    line(workshop, anna, "cost", "120.00", 55, "Moderationsmaterial")

    pilot = services.engagement_create(
        cooperation=cooperation,
        user=ben,
        data=services.EngagementData(
            title="Online-Kurs Resilienz",
            client="offener Kurs",
            lead_id=ben.pk,
            starts_on=ago(30),  # type: ignore[arg-type]
            status="running",
            is_pilot=True,
            note="Experiment: trägt sich ein Selbstlernkurs?",
        ),
    )
    proposal = services.key_propose(
        engagement=pilot,
        user=ben,
        purpose=KeyPurpose.LOSS,
        kind=KeyKind.PERCENT,
        shares={anna.pk: (Decimal(50), Decimal(0)), ben.pk: (Decimal(50), Decimal(0))},
        risk_budget=Decimal("1000.00"),
    )
    services.key_consent(proposal=proposal, user=anna)
    line(pilot, ben, "cost", "900.00", 25, "Videoproduktion")
    line(pilot, anna, "cost", "180.00", 10, "Anzeigen in sozialen Netzwerken")
    line(pilot, ben, "revenue", "297.00", 5, "Drei Teilnahmen")

    services.shared_cost_create(
        cooperation=cooperation,
        user=anna,
        title="Videokonferenz-Lizenz",
        monthly_amount=Decimal("15.99"),
        payer_id=anna.pk,
        starts_on=ago(100),  # type: ignore[arg-type]
        ends_on=None,
        kind=KeyKind.PERCENT,
        shares={},
    )

    first = services.settlement_propose(cooperation=cooperation, user=anna)
    for transfer in first.transfers.all():
        services.transfer_confirm(transfer=transfer, user=transfer.receiver)
    line(workshop, anna, "revenue", "600.00", 2, "Nachbereitung, Folgetermin")
    if not selectors.money_of(cooperation=cooperation).settled:
        services.settlement_propose(cooperation=cooperation, user=ben)
