from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DriverConfig(AppConfig):
    name = "apps.driver"
    verbose_name = _("Impulse")

    def ready(self) -> None:
        # The per-cooperation thresholds set in the admin reach every run.
        import_module("apps.driver.overrides")
        # Every installed app may bring driver rules in its own ``rules.py`` and health
        # signals in ``health.py``; importing them registers them.
        autodiscover_modules("rules")
        autodiscover_modules("health")
