from django.apps import AppConfig


class BaseConfig(AppConfig):
    """The floor every app stands on: base model, request type, http helpers, formatting."""

    name = "apps.base"
    label = "base"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from apps.base.records import register_sql_function

        connection_created.connect(register_sql_function, dispatch_uid="wirwerk_unlocked")
