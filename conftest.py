"""Fixtures every test can use: the three demo personas."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from apps.accounts.models import User
from apps.core.demo.personas import ANNA, BEN, CARLA
from apps.core.demo.seed import DemoSeeder


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate limits (logins, contact requests) live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_match_index(settings, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    # Each test gets its own index file, built from its own database.
    from apps.matching import index_store

    settings.MATCHING_INDEX_PATH = tmp_path / "matching-index.pkl"
    index_store.forget()
    yield
    index_store.forget()


@pytest.fixture
def personas(db: None) -> dict[str, User]:
    """anna (member), ben (her partner) and carla (the outsider), with profiles.

    Only the people: each test sets up the connections and records it needs.
    """
    DemoSeeder(people=3, seed=1).seed_people()
    return {p.key: User.objects.get(email=p.email) for p in (ANNA, BEN, CARLA)}


@pytest.fixture
def anna(personas: dict[str, User]) -> User:
    return personas["anna"]


@pytest.fixture
def ben(personas: dict[str, User]) -> User:
    return personas["ben"]


@pytest.fixture
def carla(personas: dict[str, User]) -> User:
    return personas["carla"]


@pytest.fixture
def add_people(db: None):  # type: ignore[no-untyped-def]
    """Grow the network by ``n`` people with profiles (for query-count tests)."""

    def add(n: int, *, seed: int = 99) -> None:
        DemoSeeder(people=n, seed=seed).seed_people(with_personas=False)

    return add
