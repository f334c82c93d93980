from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from apps.meetings.models import (
    Action,
    AgendaItem,
    CalendarFeed,
    DatePoll,
    Decision,
    Meeting,
    PollAnswer,
    PollSlot,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    raw_id_fields = ["added_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "cooperation", "starts_at", "duration_minutes"]
    list_filter = ["starts_at"]
    search_fields = ["title", "cooperation__title"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["cooperation", "created_by", "protocol_updated_by"]
    readonly_fields = ["ends_at", "sequence", "protocol_revision", "protocol_updated_at"]
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "position"]
    search_fields = ["title"]
    raw_id_fields = ["meeting", "added_by"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Final decisions are records: the admin shows them but never changes them."""

    list_display = ["__str__", "cooperation", "status", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["title", "text", "cooperation__title"]
    raw_id_fields = ["cooperation", "meeting", "supersedes", "created_by", "confirmed_by"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_final:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_final:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "cooperation", "owner", "due_on", "status"]
    list_filter = ["status", "due_on"]
    search_fields = ["title", "cooperation__title"]
    raw_id_fields = ["cooperation", "meeting", "owner", "created_by", "closed_by"]


class PollSlotInline(admin.TabularInline):
    model = PollSlot
    extra = 0


@admin.register(DatePoll)
class DatePollAdmin(admin.ModelAdmin):
    list_display = ["title", "cooperation", "created_at", "closed_at"]
    search_fields = ["title", "cooperation__title"]
    raw_id_fields = ["cooperation", "created_by", "meeting"]
    inlines = [PollSlotInline]


@admin.register(PollSlot)
class PollSlotAdmin(admin.ModelAdmin):
    list_display = ["poll", "starts_at"]
    raw_id_fields = ["poll"]


@admin.register(PollAnswer)
class PollAnswerAdmin(admin.ModelAdmin):
    list_display = ["slot", "user", "availability"]
    raw_id_fields = ["slot", "user"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """The token is not shown: it is the person's secret."""

    list_display = ["user", "created_at", "revoked_at"]
    raw_id_fields = ["user"]
    exclude = ["token"]
