from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.referrals.models import Referral, ReferralEvent


class ReferralEventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "action", "from_status", "to_status"]
    readonly_fields = ["created_at", "actor", "action", "from_status", "to_status"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the history is written by the services only


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["giver", "receiver", "client_label", "status", "status_changed_at"]
    list_filter = ["status", "value_shared"]
    search_fields = ["giver__email", "giver__name", "receiver__email", "receiver__name"]
    raw_id_fields = ["giver", "receiver"]
    date_hierarchy = "created_at"
    readonly_fields = ["status_changed_at", "client_data_erased_at", "consent_text"]
    inlines = [ReferralEventInline]


@admin.register(ReferralEvent)
class ReferralEventAdmin(admin.ModelAdmin):
    list_display = ["referral", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action"]
    raw_id_fields = ["referral", "actor"]
