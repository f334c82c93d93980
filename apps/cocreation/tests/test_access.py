"""Every co-creation address answers 404 to someone outside the circle or the
cooperation (so existence does not leak); members reach every page."""

import re

from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from apps.accounts.models import User
from apps.cocreation import services
from apps.cocreation.models import Circle, Gathering
from apps.cooperations.models import Cooperation

# Open to anyone logged in: the list, founding a circle, and reading a circle's
# purpose and norms before asking to join.
OPEN = {"circle-list", "circle-new", "circle-join"}


def _patterns() -> list[URLPattern]:
    namespace = get_resolver().namespace_dict["cocreation"][1]
    return [p for p in namespace.url_patterns if isinstance(p, URLPattern)]


def test_every_cocreation_url_answers_404_to_an_outsider(
    client: Client, circle: Circle, cooperation: Cooperation, anna: User, carla: User
) -> None:
    from django.utils import timezone

    start = timezone.now() + timezone.timedelta(days=2)
    gathering = services.gathering_create(
        circle=circle,
        user=anna,
        title="T",
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=1),
        place="Hier",
    )
    post = services.post_create(circle=circle, user=anna, title="Frage", body="Text")
    session = services.session_create(user=anna, question="Wie?", circle=circle)
    join_request = circle.join_requests.first()
    values = {
        "pk": circle.pk,
        "gathering_pk": gathering.pk,
        "post_pk": post.pk,
        "request_pk": join_request.pk if join_request else 1,
        "kind": "md",
        "step": "idee",
    }
    client.force_login(carla)
    checked = 0
    for pattern in _patterns():
        if pattern.name in OPEN:
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))
        kwargs = {name: values[name] for name in names}
        if "sessions/<int:pk>" in str(pattern.pattern):
            kwargs["pk"] = session.pk
        if str(pattern.pattern).startswith("kooperationen/"):
            kwargs["pk"] = cooperation.pk
        url = reverse(f"cocreation:{pattern.name}", kwargs=kwargs)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url).status_code == 404, url
        checked += 1
    assert checked >= 15
    assert Gathering.objects.count() == 1


def test_members_reach_every_page(
    client: Client, circle: Circle, cooperation: Cooperation, anna: User, ben: User
) -> None:
    session = services.session_create(user=anna, question="Wie?", cooperation=cooperation)
    client.force_login(ben)
    for url in (
        reverse("cocreation:circle-list"),
        reverse("cocreation:circle-detail", args=[circle.pk]),
        reverse("cocreation:gathering-new", args=[circle.pk]),
        reverse("cocreation:circle-session-new", args=[circle.pk]),
        reverse("cocreation:circle-sessions", args=[circle.pk]),
        reverse("cocreation:circle-leave", args=[circle.pk]),
        reverse("cocreation:cooperation-sessions", args=[cooperation.pk]),
        reverse("cocreation:cooperation-session-new", args=[cooperation.pk]),
        reverse("cocreation:session-detail", args=[session.pk]),
        reverse("cocreation:session-live", args=[session.pk]),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("cocreation:cooperation-sessions", args=[cooperation.pk]))
    assert "Sessions" in page.content.decode()
    assert 'href="/kreise/"' in page.content.decode()  # "Kreise" in the main menu
