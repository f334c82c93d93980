"""A health signal in an app of its own, to show that installing the app is enough."""

from apps.driver.health import CooperationIds, HealthReason, health_signal
from apps.driver.rules import DriverRun


@health_signal("test_signal_app")
def lagging(cooperation_ids: CooperationIds, run: DriverRun) -> dict[int, list[HealthReason]]:
    return {pk: [HealthReason(7, "Probe aus einer anderen App")] for pk in cooperation_ids}
