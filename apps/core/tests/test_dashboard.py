import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_shows_the_users_own_profile_and_nobody_elses(
    client: Client, anna: User, ben: User
) -> None:
    client.force_login(anna)
    response = client.get(reverse("core:dashboard"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Guten Tag, Anna" in content
    assert anna.profile.headline in content
    assert ben.profile.headline not in content
    assert "Profil zu" in content  # completeness hint


def test_dashboard_without_profile_shows_empty_states(client: Client, db: None) -> None:
    user = User.objects.create_user("neu@example.org", "x", name="Neue Person")
    client.force_login(user)
    content = client.get(reverse("core:dashboard")).content.decode()
    assert "Sie haben noch kein Profil" in content
    assert "Noch keine Kooperation" in content


def test_dashboard_query_count_does_not_grow_with_network_size(
    client: Client, anna: User, add_people, django_assert_max_num_queries
) -> None:
    client.force_login(anna)
    client.get(reverse("core:dashboard"))  # warm up session and caches
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("core:dashboard"))
    baseline = len(small)  # read now: the query log is a bounded ring
    add_people(200)
    with django_assert_max_num_queries(baseline):
        client.get(reverse("core:dashboard"))
