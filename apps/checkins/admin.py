from django.contrib import admin

from apps.checkins.models import CheckIn, CheckInAnswer, HealthSnapshot


class CheckInAnswerInline(admin.TabularInline):
    model = CheckInAnswer
    extra = 0
    raw_id_fields = ["user"]
    fields = [*CheckInAnswer.DIMENSIONS, "user", "choice", "comment", "agenda_item_id"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["cooperation", "due_on", "deadline", "interval_days", "revealed_at"]
    list_filter = ["revealed_at"]
    search_fields = ["cooperation__title"]
    raw_id_fields = ["cooperation"]
    date_hierarchy = "due_on"
    inlines = [CheckInAnswerInline]


@admin.register(CheckInAnswer)
class CheckInAnswerAdmin(admin.ModelAdmin):
    list_display = ["check_in", "user", "choice", "created_at"]
    list_filter = ["choice"]
    search_fields = ["user__email", "user__name", "check_in__cooperation__title"]
    raw_id_fields = ["check_in", "user"]


@admin.register(HealthSnapshot)
class HealthSnapshotAdmin(admin.ModelAdmin):
    list_display = ["cooperation", "day", "score", "computed_at"]
    search_fields = ["cooperation__title"]
    raw_id_fields = ["cooperation"]
    date_hierarchy = "day"
