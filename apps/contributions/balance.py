"""The arithmetic of the balance, pure and without Django: easy to test exhaustively.

Commitments are hours per month; a month counts as 30 days, so a window of ``d``
days on which a member was bound commits them to ``hours_per_month × d / 30``
hours. Shares are percentages with one decimal that add up to exactly 100,0 %
(largest-remainder method), or are all zero when there is nothing to share.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

from wirwerk.lib import money

DAYS_PER_MONTH = 30
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
PER_MILLE = 1000  # shares are computed in tenths of a percent


def committed_hours(hours_per_month: Decimal, days: int) -> Decimal:
    """The hours a monthly commitment amounts to over ``days`` days, to the hundredth."""
    if days <= 0:
        return Decimal("0.00")
    return (hours_per_month * days / DAYS_PER_MONTH).quantize(CENT, rounding=ROUND_HALF_UP)


def bound_days(since: date, until: date, *, starts: date | None, ends: date | None = None) -> int:
    """The days of ``since..until`` (both included) between ``starts`` and ``ends``.

    ``starts`` is when the member became bound (the later of joining and the first
    agreement in force); ``None`` means never. ``ends`` is the day they left.
    """
    if starts is None:
        return 0
    first = max(since, starts)
    last = until if ends is None else min(until, ends)
    return max((last - first).days + 1, 0)


def largest_remainder(values: Sequence[Decimal | int], total: int = PER_MILLE) -> list[int]:
    """Whole parts of ``total`` proportional to ``values`` (see ``wirwerk.lib.money``)."""
    return money.largest_remainder(values, total)


def percent_shares(values: Sequence[Decimal | int]) -> list[Decimal]:
    """Shares in percent with one decimal, adding up to exactly 100,0 (or all 0,0)."""
    return [Decimal(part) / 10 for part in largest_remainder(values, PER_MILLE)]


# The ledger: only the latest row of a correction chain counts ---------------------


@dataclass(frozen=True)
class Row:
    """One ledger row as the arithmetic sees it."""

    pk: int
    member_id: int
    kind: str
    done_on: date
    value: Decimal
    supersedes: int | None = None
    removed: bool = False


def latest_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows nobody supersedes: the current version of every entry."""
    rows = list(rows)
    superseded = {row.supersedes for row in rows if row.supersedes is not None}
    return [row for row in rows if row.pk not in superseded]


def delivered(rows: Iterable[Row], *, kind: str, since: date, until: date) -> dict[int, Decimal]:
    """Per member, the sum of the latest, not removed rows of ``kind`` in the window."""
    sums: dict[int, Decimal] = {}
    for row in latest_rows(rows):
        if row.kind == kind and not row.removed and since <= row.done_on <= until:
            sums[row.member_id] = sums.get(row.member_id, Decimal(0)) + row.value
    return sums


# Per member -------------------------------------------------------------------

K = TypeVar("K")


@dataclass(frozen=True)
class Share(Generic[K]):
    """A member's committed and delivered amounts and shares (percent, one decimal)."""

    key: K
    committed: Decimal
    delivered: Decimal
    committed_share: Decimal
    delivered_share: Decimal

    @property
    def difference(self) -> Decimal:
        """Delivered minus committed: above 0 an Überhang, below 0 a Rückstand."""
        return self.delivered - self.committed

    @property
    def share_gap(self) -> Decimal:
        """Delivered share minus committed share, in percentage points."""
        return self.delivered_share - self.committed_share


def shares(items: Sequence[tuple[K, Decimal, Decimal]]) -> list[Share[K]]:
    """``(key, committed, delivered)`` → each one's shares of all committed and delivered."""
    committed = percent_shares([c for _k, c, _d in items])
    delivered_parts = percent_shares([d for _k, _c, d in items])
    return [
        Share(key, c, d, committed[i], delivered_parts[i]) for i, (key, c, d) in enumerate(items)
    ]


def days(since: date, until: date) -> list[date]:
    """Every day of the window, both ends included."""
    return [since + timedelta(days=n) for n in range((until - since).days + 1)]


def cumulative(per_day: dict[date, Decimal], since: date, until: date) -> list[Decimal]:
    """The running total at the end of each day of the window."""
    running = Decimal(0)
    totals = []
    for day in days(since, until):
        running += per_day.get(day, Decimal(0))
        totals.append(running)
    return totals
