"""Size-fair terms: three ways to weigh the partners of a cooperation, side by side.

Pure arithmetic without Django. A partner is a current member of the cooperation;
one who represents organisations weighs as their staff (``staff_count``), a
freelancer as one person. Every variant is given in percent with two decimals that
add up to exactly 100 % (largest remainder, the tie rule of ``wirwerk.lib.money``).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from wirwerk.lib.money import HUNDRED, largest_remainder

HUNDREDTHS = 10_000  # 100 % in hundredths of a percent


@dataclass(frozen=True)
class Partner:
    user_id: int
    name: str
    organisations: tuple[str, ...]  # names of the organisations the member represents
    size: int  # staff of those organisations, or 1 for a freelancer
    resources: Decimal  # euros of money and resources contributed


@dataclass(frozen=True)
class Variant:
    key: str
    percents: tuple[Decimal, ...]  # one per partner, in the partners' order

    @property
    def usable(self) -> bool:
        return sum(self.percents, Decimal(0)) == HUNDRED


def percents(weights: Sequence[Decimal | int]) -> tuple[Decimal, ...]:
    """``weights`` as percentages with two decimals adding up to exactly 100 (or all 0
    when every weight is 0)."""
    parts = largest_remainder(weights, HUNDREDTHS)
    return tuple(Decimal(part) / 100 for part in parts)


def size_of(staff_counts: Sequence[int]) -> int:
    """A partner's size: the staff of the organisations they represent, at least one."""
    return max(sum(staff_counts), 1)


def variants(partners: Sequence[Partner]) -> list[Variant]:
    """Equal split, by size and by resources contributed (in that order)."""
    return [
        Variant("equal", percents([1] * len(partners))),
        Variant("size", percents([p.size for p in partners])),
        Variant("resources", percents([p.resources for p in partners])),
    ]
