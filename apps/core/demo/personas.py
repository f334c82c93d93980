"""The three demo personas: the same people in `make run` and in the tests."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    key: str
    email: str
    name: str
    profession: str
    city: str
    postal_code: str
    headline: str
    intents: tuple[str, ...]
    hours_per_month: int


DEMO_PASSWORD = "WirWerk-Demo-2026"

ANNA = Persona(
    "anna",
    "anna@wirwerk.example",
    "Anna Albrecht",
    "Kommunikationstrainerin",
    "Köln",
    "50667",
    "Kommunikationstrainings, die im Alltag ankommen",
    ("complement", "capacity", "peer"),
    20,
)
BEN = Persona(
    "ben",
    "ben@wirwerk.example",
    "Ben Brückner",
    "Outdoor-Trainer",
    "Köln",
    "50823",
    "Outdoor-Teamtage und Erlebnispädagogik im Rheinland",
    ("complement", "founding"),
    15,
)
CARLA = Persona(
    "carla",
    "carla@wirwerk.example",
    "Carla Conrad",
    "Mediatorin",
    "Wien",
    "1070",
    "Wirtschaftsmediation für Familienunternehmen",
    ("peer",),
    10,
)
PERSONAS = (ANNA, BEN, CARLA)
