from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.contributions.models import Contribution


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    """Read-only: entries are records, corrected by members through the services only."""

    list_display = ["done_on", "cooperation", "member", "kind", "measure", "removed", "created_at"]
    list_filter = ["kind", "removed"]
    search_fields = ["member__email", "member__name", "cooperation__title", "description"]
    raw_id_fields = ["cooperation", "member", "supersedes", "original"]
    date_hierarchy = "done_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
