"""Build a deterministic, realistic demo network with bulk inserts.

Every step draws from one seeded random generator, so the same ``seed`` and
``people`` give the same network. Later domains add their own steps.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from apps.accounts.models import User
from apps.core.demo.personas import DEMO_PASSWORD, PERSONAS, Persona
from apps.core.demo.vocabulary import (
    ABOUT_SENTENCES,
    ASKS,
    CITIES,
    FAKER_LOCALES,
    HOURS_CHOICES,
    PROFESSIONS,
    PURPOSES,
    City,
    Profession,
)
from apps.network.models import Ask, AskFormat, Connection, ContactRequest
from apps.profiles.models import Profile, Visibility

BATCH_SIZE = 2000
PROFESSIONS_BY_TITLE = {profession.title: profession for profession in PROFESSIONS}
CITIES_BY_NAME = {city.name: city for city in CITIES}


@dataclass
class SeedReport:
    people: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


@dataclass
class DemoSeeder:
    people: int
    seed: int
    rng: random.Random = field(init=False)
    fakers: dict[str, Faker] = field(init=False)
    users: list[User] = field(default_factory=list)
    main_cooperation: Any = None  # the personas' running cooperation, once seeded

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fakers = {}
        for country, locale in FAKER_LOCALES.items():
            faker = Faker(locale)
            faker.seed_instance(self.seed)
            self.fakers[country] = faker

    def run(self, report: SeedReport) -> None:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("people", self.seed_people),
            ("network", self.seed_network),
            ("asks", self.seed_asks),
            ("cooperations", self.seed_cooperations),
            ("referrals", self.seed_referrals),
            ("apps", self.seed_app_steps),
            ("index", self.seed_index),
        ]
        for name, step in steps:
            started = time.perf_counter()
            step()
            report.steps[name] = time.perf_counter() - started
        report.people = len(self.users)

    # People and their profiles -------------------------------------------------

    def seed_people(self, *, with_personas: bool = True) -> None:
        # Hashing is deliberately slow (argon2); every demo account shares one hash.
        password_hash = make_password(DEMO_PASSWORD)
        users: list[User] = []
        profiles: list[Profile] = []
        personas = PERSONAS if with_personas else ()
        for persona in personas:
            user = User(email=persona.email, name=persona.name, password=password_hash)
            users.append(user)
            profiles.append(self._persona_profile(user, persona))
        for index in range(max(self.people - len(personas), 0)):
            city = self.rng.choice(CITIES)
            name = self.fakers[city.country].name()
            email = f"{slugify(name)[:40]}.{self.seed}-{index}@demo.wirwerk.example"
            user = User(email=email, name=name, password=password_hash)
            users.append(user)
            profiles.append(self._random_profile(user, city))
        User.objects.bulk_create(users, batch_size=BATCH_SIZE)
        # bulk_create sets primary keys on SQLite and PostgreSQL alike.
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=BATCH_SIZE,
        )
        for user, profile in zip(users, profiles, strict=True):
            profile.user = user
        Profile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
        self.users = users

    # Connections, contact requests and asks ------------------------------------------

    def seed_network(self) -> None:
        """Anna and Ben are connected; everyone has a few connections; some requests wait."""
        anna, ben, carla = self.users[:3]
        pairs = {(anna.pk, ben.pk)}
        others = self.users[3:]
        for user in others:
            for _ in range(self.rng.randint(0, 3)):
                other = self.rng.choice(others)
                if other.pk != user.pk and other.pk != carla.pk:
                    pairs.add((min(user.pk, other.pk), max(user.pk, other.pk)))
        Connection.objects.bulk_create(
            [Connection(user_low_id=low, user_high_id=high) for low, high in sorted(pairs)],
            batch_size=BATCH_SIZE,
        )
        requests = []
        for sender in self.rng.sample(others, k=min(3, len(others))):
            if (min(sender.pk, anna.pk), max(sender.pk, anna.pk)) not in pairs:
                requests.append(
                    ContactRequest(sender=sender, recipient=anna, purpose=self.rng.choice(PURPOSES))
                )
        ContactRequest.objects.bulk_create(requests)

    def seed_asks(self) -> None:
        authors = self.rng.sample(
            self.users[3:], k=min(len(self.users) - 3, max(self.people // 25, 1))
        )
        today = timezone.localdate()
        Ask.objects.bulk_create(
            [
                Ask(
                    author=author,
                    title=title,
                    description=description,
                    competences=list(competences),
                    city=author.profile.city,
                    format=self.rng.choice(AskFormat.values),
                    needed_by=today + timedelta(days=self.rng.randint(10, 90)),
                    search_text=Ask.build_search_text(title, list(competences)),
                )
                for author in authors
                for title, description, competences in [self.rng.choice(ASKS)]
            ],
            batch_size=BATCH_SIZE,
        )

    def seed_cooperations(self) -> None:
        from apps.contributions.demo import seed_contributions
        from apps.cooperations.demo import seed_cooperations
        from apps.meetings.demo import seed_meetings

        self.main_cooperation = seed_cooperations(self.users, self.rng)
        if self.main_cooperation is not None:
            seed_meetings(self.main_cooperation, *self.users[:2])
        seed_contributions(self.users, self.rng)

    def seed_referrals(self) -> None:
        from apps.referrals.demo import seed_referrals

        seed_referrals(self.users, self.rng)

    def seed_app_steps(self) -> None:
        """Every app's registered demo step (``apps.base.demo``), in app order."""
        from apps.base.demo import DemoContext, demo_steps

        context = DemoContext(self.users, self.rng, self.main_cooperation)
        for _name, step in demo_steps.items():
            step(context)

    def seed_index(self) -> None:
        """Build the match index once and match the open asks against it."""
        from apps.matching.services import index_rebuild
        from apps.network.services import ask_match_people

        index_rebuild()
        for ask_id in Ask.objects.values_list("pk", flat=True):
            ask_match_people(ask_id=ask_id)

    def _persona_profile(self, user: User, persona: Persona) -> Profile:
        profession = PROFESSIONS_BY_TITLE[persona.profession]
        city = CITIES_BY_NAME[persona.city]
        profile = self._random_profile(user, city, profession=profession)
        profile.headline = persona.headline
        profile.postal_code = persona.postal_code
        profile.intents = list(persona.intents)
        profile.hours_per_month = persona.hours_per_month
        profile.visibility = Visibility.MEMBERS
        return profile

    def _random_profile(
        self, user: User, city: City, *, profession: Profession | None = None
    ) -> Profile:
        rng = self.rng
        profession = profession or rng.choice(PROFESSIONS)
        competences = rng.sample(
            profession.competences, k=rng.randint(3, len(profession.competences))
        )
        groups = rng.sample(
            profession.target_groups, k=rng.randint(1, len(profession.target_groups))
        )
        industries = rng.sample(profession.industries, k=rng.randint(1, len(profession.industries)))
        about_values = {
            "years": rng.randint(3, 25),
            "title": profession.title,
            "first": competences[0],
            "second": competences[1],
            "group": groups[0],
            "industry": " und ".join(industries[:2]),
            "city": city.name,
        }
        about = " ".join(
            sentence.format(**about_values) for sentence in rng.sample(ABOUT_SENTENCES, k=4)
        )
        intents = ["complement"] if rng.random() < 0.7 else []
        for intent, chance in (
            ("capacity", 0.4),
            ("peer", 0.35),
            ("space", 0.15),
            ("founding", 0.08),
        ):
            if rng.random() < chance:
                intents.append(intent)
        return Profile(
            user=user,
            headline=f"{profession.title} · {competences[0]} · {city.name}",
            about=about,
            competences=competences,
            offers=rng.sample(profession.offers, k=rng.randint(1, len(profession.offers))),
            target_groups=groups,
            industries=industries,
            city=city.name,
            postal_code=rng.choice(city.postal_codes),
            remote=rng.random() < 0.7,
            formats=list(profession.formats),
            languages=["de"] + (["en"] if rng.random() < 0.6 else []),
            hours_per_month=rng.choice(HOURS_CHOICES),
            seeking=rng.choice(profession.seeking),
            intents=intents or ["peer"],
            visibility=rng.choices(
                (Visibility.MEMBERS, Visibility.MATCHING, Visibility.HIDDEN), weights=(85, 10, 5)
            )[0],
        )


def seed_demo(*, people: int, seed: int) -> SeedReport:
    """Create the demo network in one transaction: all of it or nothing."""
    report = SeedReport()
    started = time.perf_counter()
    with transaction.atomic():
        DemoSeeder(people=people, seed=seed).run(report)
    report.seconds = time.perf_counter() - started
    return report
