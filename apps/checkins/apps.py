from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinsConfig(AppConfig):
    name = "apps.checkins"
    label = "checkins"
    verbose_name = _("Check-ins und Gesundheit")

    def ready(self) -> None:
        # Its rules (rules.py) and health signals (health.py) are found by the driver's
        # autodiscovery; the steps it adds to the periodic dispatch are registered here.
        from apps.checkins import periodic  # noqa: F401
