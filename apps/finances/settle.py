"""The arithmetic of money between partners: splits, balances, settlement. Pure.

No ORM and no Django state, like ``apps.contributions.balance``: selectors load the
figures, this module adds them up, and property tests check its promises:

* **Splits add up to the cent.** A key has optional fixed amounts (paid first) and
  weights (percentages, hours or size weights – for the arithmetic all are weights)
  for the rest. Every split is ``wirwerk.lib.money.largest_remainder`` on whole
  cents with the sign kept (what ``split_amount`` does), so the parts always add up
  to the amount. A key's weights are scaled to integers once and reused. A key whose
  weights are all zero shares equally: money never disappears.
* **Balances add up to zero.** Per member: *received* (revenue they collected for
  everyone), *paid* (costs they paid for everyone), *entitled* (their share of all
  revenue minus their share of all costs), transfers sent and received. The balance
  ``entitled − received + paid + sent − got`` is what the others owe the member
  (below zero: what the member owes). Everything entitled is split from what was
  received and paid, so the balances of a cooperation add up to exactly zero.
* **Settlement with the fewest transfers, at most n − 1.** Greedy: the largest
  debtor pays the largest creditor as much as settles one of the two. Each step
  clears at least one member and the last clears two.

Rounding happens once per split amount (an engagement's revenue, its costs, a shared
cost's months), not per line: the entitled shares of a whole engagement add up.
"""

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from wirwerk.lib.money import from_cents, largest_remainder, to_cents, whole_numbers

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Key:
    """Who gets which part of an amount: ``fixed`` euros first, the rest by ``weights``."""

    weights: Mapping[int, Decimal]
    fixed: Mapping[int, Decimal] = field(default_factory=dict)

    @property
    def member_ids(self) -> list[int]:
        cached: list[int] | None = self.__dict__.get("_member_ids")
        if cached is None:
            cached = list(dict.fromkeys([*self.weights, *self.fixed]))
            object.__setattr__(self, "_member_ids", cached)
        return cached

    def scaled_weights(self) -> list[int]:
        """The weights of ``member_ids`` as integers of one scale (computed once per key)."""
        cached: list[int] | None = self.__dict__.get("_scaled")
        if cached is None:
            cached = whole_numbers([self.weights.get(m, ZERO) for m in self.member_ids])
            object.__setattr__(self, "_scaled", cached)
        return cached

    def fixed_cents(self) -> list[int]:
        """The fixed amounts of ``member_ids`` in cents (computed once per key)."""
        cached: list[int] | None = self.__dict__.get("_fixed_cents")
        if cached is None:
            cached = (
                [to_cents(self.fixed.get(m, ZERO)) for m in self.member_ids] if self.fixed else []
            )
            object.__setattr__(self, "_fixed_cents", cached)
        return cached


def split_cents(cents: int, key: Key) -> dict[int, int]:
    """``split`` in whole cents (the arithmetic; ``split`` wraps it in euros)."""
    members = key.member_ids
    if not members:
        raise ValueError("a key needs at least one member")
    sign, cents = (-1, -cents) if cents < 0 else (1, cents)
    fixed = key.fixed_cents()
    fixed_total = sum(fixed)  # 0 without fixed amounts
    parts = dict.fromkeys(members, 0)
    rest = cents
    if fixed_total > 0:
        if cents < fixed_total:
            shares = largest_remainder(fixed, cents)
            return {m: sign * part for m, part in zip(members, shares, strict=True)}
        parts = {m: sign * part for m, part in zip(members, fixed, strict=True)}
        rest = cents - fixed_total
    weights = key.scaled_weights()
    if not any(weights):
        weights = [1] * len(members)
    for index, part in enumerate(largest_remainder(weights, rest)):
        if part:
            parts[members[index]] += sign * part
    return parts


