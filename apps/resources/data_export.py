"""The resources part of a person's data export: the resources they own and every
booking they made, with its purpose."""

from typing import Any

from apps.accounts.models import User
from apps.base.data_export import data_export_section
from apps.resources.selectors import export_rows


@data_export_section("resources")
def resources(user: User) -> dict[str, Any]:
    return export_rows(user=user)
