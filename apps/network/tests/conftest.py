"""Helpers for the network tests: people to write to and purposes that differ."""

import random
from collections.abc import Callable

import pytest

from apps.accounts.models import User

_VOCABULARY = (
    "Workshop Moderation Teamtag Klinik Schule Verwaltung Konflikt Coaching Mediation "
    "Führungskräfte Auszubildende Onlinekurs Seminar Konzept Angebot Ausschreibung Stiftung "
    "Handwerk Pflege Vertrieb Kommunikation Resilienz Zeitmanagement Gesundheit Präsentation "
    "Moderationskoffer Großgruppe Zukunftswerkstatt Barcamp Lernreise Kundenbindung Hochschule "
    "Elternabend Volkshochschule Bildungswerk Förderung Antrag Raum Lizenz Podcast Webinar "
    "Fallberatung Supervision Gründung Netzwerk Verein Genossenschaft Messe Fachtag Kongress"
)
WORDS = _VOCABULARY.split()


def personal_purpose(seed: int) -> str:
    """A purpose long enough and different enough from every other seed's purpose."""
    rng = random.Random(seed)
    return "Ich suche Unterstützung: " + " ".join(rng.sample(WORDS, k=14)) + "."


@pytest.fixture
def purpose() -> Callable[[int], str]:
    return personal_purpose


@pytest.fixture
def strangers(anna: User, add_people) -> list[User]:  # type: ignore[no-untyped-def]
    """Twelve people besides the personas, ordered by id."""
    add_people(12)
    return list(User.objects.exclude(email__endswith="@wirwerk.example").order_by("pk"))
