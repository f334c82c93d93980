"""Per-cooperation thresholds from the admin (:class:`ThresholdOverride`), handed to
every run through the loader hook of :mod:`apps.driver.rules` (imported by
``DriverConfig.ready``)."""

from collections.abc import Mapping

from apps.driver.models import ThresholdOverride
from apps.driver.rules import driver_threshold_overrides


@driver_threshold_overrides
def thresholds_set_in_the_admin() -> Mapping[int, Mapping[str, int]]:
    """{cooperation id: {name: value}} in one query."""
    found: dict[int, dict[str, int]] = {}
    rows = ThresholdOverride.objects.values_list("cooperation_id", "name", "value")
    for cooperation_id, name, value in rows:
        found.setdefault(cooperation_id, {})[name] = value
    return found
