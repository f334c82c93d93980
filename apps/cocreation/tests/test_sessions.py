import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import User
from apps.base.data_export import user_data_export
from apps.cocreation import documents, services
from apps.cocreation.models import Circle, Idea, Phase, Session
from apps.cocreation.tests.conftest import add_member
from apps.cooperations.documents import archive_zip
from apps.cooperations.models import Cooperation
from apps.meetings.models import Action


def advance(session: Session, user: User, times: int = 1) -> Session:
    for _ in range(times):
        session = services.phase_advance(session=session, user=user)
    return session


@pytest.fixture
def session(circle: Circle, anna: User) -> Session:
    return services.session_create(user=anna, question="Wie finden wir Kunden?", circle=circle)


def test_no_dots_before_the_vote_phase(session: Session, anna: User, ben: User) -> None:
    idea = services.idea_add(session=session, user=ben, text="Webinar")
    with pytest.raises(ValidationError, match="Abstimmungsphase"):
        services.dot_add(idea=idea, user=ben)
    advance(session, anna)  # cluster
    with pytest.raises(ValidationError):
        services.dot_add(idea=idea, user=ben)


def test_no_ideas_after_the_collect_phase(session: Session, anna: User, ben: User) -> None:
    advance(session, anna)
    with pytest.raises(ValidationError, match="Sammelphase"):
        services.idea_add(session=session, user=ben, text="Zu spät")


def test_each_person_has_their_dots_and_may_stack_them(
    session: Session, anna: User, ben: User
) -> None:
    first = services.idea_add(session=session, user=anna, text="Webinar")
    second = services.idea_add(session=session, user=ben, text="Fallstudie")
    advance(session, anna, 2)
    for _ in range(2):
        services.dot_add(idea=first, user=ben)
    services.dot_add(idea=second, user=ben)
    with pytest.raises(ValidationError, match="alle 3 Punkte"):
        services.dot_add(idea=second, user=ben)
    services.dot_remove(idea=first, user=ben)
    services.dot_add(idea=second, user=ben)
    services.dot_add(idea=first, user=anna)  # Anna's dots are her own
    assert first.dots.count() == 2 and second.dots.count() == 2


def test_only_the_facilitator_moves_phases_clusters_and_decides(
    session: Session, anna: User, ben: User
) -> None:
    idea = services.idea_add(session=session, user=ben, text="Webinar")
    with pytest.raises(PermissionDenied):
        services.phase_advance(session=session, user=ben)
    advance(session, anna)
    with pytest.raises(PermissionDenied):
        services.cluster_create(session=session, user=ben, name="Online")
    advance(session, anna, 2)
    with pytest.raises(PermissionDenied):
        services.session_decide(session=session, user=ben, idea=idea)
    services.session_decide(session=session, user=anna, idea=idea)
    assert Session.objects.get(pk=session.pk).phase == Phase.DONE


def test_a_double_click_does_not_skip_a_phase(session: Session, anna: User) -> None:
    services.phase_advance(session=session, user=anna, expected=Phase.COLLECT)
    with pytest.raises(ValidationError):
        services.phase_advance(session=session, user=anna, expected=Phase.COLLECT)
    assert Session.objects.get(pk=session.pk).phase == Phase.CLUSTER


def test_outsiders_neither_take_part_nor_see(client, session: Session, carla: User) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.idea_add(session=session, user=carla, text="Ich auch")
    client.force_login(carla)
    for url in ("", "live/", "export.md", "export.pdf"):
        assert client.get(f"/sessions/{session.pk}/{url}").status_code == 404
    assert client.post(f"/sessions/{session.pk}/idee/", {"text": "x"}).status_code == 404


def test_a_session_in_a_cooperation_is_for_its_members(
    client, cooperation: Cooperation, anna: User, carla: User
) -> None:  # type: ignore[no-untyped-def]
    session = services.session_create(user=anna, question="Was nun?", cooperation=cooperation)
    client.force_login(carla)
    assert client.get(f"/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/kooperationen/{cooperation.pk}/sessions/").status_code == 404


