"""Who sees and does what on the finance pages, and that their query counts stay flat."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.base.data_export import user_data_export
from apps.cooperations.archive import sections as archive_sections
from apps.cooperations.models import Cooperation
from apps.finances import services
from apps.finances.models import Engagement, EngagementLine, KeyKind, KeyPurpose, Transfer
from apps.finances.tests.conftest import book, engage
from tests.factories import remove

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(cooperation: Cooperation, engagement: Engagement) -> dict[str, list[str]]:
    """Every finance page (GET) and every write (POST) of the cooperation."""
    pk, eid = cooperation.pk, engagement.pk
    book(engagement, engagement.lead, "revenue", "100.00")
    proposal = services.key_propose(
        engagement=engagement, user=engagement.lead, purpose="cost", kind="hours", shares={}
    )
    settlement = services.settlement_propose(cooperation=cooperation, user=engagement.lead)
    transfer = settlement.transfers.get()
    return {
        "get": [
            reverse("finances:overview", args=[pk]),
            reverse("finances:engagements", args=[pk]),
            reverse("finances:engagement-new", args=[pk]),
            reverse("finances:engagement", args=[pk, eid]),
            reverse("finances:engagement-edit", args=[pk, eid]),
            reverse("finances:line-add", args=[pk, eid]),
            reverse("finances:key-propose", args=[pk, eid, "revenue"]),
            reverse("finances:shared-costs", args=[pk]),
            reverse("finances:settlements", args=[pk]),
        ],
        "post": [
            reverse("finances:key-consent", args=[pk, eid, proposal.pk]),
            reverse("finances:settlement-propose", args=[pk]),
            reverse("finances:transfer-confirm", args=[pk, transfer.pk]),
        ],
    }


def test_non_members_get_404_on_every_finance_url(
    cooperation: Cooperation, engagement: Engagement, carla: User
) -> None:
    urls = _urls(cooperation, engagement)
    client = _client(carla)
    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["get"] + urls["post"]:
        assert client.post(url).status_code == 404, url


def test_former_members_read_everything_and_write_nothing(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    urls = _urls(cooperation, engagement)
    remove(cooperation, anna, ben)
    client = _client(ben)
    for url in urls["get"][:2] + urls["get"][3:4] + urls["get"][7:]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Auftrag anlegen" not in response.content
    for url in (urls["get"][2], urls["get"][4], urls["get"][5], urls["get"][6]):
        assert client.get(url).status_code == 302, url
    lines = EngagementLine.objects.count()
    client.post(
        reverse("finances:line-add", args=[cooperation.pk, engagement.pk]),
        {
            "kind": "cost",
            "member": ben.pk,
            "amount": "5",
            "booked_on": "2026-02-01",
            "description": "x",
        },
    )
    client.post(urls["post"][1])
    assert EngagementLine.objects.count() == lines


def test_only_the_receiver_can_mark_a_transfer_paid_on_the_page(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    urls = _urls(cooperation, engagement)
    confirm = urls["post"][2]
    page = _client(anna).get(reverse("finances:settlements", args=[cooperation.pk]))
    assert b"Eingang best\xc3\xa4tigen" not in page.content
    _client(anna).post(confirm)
    assert not Transfer.objects.filter(receipt__isnull=False).exists()
    page = _client(ben).get(reverse("finances:settlements", args=[cooperation.pk]))
    assert b"Eingang best\xc3\xa4tigen" in page.content
    _client(ben).post(confirm, follow=True)
    assert Transfer.objects.filter(receipt__isnull=False).count() == 1


def test_an_engagement_is_created_with_german_amounts_and_its_split_is_shown(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    client = _client(anna)
    response = client.post(
        reverse("finances:engagement-new", args=[cooperation.pk]),
        {
            "title": "Teamtag",
            "client": "Stadtwerke",
            "lead": anna.pk,
            "starts_on": "2026-03-01",
            "status": "running",
        },
    )
    engagement = Engagement.objects.get()
    assert response.url == reverse("finances:engagement", args=[cooperation.pk, engagement.pk])
    line_url = reverse("finances:line-add", args=[cooperation.pk, engagement.pk])
    added = client.post(
        line_url,
        {
            "kind": "revenue",
            "member": anna.pk,
            "amount": "1.234,50",
            "booked_on": "2026-03-02",
            "description": "Honorar",
        },
    )
    assert added.status_code == 302, added.content.decode()
    assert EngagementLine.objects.get().amount == Decimal("1234.50")
    page = client.get(response.url).content.decode()
    assert "617,25\xa0€" in page
    bad = client.post(
        line_url,
        {
            "kind": "cost",
            "member": anna.pk,
            "amount": "abc",
            "booked_on": "2026-03-02",
            "description": "x",
        },
    )
    assert "Bitte eine Zahl eingeben" in bad.content.decode() or "Zahl" in bad.content.decode()


def _fill(cooperation: Cooperation, anna: User, ben: User, n: int) -> None:
    for i in range(n):
        engagement = engage(cooperation, anna, title=f"Auftrag {i}", pilot=i % 2 == 1)
        EngagementLine.objects.bulk_create(
            EngagementLine(
                engagement=engagement,
                kind="revenue" if j % 2 else "cost",
                member=anna if j % 3 else ben,
                amount=Decimal("10.05") * (j + 1),
                booked_on=date(2026, 2, 1),
                description="Posten",
            )
            for j in range(n)
        )
        proposal = services.key_propose(
            engagement=engagement,
            user=anna,
            purpose=KeyPurpose.LOSS if i % 2 else KeyPurpose.REVENUE,
            kind=KeyKind.HOURS if i % 3 == 0 else KeyKind.WEIGHTS,
            shares={anna.pk: (Decimal(2), Decimal(0)), ben.pk: (Decimal(1), Decimal(0))},
            risk_budget=Decimal("100.00"),
        )
        services.key_consent(proposal=proposal, user=ben)
    services.shared_cost_create(
        cooperation=cooperation,
        user=anna,
        title=f"Lizenz {n}",
        monthly_amount=Decimal("9.99"),
        payer_id=ben.pk,
        starts_on=date(2025, 1, 1),
        ends_on=None,
        kind="weights",
        shares={},
    )
    for line in EngagementLine.objects.filter(engagement__cooperation=cooperation)[: n // 2]:
        if not EngagementLine.objects.filter(reverses=line).exists() and line.reverses_id is None:
            services.line_reverse(line=line, user=anna, reason="Doppelt")
    settlement = services.settlement_propose(cooperation=cooperation, user=anna)
    for transfer in settlement.transfers.all():
        services.transfer_confirm(transfer=transfer, user=transfer.receiver)
    book(Engagement.objects.filter(cooperation=cooperation).first(), anna, "revenue", "33.33")
    services.settlement_propose(cooperation=cooperation, user=anna)


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "page", ["overview", "engagements", "engagement", "shared-costs", "settlements"]
)
def test_query_counts_do_not_grow_with_the_number_of_entries(
    cooperation: Cooperation, anna: User, ben: User, page: str
) -> None:
    counts = []
    for n in (1, 10):
        _fill(cooperation, anna, ben, n)
        args: list[Any] = [cooperation.pk]
        if page == "engagement":
            args.append(Engagement.objects.filter(cooperation=cooperation).last().pk)  # type: ignore[union-attr]
        counts.append(_count(_client(anna), reverse(f"finances:{page}", args=args)))
    assert counts[0] == counts[1], counts


def test_archive_and_data_export_hold_the_money(
    cooperation: Cooperation, engagement: Engagement, anna: User, ben: User
) -> None:
    _urls(cooperation, engagement)
    section = dict(archive_sections.items())["finances"]
    data = section.function(cooperation).data  # type: ignore[attr-defined]
    assert data["engagements"][0]["lines"][0]["amount"] == "100.00"
    assert data["settlements"][0]["transfers"][0]["amount"] == "50.00"
    export = user_data_export(anna)["finances"]
    assert export["lines"][0]["amount"] == "100.00"
    assert export["transfers"][0]["receiver"] == str(ben)


def test_the_exit_page_names_open_transfers(
    cooperation: Cooperation, engagement: Engagement, anna: User
) -> None:
    _urls(cooperation, engagement)
    page = _client(anna).get(reverse("cooperations:exit", args=[cooperation.pk])).content.decode()
    assert "Noch offen vor dem Ausstieg" in page
    assert "1 Überweisung des Ausgleichs ist noch nicht bestätigt" in page


def test_a_cost_that_exceeds_a_pilots_budget_warns_at_once_and_consent_is_a_button(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    pilot = engage(cooperation, anna, pilot=True)
    services.key_propose(
        engagement=pilot,
        user=anna,
        purpose=KeyPurpose.LOSS,
        kind=KeyKind.PERCENT,
        shares={anna.pk: (Decimal(50), Decimal(0)), ben.pk: (Decimal(50), Decimal(0))},
        risk_budget=Decimal("100.00"),
    )
    url = reverse("finances:engagement", args=[cooperation.pk, pilot.pk])
    page = _client(ben).get(url).content.decode()
    assert "Es fehlt die Zustimmung von" in page and "Zustimmen</button>" in page
    assert "Zustimmen</button>" not in _client(anna).get(url).content.decode()
    proposal = pilot.key_proposals.get()
    _client(ben).post(reverse("finances:key-consent", args=[cooperation.pk, pilot.pk, proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.effective_at is not None
    response = _client(ben).post(
        reverse("finances:line-add", args=[cooperation.pk, pilot.pk]),
        {
            "kind": "cost",
            "member": ben.pk,
            "amount": "150",
            "booked_on": "2026-02-01",
            "description": "Technik",
        },
        follow=True,
    )
    assert "übersteigen jetzt das vereinbarte Risikobudget" in response.content.decode(), [
        str(m) for m in response.context["messages"]
    ]
