from django.contrib import admin

from apps.driver.models import Nudge, ThresholdOverride


@admin.register(Nudge)
class NudgeAdmin(admin.ModelAdmin):
    list_display = ["user", "rule", "subject", "period", "urgent", "status", "created_at"]
    list_filter = ["status", "urgent", "rule"]
    search_fields = ["user__email", "user__name", "subject", "rule"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"
    readonly_fields = ["emailed_at", "closed_at"]


@admin.register(ThresholdOverride)
class ThresholdOverrideAdmin(admin.ModelAdmin):
    list_display = ["cooperation", "name", "value", "updated_at"]
    list_filter = ["name"]
    search_fields = ["cooperation__title", "name"]
    raw_id_fields = ["cooperation"]
