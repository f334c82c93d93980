from django.contrib import admin
from django.http import HttpRequest

from apps.api.models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin[AccessToken]):
    """Read-only: staff see that a token exists and may revoke it, never its secret."""

    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "user__email", "prefix"]
    readonly_fields = ["user", "name", "scope", "prefix", "last_used_at", "created_at"]
    exclude = ["token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
