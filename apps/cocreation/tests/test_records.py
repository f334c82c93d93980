"""What the co-creation space adds to the records: timeline lines, the archive section
(constant queries), the data export, and the Markdown/PDF result."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.base.data_export import user_data_export
from apps.cocreation import documents, services
from apps.cocreation.archive import sessions_section
from apps.cocreation.models import Circle, Session
from apps.cooperations.models import Cooperation
from apps.cooperations.timeline import timeline_text


def _decided(cooperation: Cooperation, anna: User, ben: User, ideas: int = 1) -> Session:
    session = services.session_create(user=anna, question="Was nun?", cooperation=cooperation)
    created = [services.idea_add(session=session, user=ben, text=f"Idee {n}") for n in range(ideas)]
    for _ in range(3):
        services.phase_advance(session=session, user=anna)
    services.session_decide(session=session, user=anna, idea=created[0])
    return Session.objects.get(pk=session.pk)


def test_the_timeline_tells_the_session_and_its_decision(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    _decided(cooperation, anna, ben)
    lines = [
        timeline_text(event) for event in cooperation.events.filter(kind__startswith="session")
    ]
    assert "Co-Creation-Session eröffnet – „Was nun?“" in lines
    assert any("umgesetzt wird: Idee 0" in line for line in lines)


def test_the_archive_section_reads_in_constant_queries(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    _decided(cooperation, anna, ben)
    with CaptureQueriesContext(connection) as one:
        first = sessions_section(cooperation)
    for _ in range(3):
        _decided(cooperation, anna, ben, ideas=5)
    with CaptureQueriesContext(connection) as many:
        data = sessions_section(cooperation).data
    assert len(one) == len(many)
    assert len(first.data) == 1 and len(data) == 4
    assert data[0]["ideas"][0]["author"] == str(ben)


def test_the_data_export_holds_memberships_with_the_norms_accepted(
    circle: Circle, ben: User
) -> None:
    export = user_data_export(ben)["cocreation"]
    assert export["circles"][0]["circle"] == circle.name
    assert export["circles"][0]["norms_version"] == 1


def test_the_result_exports_as_markdown_and_pdf(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    session = _decided(cooperation, anna, ben)
    markdown = documents.session_markdown(session)
    assert markdown.startswith("# Was nun?")
    assert "## Entscheidung\n\nIdee 0" in markdown
    assert documents.session_pdf(session).startswith(b"%PDF")


def test_deleting_an_account_erases_notes_requests_and_answers_and_leaves_circles(
    circle: Circle, anna: User, ben: User, carla: User
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from apps.accounts.services import account_delete
    from apps.cocreation.models import CaseNote, CircleMembership, JoinRequest, Rsvp
    from apps.core.demo.personas import DEMO_PASSWORD

    beratung = services.session_create(
        user=anna, question="Wie sage ich Nein?", circle=circle, format="beratung", case_giver=ben
    )
    services.case_note_save(session=beratung, user=ben, text="Nur für mich.")
    start = timezone.now() + timedelta(days=3)
    gathering = services.gathering_create(
        circle=circle,
        user=anna,
        title="Treffen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Köln",
    )
    services.rsvp_set(gathering=gathering, user=ben, answer="yes")
    other = services.circle_create(
        founder=anna, name="Zweiter Kreis", purpose="Austausch.", norms="Vertraulich."
    )
    services.join_request_create(circle=other, user=ben, message="Gern.", accept_norms=True)

    account_delete(user=ben, password=DEMO_PASSWORD)

    assert not CaseNote.objects.filter(author=ben).exists()
    assert not Rsvp.objects.filter(user=ben).exists()
    assert not JoinRequest.objects.filter(user=ben).exists()
    assert not CircleMembership.objects.current().filter(user=ben).exists()
    assert CircleMembership.objects.current().filter(user=anna, circle=circle).exists()
