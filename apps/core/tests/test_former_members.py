"""A former member sees the cooperation as it was when they left: the records up to
that day, read-only, and nothing created afterwards (lists filter it, ids give 404)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.contributions import services as contributions
from apps.contributions.services import Entry
from apps.cooperations import services as agreements
from apps.cooperations.models import AgreementVersion, Cooperation
from apps.meetings import services as meetings
from apps.meetings.models import Meeting
from tests.factories import agree, remove

pytestmark = pytest.mark.django_db


def _decide(meeting: Meeting, user: User, title: str) -> None:
    draft = meetings.decision_record(meeting=meeting, user=user, title=title)
    meetings.decision_confirm(decision=draft, user=user)


def _agree_alone(cooperation: Cooperation, anna: User) -> AgreementVersion:
    draft = agreements.agreement_draft(cooperation=cooperation, user=anna)
    fields = {name: getattr(draft, name) for name in agreements.AGREEMENT_TEXT_FIELDS}
    fields["goals"] = "Fassung nach dem Austritt"
    share = {"revenue_share": Decimal(100), "cost_share": Decimal(100)}
    commitments = {anna.pk: {"hours_per_month": Decimal(10), "resources": "", **share}}
    agreements.agreement_draft_save(
        draft=draft, user=anna, revision=draft.revision, fields=fields, commitments=commitments
    )
    version = agreements.agreement_propose(draft=draft, user=anna)
    agreements.agreement_accept(version=version, user=anna)
    return version


@pytest.fixture
def history(cooperation: Cooperation, anna: User, ben: User) -> dict[str, int]:
    """Records before and after ben's removal; the pks of the later ones."""
    start = timezone.now()
    agree(cooperation, anna, ben, goals="Fassung vor dem Austritt")
    before = meetings.meeting_create(
        cooperation=cooperation,
        user=anna,
        title="Treffen vor dem Austritt",
        starts_at=start + timedelta(days=1),
        duration_minutes=60,
        place="Leipzig",
    )
    _decide(before, anna, "Beschluss vor dem Austritt")
    meetings.action_create(
        cooperation=cooperation,
        user=anna,
        title="Aufgabe vor dem Austritt",
        owner=ben,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    contributions.contribution_log(
        cooperation=cooperation,
        user=ben,
        entry=Entry(
            kind="hours",
            done_on=timezone.localdate(),
            hours=Decimal(3),
            description="Beitrag vor dem Austritt",
        ),
    )
    with time_machine.travel(start + timedelta(days=2)):
        remove(cooperation, anna, ben)
    with time_machine.travel(start + timedelta(days=3)):
        after = meetings.meeting_create(
            cooperation=cooperation,
            user=anna,
            title="Treffen nach dem Austritt",
            starts_at=start + timedelta(days=5),
            duration_minutes=60,
            place="Leipzig",
        )
        _decide(before, anna, "Beschluss nach dem Austritt")
        meetings.protocol_save(
            meeting=before, user=anna, protocol="Protokoll nach dem Austritt", revision=0
        )
        action = meetings.action_create(
            cooperation=cooperation,
            user=anna,
            title="Aufgabe nach dem Austritt",
            owner=anna,
            due_on=timezone.localdate() + timedelta(days=5),
        )
        entry = contributions.contribution_log(
            cooperation=cooperation,
            user=anna,
            entry=Entry(
                kind="hours",
                done_on=timezone.localdate(),
                hours=Decimal(4),
                description="Beitrag nach dem Austritt",
            ),
        )
        version = _agree_alone(cooperation, anna)
    return {
        "before": before.pk,
        "after": after.pk,
        "action": action.pk,
        "entry": entry.pk,
        "version": version.number,
    }


def _page(client: Client, name: str, *args: object, query: str = "") -> str:
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200, name
    return response.content.decode()


PAGES = [
    ("cooperations:detail", ""),
    ("cooperations:timeline", ""),
    ("cooperations:agreement", ""),
    ("meetings:meeting-list", "?ansicht=vergangen"),
    ("meetings:meeting-list", ""),
    ("meetings:decision-list", ""),
    ("meetings:action-list", "?status=all"),
    ("contributions:ledger", ""),
]


def test_former_member_sees_nothing_created_after_leaving(
    client: Client, cooperation: Cooperation, ben: User, history: dict[str, int]
) -> None:
    client.force_login(ben)
    seen = "".join(_page(client, name, cooperation.pk, query=q) for name, q in PAGES)
    seen += _page(client, "meetings:meeting-detail", cooperation.pk, history["before"])
    assert "nach dem Austritt" not in seen
    assert "Beschluss vor dem Austritt" in seen
    assert "Aufgabe vor dem Austritt" in seen
    assert "Beitrag vor dem Austritt" in seen
    assert "Sie sind seit dem" in seen  # the banner says since when


def test_later_records_answer_404_to_a_former_member(
    client: Client, cooperation: Cooperation, ben: User, history: dict[str, int]
) -> None:
    client.force_login(ben)
    pk = cooperation.pk
    for name, args in [
        ("meetings:meeting-detail", (pk, history["after"])),
        ("contributions:detail", (pk, history["entry"])),
        ("cooperations:agreement-version", (pk, history["version"])),
        ("cooperations:agreement-pdf", (pk, history["version"])),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    # What existed when ben left stays readable.
    assert client.get(reverse("cooperations:agreement-version", args=(pk, 1))).status_code == 200


def test_current_members_see_everything(
    client: Client, cooperation: Cooperation, anna: User, history: dict[str, int]
) -> None:
    client.force_login(anna)
    seen = "".join(_page(client, name, cooperation.pk, query=q) for name, q in PAGES)
    seen += _page(client, "meetings:meeting-detail", cooperation.pk, history["before"])
    for record in ("Treffen", "Beschluss", "Aufgabe", "Beitrag", "Protokoll"):
        assert f"{record} nach dem Austritt" in seen, record


def test_a_former_members_archive_ends_when_they_left(
    client: Client, cooperation: Cooperation, ben: User, history: dict[str, int]
) -> None:
    import io
    import zipfile

    client.force_login(ben)
    response = client.get(reverse("cooperations:archive", args=[cooperation.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    text = archive.read("kooperation.json").decode()
    assert "vor dem Austritt" in text
    assert "nach dem Austritt" not in text
    assert "vereinbarung-fassung-2.pdf" not in archive.namelist()
