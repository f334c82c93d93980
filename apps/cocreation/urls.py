"""Included at the site root: circles under ``kreise/``, sessions under ``sessions/``
(and inside a cooperation)."""

from django.urls import URLPattern

app_name = "cocreation"

urlpatterns: list[URLPattern] = []
