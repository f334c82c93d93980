from django.contrib import admin

from apps.organisations.models import Organisation, OrganisationMember


class MemberInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "staff_count"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]
    inlines = [MemberInline]
