from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DriverConfig(AppConfig):
    name = "apps.driver"
    verbose_name = _("Impulse")

    def ready(self) -> None:
        # The driver's own rules about cooperations and check-ins, and its health signals.
        import_module("apps.driver.cooperation_rules")
        import_module("apps.driver.health")
        import_module("apps.driver.health_running")
        # Every installed app may bring driver rules in its own ``rules.py`` and health
        # signals in ``health.py`` (or in ``rules.py``).
        autodiscover_modules("rules")
        autodiscover_modules("health")
