from django.contrib import admin

from apps.driver.models import NotificationSettings, Nudge


@admin.register(Nudge)
class NudgeAdmin(admin.ModelAdmin):
    list_display = ["user", "rule", "subject", "period", "urgent", "status", "created_at"]
    list_filter = ["status", "urgent", "rule"]
    search_fields = ["user__email", "user__name", "subject", "rule"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"
    readonly_fields = ["emailed_at", "closed_at"]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "urgent_immediately", "digest", "last_digest_at"]
    list_filter = ["digest", "urgent_immediately"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]
