"""Read-mostly admin: the pool's record (agreements, log, runs) is written by the
services only, so it stays what the members saw; runs show no protocol bytes."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.datapool.models import AuditEntry, OverlapRun, Pool, PoolMember


class MemberInline(admin.TabularInline):
    model = PoolMember
    extra = 0
    can_delete = False
    readonly_fields = ["organisation", "invited_at", "accepted_by", "accepted_at", "accepted_hash"]


@admin.register(Pool)
class PoolAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "k", "epsilon", "min_list_size", "created_at"]
    search_fields = ["name"]
    readonly_fields = ["agreement_text", "agreement_hash", "created_by"]
    inlines = [MemberInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "pool", "kind", "organisation", "user", "detail"]
    list_filter = ["kind"]

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False


@admin.register(OverlapRun)
class OverlapRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "pool", "initiator", "responder", "status", "overlap", "created_at"]
    list_filter = ["status"]
    readonly_fields = [
        "pool",
        "initiator",
        "responder",
        "status",
        "initiator_size",
        "responder_size",
        "overlap",
        "created_at",
        "finished_at",
    ]

    def has_change_permission(self, request: HttpRequest, obj: OverlapRun | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[OverlapRun]:
        return super().get_queryset(request).defer("salt", "a_blinded", "ab", "b_blinded", "ba")
