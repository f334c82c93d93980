"""Included at the site root: the person's invoices under ``rechnungen/``, a
cooperation's under ``kooperationen/<pk>/rechnungen/``."""

from django.urls import path

from apps.invoices import views

app_name = "invoices"

urlpatterns = [
    path("rechnungen/", views.mine, name="mine"),
    path("rechnungen/geschaeftsangaben/", views.business_settings, name="settings"),
    path("rechnungen/export/", views.export, name="export"),
    path("kooperationen/<int:pk>/rechnungen/", views.cooperation_list, name="cooperation"),
    path("kooperationen/<int:pk>/rechnungen/neu/", views.invoice_new, name="new"),
    path(
        "kooperationen/<int:pk>/rechnungen/<int:invoice_id>/",
        views.invoice_detail,
        name="detail",
    ),
    path(
        "kooperationen/<int:pk>/rechnungen/<int:invoice_id>/rechnung.pdf",
        views.invoice_file,
        {"kind": "pdf"},
        name="pdf",
    ),
    path(
        "kooperationen/<int:pk>/rechnungen/<int:invoice_id>/rechnung.xml",
        views.invoice_file,
        {"kind": "xml"},
        name="xml",
    ),
    path(
        "kooperationen/<int:pk>/rechnungen/<int:invoice_id>/stornieren/",
        views.invoice_correct,
        name="correct",
    ),
]
