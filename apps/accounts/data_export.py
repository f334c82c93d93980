"""The account's part of a person's data export (see ``apps.base.data_export``)."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section, iso


@data_export_section("account")
def account(user: User) -> dict[str, Any]:
    return {"name": user.name, "email": user.email, "registered_at": iso(user.date_joined)}
