from django.contrib import admin

from apps.network.models import Ask, Block, Connection, ContactRequest


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["sender", "recipient", "status", "created_at", "responded_at"]
    list_filter = ["status"]
    search_fields = ["sender__email", "sender__name", "recipient__email", "recipient__name"]
    raw_id_fields = ["sender", "recipient"]
    date_hierarchy = "created_at"


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = ["user_low", "user_high", "created_at"]
    search_fields = ["user_low__email", "user_low__name", "user_high__email", "user_high__name"]
    raw_id_fields = ["user_low", "user_high", "request"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    search_fields = ["blocker__email", "blocked__email"]
    raw_id_fields = ["blocker", "blocked"]


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "city", "format", "needed_by", "status", "created_at"]
    list_filter = ["status", "format"]
    search_fields = ["title", "description", "author__email", "author__name", "city"]
    raw_id_fields = ["author"]
    readonly_fields = ["search_text"]
