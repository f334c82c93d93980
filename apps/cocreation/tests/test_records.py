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
