"""Included at the site root: pages inside a cooperation under ``kooperationen/<pk>/finanzen/``."""

from django.urls import URLPattern

app_name = "finances"

urlpatterns: list[URLPattern] = []
