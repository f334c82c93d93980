from django.apps import AppConfig


class BaseConfig(AppConfig):
    """The floor every app stands on: base model, request type, http helpers, formatting."""

    name = "apps.base"
    label = "base"
