from django.contrib import admin

from apps.notifications.models import NotificationSettings


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "urgent_immediately", "digest", "last_digest_at"]
    list_filter = ["digest", "urgent_immediately"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]
