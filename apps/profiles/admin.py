from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.profiles.interchange import ProfileImportError, profiles_import
from apps.profiles.models import Profile


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Datei (JSON Lines)"))


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "city", "visibility", "hours_per_month", "updated_at"]
    list_filter = ["visibility", "remote"]
    search_fields = ["user__email", "user__name", "headline", "city"]
    raw_id_fields = ["user"]
    change_list_template = "admin/profiles/profile/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path("import/", self.admin_site.admin_view(self.import_view), name="profiles-import")
        ]
        return extra + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            lines = (raw.decode("utf-8", errors="replace") for raw in form.cleaned_data["file"])
            try:
                result = profiles_import(lines=lines)
            except ProfileImportError as error:
                errors = error.errors
            else:
                messages.success(
                    request,
                    _("%(created)d Profile angelegt, %(updated)d aktualisiert.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("admin:profiles_profile_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
            "title": _("Profile importieren"),
        }
        return render(request, "admin/profiles/profile/import.html", context)
