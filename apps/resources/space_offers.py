"""The resources a person may book, as offers for the matching intent ``space`` (see
``apps.matching.space_offers``), in one query."""

from django.urls import reverse

from apps.accounts.models import User
from apps.base.templatetags.wirwerk import euro
from apps.matching.space_offers import SpaceOffer, space_offer_source
from apps.resources.selectors import resources_for

LIMIT = 200


@space_offer_source("resources")
def bookable(user: User) -> list[SpaceOffer]:
    return [
        SpaceOffer(
            title=resource.name,
            kind=str(resource.get_kind_display()),
            city=resource.city,
            url=reverse("resources:detail", args=[resource.pk]),
            note=(
                f"{euro(resource.cost_amount)} {resource.get_cost_unit_display()}"
                if resource.cost_amount
                else ""
            ),
        )
        for resource in resources_for(user=user)[:LIMIT]
    ]
