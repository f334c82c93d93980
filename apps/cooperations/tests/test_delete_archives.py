"""Deleting a cooperation archives it: ended, read-only for everyone, out of the list of
running cooperations and under "Archiviert", with every record kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import (
    Acceptance,
    AgreementVersion,
    Cooperation,
    CooperationStatus,
    Event,
    EventKind,
    VersionStatus,
)
from tests.factories import agree, end

pytestmark = pytest.mark.django_db


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordination_deletes_after_confirming_and_the_cooperation_is_archived(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    agree(cooperation, anna, ben)
    draft = services.agreement_draft(cooperation=cooperation, user=anna)
    url = reverse("cooperations:delete", args=[cooperation.pk])
    anna_client = client_of(anna)

    unconfirmed = anna_client.post(url, {})
    assert unconfirmed.status_code == 200
    assert "Bitte bestätigen Sie" in unconfirmed.content.decode()
    cooperation.refresh_from_db()
    assert not cooperation.is_archived

    response = anna_client.post(url, {"confirm": "on"})

    assert response.status_code == 302
    cooperation.refresh_from_db()
    assert cooperation.is_archived and cooperation.status == CooperationStatus.ENDED
    # Records stay: the accepted version and its acceptances; the draft is withdrawn.
    assert AgreementVersion.objects.filter(cooperation=cooperation).count() == 2
    assert Acceptance.objects.filter(version__cooperation=cooperation).count() == 2
    assert AgreementVersion.objects.get(pk=draft.pk).status == VersionStatus.WITHDRAWN
    assert Event.objects.filter(cooperation=cooperation, kind=EventKind.ARCHIVED).exists()


def test_an_archived_cooperation_is_read_only_for_everyone_and_still_readable(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    services.cooperation_archive(cooperation=cooperation, user=anna)

    for user in (anna, ben):
        with pytest.raises(ValidationError, match="beendet"):
            services.agreement_draft(cooperation=cooperation, user=user)
        detail = client_of(user).get(reverse("cooperations:detail", args=[cooperation.pk]))
        assert detail.status_code == 200
        assert "gelöscht und archiviert" in detail.content.decode()
        archive = client_of(user).get(reverse("cooperations:archive", args=[cooperation.pk]))
        assert archive.status_code == 200
    with pytest.raises(ValidationError, match="bereits archiviert"):
        services.cooperation_archive(cooperation=cooperation, user=anna)


def test_an_archived_cooperation_leaves_the_running_list_for_archiviert(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    other = services.cooperation_create(
        founder=anna, title="Läuft weiter", purpose="Zweck", kind="other"
    )
    services.cooperation_archive(cooperation=cooperation, user=anna)

    page = client_of(ben).get(reverse("cooperations:list")).content.decode()
    running, archived = page.split('id="archived-title"')
    assert cooperation.title not in running
    assert cooperation.title in archived
    assert other.title in client_of(anna).get(reverse("cooperations:list")).content.decode()
    assert cooperation not in Cooperation.objects.active()


def test_only_the_coordination_deletes(cooperation: Cooperation, ben: User, carla: User) -> None:
    with pytest.raises(PermissionDenied):
        services.cooperation_archive(cooperation=cooperation, user=ben)
    response = client_of(ben).post(
        reverse("cooperations:delete", args=[cooperation.pk]), {"confirm": "on"}
    )
    assert response.status_code == 200
    assert "Koordination" in response.content.decode()
    # Outsiders do not even see the page.
    assert (
        client_of(carla).get(reverse("cooperations:delete", args=[cooperation.pk])).status_code
        == 404
    )
    cooperation.refresh_from_db()
    assert not cooperation.is_archived


def test_an_ended_cooperation_can_be_deleted_too(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    end(cooperation, anna)
    cooperation.refresh_from_db()
    ended_at = cooperation.ended_at

    services.cooperation_archive(cooperation=cooperation, user=anna)

    cooperation.refresh_from_db()
    assert cooperation.is_archived and cooperation.ended_at == ended_at