def test_the_winner_becomes_actions_of_the_cooperation(
    cooperation: Cooperation, anna: User, ben: User
) -> None:
    session = services.session_create(user=anna, question="Was nun?", cooperation=cooperation)
    idea = services.idea_add(session=session, user=ben, text="Webinar mit der IHK")
    advance(session, anna, 3)
    with pytest.raises(ValidationError):
        services.result_to_actions(
            session=session,
            user=anna,
            cooperation=cooperation,
            titles=["x"],
            due_on=timezone.localdate(),
        )
    services.session_decide(session=session, user=anna, idea=idea)
    actions = services.result_to_actions(
        session=Session.objects.get(pk=session.pk),
        user=anna,
        cooperation=cooperation,
        titles=["IHK anfragen", "", "Konzept schreiben"],
        due_on=timezone.localdate() + timedelta(days=7),
    )
    assert [a.title for a in actions] == ["IHK anfragen", "Konzept schreiben"]
    assert Action.objects.filter(cooperation=cooperation).count() == 2
    assert cooperation.events.filter(kind="session_decided").exists()


def test_the_proposal_invites_the_backers_of_the_winner(
    circle: Circle, anna: User, ben: User, carla: User
) -> None:
    from tests.factories import connect

    add_member(circle, carla, by=anna)
    connect(anna, ben)
    session = services.session_create(user=anna, question="Neues Angebot?", circle=circle)
    idea = services.idea_add(session=session, user=anna, text="Führungsprogramm")
    advance(session, anna, 2)
    services.dot_add(idea=idea, user=ben)
    services.dot_add(idea=idea, user=carla)
    advance(session, anna)
    services.session_decide(session=session, user=anna, idea=idea)
    proposal = services.result_to_cooperation(
        session=Session.objects.get(pk=session.pk), user=anna, title="Führungsprogramm"
    )
    assert proposal.invited == [ben]
    assert proposal.not_connected == [carla]  # not connected with Anna: named, not invited
    assert proposal.cooperation.invitations.filter(invitee=ben).exists()


def test_anonymous_ideas_show_no_author_in_any_output(
    client, cooperation: Cooperation, anna: User, ben: User
) -> None:  # type: ignore[no-untyped-def]
    ben.name = "Benedikt Unverwechselbar"
    ben.save()
    session = services.session_create(
        user=anna, question="Was nun?", cooperation=cooperation, anonymous=True
    )
    services.idea_add(session=session, user=ben, text="Geheime Idee")
    advance(session, anna, 2)
    idea = Idea.objects.get()
    services.dot_add(idea=idea, user=ben)
    advance(session, anna)
    services.session_decide(session=session, user=anna, idea=idea)
    session = Session.objects.get(pk=session.pk)
    name = "Unverwechselbar"

    cards, lines = [], []
    for user in (anna, ben):
        client.force_login(user)
        for url in ("", "live/"):
            page = client.get(f"/sessions/{session.pk}/{url}").content.decode()
            card = page[page.index('id="idee-') :]
            cards.append(card[: card.index("</li>")])
        lines += client.get(f"/sessions/{session.pk}/export.md").content.decode().splitlines()
        lines += (
            client.get(f"/kooperationen/{cooperation.pk}/verlauf/").content.decode().splitlines()
        )
    lines += documents.session_markdown(session).splitlines()
    assert all("Geheime Idee" in card and "anonym" in card for card in cards)
    assert not any(name in card for card in cards)
    assert not any(name in line for line in lines if "Geheime Idee" in line)
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(archive_zip(cooperation))) as zipped:
        data = zipped.read(next(n for n in zipped.namelist() if n.endswith(".json"))).decode()
    assert "Geheime Idee" in data
    assert name not in json.dumps(json.loads(data)["cocreation_sessions"], ensure_ascii=False)
    assert "Geheime Idee" not in json.dumps(user_data_export(ben)["cocreation"]["ideas"])


