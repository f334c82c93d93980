"""What a booking costs: pure arithmetic, no database.

Per hour the exact duration counts (to the minute), per day every started day of
24 hours, per month every started 30 days – a room rented by the day costs a whole
day even for two hours. The result is rounded to the cent once, at the end.
"""

import math
from datetime import timedelta
from decimal import Decimal

from wirwerk.lib.money import round_cents

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
MONTH = timedelta(days=30)
MINUTES_PER_HOUR = Decimal(60)


def units(duration: timedelta, unit: str) -> Decimal:
    """How many units of ``unit`` ("hour", "day", "month") a booking of ``duration`` uses."""
    if duration <= timedelta(0):
        raise ValueError("a booking lasts longer than nothing")
    if unit == "hour":
        minutes = Decimal(int(duration.total_seconds()) // 60)
        return minutes / MINUTES_PER_HOUR
    period = DAY if unit == "day" else MONTH
    return Decimal(math.ceil(duration / period))


def booking_cost(duration: timedelta, rate: Decimal, unit: str) -> Decimal:
    """The cost of one booking in euros and cents."""
    if not isinstance(rate, Decimal):
        raise TypeError("a rate is a Decimal, never a float")
    if rate == 0:
        return Decimal("0.00")
    return round_cents(units(duration, unit) * rate)
