"""Included at the site root: the person's invoices under ``rechnungen/``, a
cooperation's under ``kooperationen/<pk>/rechnungen/``."""

from django.urls import URLPattern

app_name = "invoices"

urlpatterns: list[URLPattern] = []