def test_the_live_fragment_answers_304_while_nothing_changed(
    client, session: Session, anna: User, ben: User
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(ben)
    first = client.get(f"/sessions/{session.pk}/live/")
    assert first.status_code == 200 and first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/sessions/{session.pk}/live/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert len(queries) <= 4  # session, user, the version, the membership
    services.idea_add(session=session, user=anna, text="Neu")
    changed = client.get(f"/sessions/{session.pk}/live/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Neu" in changed.content.decode()


def test_session_pages_query_count_does_not_grow_with_ideas_and_members(
    client, circle: Circle, anna: User, add_people
) -> None:  # type: ignore[no-untyped-def]
    session = services.session_create(user=anna, question="Wie?", circle=circle)
    client.force_login(anna)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def counts() -> list[int]:
        return [
            count(f"/sessions/{session.pk}/"),
            count(f"/sessions/{session.pk}/live/"),
            count(f"/kreise/{circle.pk}/"),
        ]

    services.idea_add(session=session, user=anna, text="Idee 0")
    few = counts()
    add_people(9)
    circle.size_limit = 20
    circle.save()
    people = list(User.objects.exclude(circle_memberships__circle=circle)[:9])
    for person in people:
        add_member(circle, person, by=anna)
    for index, person in enumerate(people):
        services.idea_add(session=session, user=person, text=f"Idee {index + 1}")
    advance(session, anna, 2)
    for person in people:
        services.dot_add(idea=Idea.objects.last(), user=person)  # type: ignore[arg-type]
    assert counts() == few


def test_beratung_steps_timer_and_private_notes(
    client, circle: Circle, anna: User, ben: User, carla: User
) -> None:  # type: ignore[no-untyped-def]
    add_member(circle, carla, by=anna)
    session = services.session_create(
        user=anna, question="Honorar gekürzt", circle=circle, format="beratung", case_giver=ben
    )
    assert session.phase == Phase.CASE and session.step_minutes() == 10
    with pytest.raises(ValidationError):
        services.idea_add(session=session, user=carla, text="Frage zu früh")
    services.idea_add(session=session, user=ben, text="Mein Fall")
    with pytest.raises(PermissionDenied):
        services.step_advance(session=session, user=ben)
    services.step_advance(session=session, user=anna)
    services.idea_add(session=session, user=carla, text="Seit wann?")
    services.case_note_save(session=session, user=ben, text="Nur für mich: Preisgrenze 900")
    with pytest.raises(PermissionDenied):
        services.case_note_save(session=session, user=carla, text="x")
    client.force_login(carla)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    assert "Restzeit" in page and "Preisgrenze" not in page
    assert "Preisgrenze" not in client.get(f"/sessions/{session.pk}/export.md").content.decode()
    client.force_login(ben)
    assert "Preisgrenze" in client.get(f"/sessions/{session.pk}/").content.decode()
    for _ in range(4):
        services.step_advance(session=session, user=anna)
    assert Session.objects.get(pk=session.pk).phase == Phase.DONE


def test_the_dimension_round_feeds_the_circle_chart(
    client, session: Session, anna: User, ben: User, circle: Circle
) -> None:  # type: ignore[no-untyped-def]
    idea = services.idea_add(session=session, user=ben, text="Webinar")
    with pytest.raises(ValidationError):
        services.rating_save(session=session, user=ben, values={})
    advance(session, anna, 3)
    services.session_decide(session=session, user=anna, idea=idea)
    values = {"personality": 4, "behaviour": 3, "culture": 5, "organisation": 2}
    services.rating_save(session=Session.objects.get(pk=session.pk), user=ben, values=values)
    client.force_login(anna)
    page = client.get(f"/kreise/{circle.pk}/").content.decode()
    assert "<polyline" in page and "Persönlichkeit" in page
