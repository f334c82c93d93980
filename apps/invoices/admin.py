from django.contrib import admin

from apps.invoices.models import BusinessSettings, Invoice


@admin.register(BusinessSettings)
class BusinessSettingsAdmin(admin.ModelAdmin[BusinessSettings]):
    list_display = ["name", "user", "country", "small_business"]


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin[Invoice]):
    """Read only: issued invoices never change."""

    list_display = ["number", "issuer", "recipient", "type_code", "issue_date", "gross_total"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
