"""Query counts of the list pages stay flat as the network grows."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.network.models import Ask, Connection, ContactRequest

pytestmark = pytest.mark.django_db


def _grow(anna: User, add_people, size: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Connect anna with ``size`` new people; they also post asks and write to her."""
    before = set(User.objects.values_list("pk", flat=True))
    add_people(size, seed=seed)
    new = list(User.objects.exclude(pk__in=before).order_by("pk"))
    connected, writers = new[: size // 2], new[size // 2 :]
    Connection.objects.bulk_create(
        Connection(user_low_id=min(anna.pk, other.pk), user_high_id=max(anna.pk, other.pk))
        for other in connected
    )
    ContactRequest.objects.bulk_create(
        ContactRequest(sender=other, recipient=anna, purpose=f"Anliegen Nummer {other.pk} " * 4)
        for other in writers
    )
    ContactRequest.objects.bulk_create(
        ContactRequest(recipient=other, sender=anna, purpose=f"Meine Idee für {other.pk} " * 4)
        for other in connected[:5]
    )
    Ask.objects.bulk_create(
        Ask(
            author=other,
            title=f"Gesuch {other.pk}",
            description="Beschreibung",
            competences=["Moderation"],
            search_text=Ask.build_search_text(f"Gesuch {other.pk}", ["Moderation"]),
        )
        for other in new
    )


def test_connections_page_query_count_does_not_grow_with_data(
    client: Client, anna: User, add_people, django_assert_max_num_queries
) -> None:
    client.force_login(anna)
    _grow(anna, add_people, 6, seed=11)
    client.get(reverse("network:connections"))  # warm up session and caches
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("network:connections"))
    _grow(anna, add_people, 120, seed=12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("network:connections"))
    assert len(response.context["page"].object_list) == 25


def test_asks_page_query_count_does_not_grow_with_data(
    client: Client, anna: User, add_people, django_assert_max_num_queries
) -> None:
    client.force_login(anna)
    _grow(anna, add_people, 6, seed=21)
    client.get(reverse("network:asks"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("network:asks"), {"text": "gesuch"})
    _grow(anna, add_people, 120, seed=22)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("network:asks"), {"text": "gesuch"})
    assert len(response.context["page"].object_list) == 20
