"""Money arithmetic in one place: cents, rounding and splits that add up to the cent.

Pure and without Django, so every app (contributions, cooperations, finances)
shares one implementation and one tie rule. Amounts are ``Decimal`` in euros;
splitting works on whole units (cents, tenths of a percent) in integer
arithmetic, which is exact.

The tie rule of ``largest_remainder``: the units still missing after rounding
every exact quota down go to the largest remainders; equal remainders go to the
larger weight first, then to the earlier position. So an equal split of 100 %
among three gives 33,34 / 33,33 / 33,33 – the first named gets the extra cent.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round_cents(amount: Decimal) -> Decimal:
    """Commercial rounding to the cent (half up, away from zero)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    """The amount in whole cents; refuses amounts finer than a cent instead of rounding."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of cents")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    """Whole cents as euros with two decimals."""
    return (Decimal(cents) / 100).quantize(CENT)


def whole_numbers(values: Sequence[Decimal | int]) -> list[int]:
    """The values scaled by one common power of ten to integers, exactly (no rounding)."""
    if all(type(value) is int for value in values):
        return list(values)  # type: ignore[arg-type]  # already whole: nothing to scale
    decimals = [Decimal(value) for value in values]
    places = max((-int(d.as_tuple().exponent) for d in decimals if d.is_finite()), default=0)
    scale = 10 ** max(places, 0)
    return [int(d * scale) for d in decimals]


def largest_remainder(weights: Sequence[Decimal | int], total: int) -> list[int]:
    """Whole parts of ``total`` proportional to ``weights`` that add up to ``total``.

    Each part is its exact quota rounded down; the parts still missing go to the
    largest remainders (ties: the larger weight, then the earlier position). When
    the weights add up to zero there is nothing to share and every part is 0.
    Negative weights or a negative total are refused: split a loss with
    ``split_amount``, which keeps the sign.
    """
    scaled = whole_numbers(weights)
    if any(weight < 0 for weight in scaled):
        raise ValueError("shares of negative weights are not defined")
    if total < 0:
        raise ValueError("a negative total is split with split_amount")
    whole = sum(scaled)
    if whole == 0:
        return [0] * len(scaled)
    # quota_i = weight_i × total / whole = part_i + remainder_i / whole
    split = [divmod(weight * total, whole) for weight in scaled]
    parts = [part for part, _remainder in split]
    missing = total - sum(parts)
    order = sorted(range(len(split)), key=lambda i: (-split[i][1], -scaled[i], i))
    for index in order[:missing]:
        parts[index] += 1
    return parts


def split_amount(amount: Decimal, weights: Sequence[Decimal | int]) -> list[Decimal]:
    """``amount`` (whole cents, may be negative) split by ``weights``, adding up to the cent.

    A loss splits like a gain with the sign kept, so nobody's part is rounded
    differently because it is a loss.
    """
    cents = to_cents(amount)
    parts = largest_remainder(weights, abs(cents))
    sign = -1 if cents < 0 else 1
    return [from_cents(sign * part) for part in parts]


def equal_shares(count: int, total: Decimal = HUNDRED) -> list[Decimal]:
    """``total`` (100 % by default) in ``count`` equal parts of two decimals adding up exactly."""
    if count <= 0:
        return []
    return split_amount(total, [1] * count)
