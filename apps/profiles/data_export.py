"""The profile's part of a person's data export (see ``apps.base.data_export``)."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso
from apps.profiles.models import Profile

FIELDS = (
    "headline",
    "about",
    "competences",
    "offers",
    "target_groups",
    "industries",
    "city",
    "postal_code",
    "remote",
    "formats",
    "languages",
    "hours_per_month",
    "seeking",
    "intents",
    "visibility",
)


@data_export_section("profile")
def profile(user: User) -> dict[str, Any] | None:
    """Every field the person filled in; ``None`` without a profile."""
    found = Profile.objects.filter(user=user).first()
    if found is None:
        return None
    data: dict[str, Any] = {name: getattr(found, name) for name in FIELDS}
    data["created_at"] = iso(found.created_at)
    data["updated_at"] = iso(found.updated_at)
    return data
