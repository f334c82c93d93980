"""The timeline reads each event through the renderer its app registered."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.cooperations import timeline
from apps.cooperations.models import Cooperation, Event, EventKind

pytestmark = pytest.mark.django_db


def test_own_events_show_label_version_number_and_the_person_concerned(
    cooperation: Cooperation, anna: User
) -> None:
    proposed = Event(cooperation=cooperation, kind=EventKind.VERSION_PROPOSED, params={"number": 2})
    removed = Event(cooperation=cooperation, kind=EventKind.REMOVED, params={"member": "Ben B."})
    joined = Event(cooperation=cooperation, kind=EventKind.JOINED, params={"member": "Ben B."})

    assert timeline.timeline_text(proposed) == "Fassung zur Annahme vorgelegt (Fassung 2)"
    assert timeline.timeline_text(removed) == "Mitglied entfernt – Ben B."
    # The member who joins is the actor already; the line does not name them twice.
    assert timeline.timeline_text(joined) == "beigetreten"


def test_meetings_render_their_own_kinds(cooperation: Cooperation) -> None:
    event = Event(
        cooperation=cooperation, kind=EventKind.MEETING_PLANNED, params={"item": "Jour fixe"}
    )
    assert timeline.timeline_text(event) == "Besprechung geplant – „Jour fixe“"
    assert "meeting_planned" in timeline.renderers


def test_a_registered_renderer_decides_how_its_kind_reads_on_the_page(
    cooperation: Cooperation, anna: User, client: Client
) -> None:
    Event.objects.create(
        cooperation=cooperation, actor=anna, kind="probe", params={"what": "<b>Probe</b>"}
    )

    def probe(event: Event) -> str:
        return f"Probe: {event.params['what']}"

    client.force_login(anna)
    with timeline.renderers.registered("probe", probe):
        response = client.get(reverse("cooperations:timeline", args=[cooperation.pk]))

    # Plain text from the renderer, escaped by the template.
    assert "Probe: &lt;b&gt;Probe&lt;/b&gt;" in response.content.decode()
