"""Outsiders get 404 on every cooperation URL: existence does not leak."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation
from tests.factories import agree, connect

pytestmark = pytest.mark.django_db

# Pages of the user's own that are not inside a cooperation.
OUTSIDE = {"list", "new"}


def cooperation_patterns() -> list[URLPattern]:
    resolver = get_resolver()
    namespace = resolver.namespace_dict["cooperations"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


@pytest.fixture
def walk_args(cooperation: Cooperation, anna: User, ben: User, add_people) -> dict[str, object]:  # type: ignore[no-untyped-def]
    add_people(1)
    dora = User.objects.exclude(email__endswith="@wirwerk.example").first()
    assert dora is not None
    connect(anna, dora)
    invitation = services.invitation_create(cooperation=cooperation, inviter=anna, invitee=dora)
    agree(cooperation, anna, ben)
    exit_process = services.exit_propose(
        cooperation=cooperation, user=ben, kind="leave", reason="Mir fehlt die Zeit dafür."
    )
    _invitation, token = services.invitation_create_by_email(
        cooperation=cooperation, inviter=anna, email="neu@example.org"
    )
    return {
        "pk": cooperation.pk,
        "user_id": ben.pk,
        "invitation_id": invitation.pk,
        "number": 1,
        "exit_id": exit_process.pk,
        "token": "x" + token,  # a wrong token must look like a missing one
        "answer": "bestaetigen",
    }


def test_every_cooperation_url_answers_404_to_an_outsider(
    client: Client, carla: User, walk_args: dict[str, object]
) -> None:
    client.force_login(carla)
    walked = []
    for pattern in cooperation_patterns():
        if pattern.name in OUTSIDE:
            continue
        names = pattern.pattern.regex.groupindex.keys()
        url = reverse(f"cooperations:{pattern.name}", kwargs={n: walk_args[n] for n in names})
        assert client.post(url).status_code == 404, pattern.name
        # Buttons answer GET with 405 whatever the id is, so that tells nothing either.
        assert client.get(url).status_code in (404, 405), pattern.name
        walked.append(pattern.name)
    # Guard against a silently empty walk.
    assert {"detail", "agreement-version", "archive", "exit-complete"} <= set(walked)


def test_members_reach_every_page_they_can_open(
    client: Client, anna: User, walk_args: dict[str, object]
) -> None:
    client.force_login(anna)
    pk = walk_args["pk"]
    for name in ("detail", "timeline", "agreement", "agreement-draft", "exit", "invite"):
        assert client.get(reverse(f"cooperations:{name}", args=[pk])).status_code == 200, name
    assert client.get(reverse("cooperations:agreement-version", args=[pk, 1])).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client: Client, cooperation: Cooperation) -> None:
    response = client.get(reverse("cooperations:detail", args=[cooperation.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_former_members_read_but_cannot_write(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    services.member_remove(
        cooperation=cooperation, by=anna, member=ben, reason="Hat das Projekt verlassen."
    )
    client.force_login(ben)
    page = client.get(reverse("cooperations:detail", args=[cooperation.pk]))
    assert page.status_code == 200
    assert "nicht mehr Mitglied" in page.content.decode()
    response = client.post(
        reverse("cooperations:exit", args=[cooperation.pk]),
        {"kind": "end", "reason": "Ich will das beenden."},
        follow=True,
    )
    assert not cooperation.exits.exists()
    assert response.status_code == 200


def test_buttons_go_back_to_the_page_but_never_to_another_site(
    client: Client, cooperation: Cooperation, anna: User, ben: User
) -> None:
    client.force_login(anna)
    url = reverse("cooperations:member-role", args=[cooperation.pk, ben.pk])
    timeline = reverse("cooperations:timeline", args=[cooperation.pk])
    response = client.post(url, {"role": "coordinator", "next": timeline})
    assert response["Location"] == timeline
    response = client.post(url, {"role": "member", "next": "https://example.com/"})
    assert response["Location"] == reverse("cooperations:detail", args=[cooperation.pk])
