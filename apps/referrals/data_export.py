"""The referrals' part of a person's data export (see ``apps.base.data_export``)."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section
from apps.referrals.selectors import referrals_export_for


@data_export_section("referrals")
def referrals(user: User) -> dict[str, list[dict[str, Any]]]:
    return referrals_export_for(user)
