"""The API's part of a person's data export (see ``apps.base.data_export``): their
access tokens as the settings page shows them (never a secret or its hash)."""

from typing import Any

from apps.accounts.models import User
from apps.api.models import AccessToken
from apps.base.data_export import data_export_section, iso


@data_export_section("api_tokens")
def api_tokens(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "scope": token.scope,
            "created_at": iso(token.created_at),
            "last_used_at": iso(token.last_used_at),
            "revoked_at": iso(token.revoked_at),
        }
        for token in AccessToken.objects.filter(user=user).order_by("created_at", "pk")
    ]
