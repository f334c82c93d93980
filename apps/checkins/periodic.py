"""The check-ins' part of the driver's periodic job (registered when Django starts).

Before the rules run, due rounds are opened and finished ones revealed, and their
"Change it" topics go on the next meeting's agenda, so the ``checkin_due`` nudges
follow in the same job. After the rules, the day's health of every running
cooperation is stored for the trend.
"""

from datetime import datetime

from apps.checkins import services
from apps.driver.dispatch import dispatch_step


@dispatch_step("checkins_opened", before_run=True)
def open_due(now: datetime) -> int:
    return services.checkins_open_due(now=now)


@dispatch_step("checkins_revealed", before_run=True)
def reveal_due(now: datetime) -> int:
    return services.checkins_reveal_due(now=now)


@dispatch_step("checkin_topics", before_run=True)
def hand_topics_over(now: datetime) -> int:
    return services.checkin_topics_hand_over(now=now)


@dispatch_step("health")
def store_health(now: datetime) -> int:
    return services.health_snapshots_write(now=now)