def split(amount: Decimal, key: Key) -> dict[int, Decimal]:
    """``amount`` (whole cents, may be negative) split by ``key``; the parts add up.

    Fixed amounts come first as long as the amount covers them; a smaller amount is
    split in proportion to the fixed amounts. The remainder goes by the weights;
    without weights (or all zero) equally among the key's members. A loss splits
    like a gain with the sign kept (as ``wirwerk.lib.money.split_amount`` does).
    """
    return {member: from_cents(part) for member, part in split_cents(to_cents(amount), key).items()}


@dataclass
class Figures:
    """One member's money in a cooperation, all in euros (Decimal, two places)."""

    member_id: int
    received: Decimal = ZERO  # revenue collected from clients for everyone
    paid: Decimal = ZERO  # costs paid for everyone
    entitled: Decimal = ZERO  # share of revenue minus share of costs
    sent: Decimal = ZERO  # settlement transfers paid to others
    got: Decimal = ZERO  # settlement transfers received from others

    @property
    def balance(self) -> Decimal:
        """What the others owe the member (negative: what the member owes)."""
        return self.entitled - self.received + self.paid + self.sent - self.got


@dataclass(frozen=True)
class Split:
    """An amount shared by a key: an engagement's revenue (positive), costs (negative)."""

    amount: Decimal
    key: Key


@dataclass(frozen=True)
class Cash:
    """Money that went through one member's hands for everyone."""

    member_id: int
    received: Decimal = ZERO
    paid: Decimal = ZERO


@dataclass(frozen=True)
class Payment:
    """A settlement transfer that its receiver confirmed."""

    payer_id: int
    receiver_id: int
    amount: Decimal


def balances(
    member_ids: Sequence[int],
    *,
    splits: Iterable[Split] = (),
    cash: Iterable[Cash] = (),
    payments: Iterable[Payment] = (),
) -> dict[int, Figures]:
    """Each member's figures, in the order of ``member_ids`` (others are added)."""
    figures = {member_id: Figures(member_id) for member_id in member_ids}

    def of(member_id: int) -> Figures:
        found = figures.get(member_id)
        if found is None:
            found = figures[member_id] = Figures(member_id)
        return found

    entitled: dict[int, int] = {}
    for item in splits:
        if item.amount:
            for member_id, part in split_cents(to_cents(item.amount), item.key).items():
                entitled[member_id] = entitled.get(member_id, 0) + part
    for member_id, cents in entitled.items():
        of(member_id).entitled = from_cents(cents)
    for entry in cash:
        member = of(entry.member_id)
        member.received += entry.received
        member.paid += entry.paid
    for payment in payments:
        of(payment.payer_id).sent += payment.amount
        of(payment.receiver_id).got += payment.amount
    return figures


@dataclass(frozen=True)
class Transfer:
    payer_id: int
    receiver_id: int
    amount: Decimal


def settle(balance_by_member: Mapping[int, Decimal]) -> list[Transfer]:
    """Transfers that bring every balance to zero: at most n − 1 of them.

    The largest debtor pays the largest creditor the smaller of the two amounts;
    ties go to the smaller member id, so the proposal is deterministic. Balances
    must add up to zero (``balances`` guarantees it).
    """
    cents = {member: to_cents(value) for member, value in balance_by_member.items()}
    if sum(cents.values()) != 0:
        raise ValueError("balances must add up to zero")
    creditors = [(-amount, member) for member, amount in cents.items() if amount > 0]
    debtors = [(amount, member) for member, amount in cents.items() if amount < 0]
    heapq.heapify(creditors)
    heapq.heapify(debtors)
    transfers: list[Transfer] = []
    while creditors and debtors:
        credit, creditor = heapq.heappop(creditors)
        debt, debtor = heapq.heappop(debtors)
        amount = min(-credit, -debt)
        transfers.append(Transfer(debtor, creditor, from_cents(amount)))
        if -credit > amount:
            heapq.heappush(creditors, (credit + amount, creditor))
        if -debt > amount:
            heapq.heappush(debtors, (debt + amount, debtor))
    return transfers


def months_between(start: tuple[int, int], end: tuple[int, int]) -> int:
    """The number of months from ``start`` to ``end`` (year, month), both included."""
    return max(0, (end[0] - start[0]) * 12 + end[1] - start[1] + 1)
