"""One gate for writing: services refuse with it, pages show buttons by it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.cooperations import gate, selectors, services
from apps.cooperations.models import Cooperation, CooperationStatus

pytestmark = pytest.mark.django_db


def end(cooperation: Cooperation) -> None:
    Cooperation.objects.filter(pk=cooperation.pk).update(
        status=CooperationStatus.ENDED, ended_at=timezone.now()
    )
    cooperation.refresh_from_db()


def test_the_gate_lets_current_members_write_and_only_coordinators_coordinate(
    cooperation: Cooperation, anna: User, ben: User, carla: User
) -> None:
    assert gate.write_gate(cooperation=cooperation, user=ben).user == ben
    assert gate.coordinator_gate(cooperation=cooperation, user=anna).user == anna
    with pytest.raises(PermissionDenied, match="Koordination"):
        gate.coordinator_gate(cooperation=cooperation, user=ben)
    with pytest.raises(PermissionDenied, match="aktuelle Mitglieder"):
        gate.write_gate(cooperation=cooperation, user=carla)


def test_an_ended_cooperation_refuses_everyone_in_services_and_pages(
    cooperation: Cooperation, anna: User
) -> None:
    end(cooperation)
    with pytest.raises(ValidationError, match="beendet"):
        gate.write_gate(cooperation=cooperation, user=anna)
    with pytest.raises(ValidationError, match="beendet"):
        services.cooperation_update(
            cooperation=cooperation, user=anna, title="Neu", purpose="Neu", kind="other"
        )
    loaded = selectors.cooperation_for_member(user=anna, pk=cooperation.pk)
    assert gate.permissions(loaded) == {"can_write": False, "can_coordinate": False}


def test_the_overview_offers_coordination_only_to_the_coordination_of_an_open_cooperation(
    cooperation: Cooperation, anna: User, ben: User, client: Client
) -> None:
    url = reverse("cooperations:detail", args=[cooperation.pk])
    edit = reverse("cooperations:edit", args=[cooperation.pk])

    client.force_login(anna)
    response = client.get(url)
    assert response.context["can_coordinate"] and edit in response.content.decode()

    client.force_login(ben)
    response = client.get(url)
    assert response.context["can_write"] and not response.context["can_coordinate"]
    assert edit not in response.content.decode()

    end(cooperation)
    client.force_login(anna)
    response = client.get(url)
    assert not response.context["can_write"] and edit not in response.content.decode()
