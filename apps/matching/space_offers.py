"""Bookable places for the intent ``space``, from apps above matching.

Matching ranks people; rooms, desks and licences live higher up (the resources app).
Such an app offers what the user may book in its own ``space_offers.py``::

    from apps.matching.space_offers import SpaceOffer, space_offer_source

    @space_offer_source("resources")
    def bookable(user) -> list[SpaceOffer]:
        ...  # only what the user may book; a constant number of queries

The suggestions for ``space`` list them next to the people: the ones near the user's
place first (distance by the matching's offline geocoding), the ones without a place
(licences, servers) after, the far ones not at all.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from apps.base.registry import Registry
from apps.matching.engine.geo import geo_lookup, haversine_km

NEAR_KM = 80.0
LIMIT = 10


@dataclass(frozen=True)
class SpaceOffer:
    title: str
    kind: str  # e.g. "Raum", shown as it is
    city: str
    url: str
    note: str = ""
    km: float | None = None


SpaceOfferSource = Callable[[Any], list[SpaceOffer]]

sources: Registry[SpaceOfferSource] = Registry("space offer source", module="space_offers")


def space_offer_source(name: str) -> Callable[[SpaceOfferSource], SpaceOfferSource]:
    """Register ``function(user) -> offers`` for the suggestions of the intent space."""
    return sources.add(name)


def space_offers_for(*, user: Any, city: str, postal_code: str = "") -> list[SpaceOffer]:
    """What the user may book near ``city``, nearest first; placeless offers after."""
    here = geo_lookup(city, postal_code) if city or postal_code else None
    near: list[SpaceOffer] = []
    anywhere: list[SpaceOffer] = []
    for _name, source in sources.items():
        for offer in source(user):
            there = geo_lookup(offer.city) if offer.city else None
            if there is None or here is None:
                anywhere.append(offer)
                continue
            km = haversine_km(here.lat, here.lon, there.lat, there.lon)
            if km <= NEAR_KM:
                near.append(replace(offer, km=round(km, 1)))
    near.sort(key=lambda o: (o.km if o.km is not None else math.inf, o.title))
    return (near + anywhere)[:LIMIT]
