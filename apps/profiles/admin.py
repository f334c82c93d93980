from django.contrib import admin

from apps.profiles.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "city", "visibility", "hours_per_month", "updated_at"]
    list_filter = ["visibility", "remote"]
    search_fields = ["user__email", "user__name", "headline", "city"]
    raw_id_fields = ["user"]
