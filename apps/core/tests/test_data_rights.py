"""Data rights: download my data (a ZIP with a section per app), delete my account
(personal data gone, shared records kept under "ehemaliges Mitglied", every partner's
agreement still verifies) and backup/restore of the whole database."""

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from apps.accounts.models import User
from apps.base.data_export import sections
from apps.contributions import services as contributions
from apps.contributions.models import Contribution
from apps.contributions.services import Entry
from apps.cooperations.models import Acceptance, Cooperation, Membership
from apps.core.demo.personas import BEN, DEMO_PASSWORD
from apps.profiles.models import Profile
from apps.referrals.models import Referral
from apps.referrals.services import referral_offer
from tests.factories import agree, connect

pytestmark = pytest.mark.django_db


def _zip(response_content: bytes) -> dict[str, object]:
    archive = zipfile.ZipFile(io.BytesIO(response_content))
    assert "LIESMICH.txt" in archive.namelist()
    return json.loads(archive.read("meine-daten.json"))  # type: ignore[no-any-return]


def test_my_data_zip_has_a_section_from_every_app_that_stores_personal_data(
    client: Client, ben: User, cooperation: Cooperation
) -> None:
    client.force_login(ben)
    page = client.get(reverse("core:my-data"))
    assert page.status_code == 200
    assert "Meine Daten herunterladen" in page.content.decode()
    response = client.get(reverse("core:my-data-download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    data = _zip(response.content)
    apps_with_section = [
        config.label
        for config in django_apps.get_app_configs()
        if config.name.startswith("apps.") and module_has_submodule(config.module, "data_export")
    ]
    assert len(sections.names()) >= len(apps_with_section) - 1  # base holds the registry
    for key in sections.names():
        assert key in data, key
    assert data["account"]["email"] == BEN.email  # type: ignore[index]


def test_my_data_needs_a_login(client: Client, db: None) -> None:
    response = client.get(reverse("core:my-data-download"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def _shared_history(cooperation: Cooperation, anna: User, ben: User) -> Referral:
    agree(cooperation, anna, ben)
    contributions.contribution_log(
        cooperation=cooperation,
        user=ben,
        entry=Entry(kind="hours", done_on=timezone.localdate(), hours=Decimal(5)),
    )
    connect(anna, ben)
    return referral_offer(
        giver=ben,
        receiver=anna,
        client_label="Familienunternehmen im Maschinenbau, 120 Beschäftigte",
        need="Konfliktmoderation zwischen zwei Abteilungsleitungen, Anfang März",
        expected_value=Decimal("2400.00"),
    )


def test_wrong_password_deletes_nothing(client: Client, ben: User) -> None:
    client.force_login(ben)
    response = client.post(reverse("core:account-delete"), {"password": "falsch", "confirm": "on"})
    assert response.status_code == 200
    assert "Das Passwort stimmt nicht." in response.content.decode()
    ben.refresh_from_db()
    assert ben.is_active and ben.email == BEN.email


def test_deleting_needs_the_confirmation(client: Client, ben: User) -> None:
    client.force_login(ben)
    response = client.post(reverse("core:account-delete"), {"password": DEMO_PASSWORD})
    assert "Bitte bestätigen Sie" in response.content.decode()
    assert User.objects.get(pk=ben.pk).is_active


def test_account_deletion_keeps_shared_records_and_every_agreement_verifies(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    referral = _shared_history(cooperation, anna, ben)
    client.force_login(ben)
    response = client.post(
        reverse("core:account-delete"), {"password": DEMO_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

    ben.refresh_from_db()
    assert ben.email != BEN.email and BEN.email not in ben.email
    assert str(ben) == "ehemaliges Mitglied"
    assert not ben.is_active and not ben.has_usable_password()
    assert not Profile.objects.filter(user=ben).exists()
    # Shared records stay: the ledger entry, the acceptance, the referral for anna.
    assert Contribution.objects.filter(member=ben).count() == 1
    assert Acceptance.objects.filter(user=ben).exists()
    referral.refresh_from_db()
    assert referral.receiver_id == anna.pk and referral.giver_id == ben.pk
    # ben has left the cooperation; anna carries on, and her agreement verifies.
    assert Membership.objects.get(cooperation=cooperation, user=ben).left_at is not None
    out = io.StringIO()
    call_command("verify_agreements", stdout=out)
    assert "problems=0" in out.getvalue()
    # anna's pages show the former member, not an error.
    client.force_login(anna)
    ledger = client.get(reverse("contributions:ledger", args=[cooperation.pk]))
    assert ledger.status_code == 200 and "ehemaliges Mitglied" in ledger.content.decode()
    # The old login no longer works.
    client.logout()
    client.post(reverse("account_login"), {"login": BEN.email, "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_give_back_the_same_rows(tmp_path: Path, anna: User, ben: User) -> None:
    if connection.vendor == "postgresql":
        import shutil

        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump is not installed")
    cooperation = Cooperation.objects.create(title="Vor der Sicherung")
    before = sorted(Cooperation.objects.values_list("pk", "title"))
    users_before = sorted(User.objects.values_list("pk", "email"))
    out = tmp_path / "wirwerk.backup"
    call_command("backup", str(out))
    assert out.stat().st_size > 0

    cooperation.title = "nach der Sicherung geändert"
    cooperation.save()
    Cooperation.objects.create(title="nach der Sicherung")
    call_command("restore", str(out), "--yes")

    assert sorted(Cooperation.objects.values_list("pk", "title")) == before
    assert sorted(User.objects.values_list("pk", "email")) == users_before
