"""Benchmark of the data pool's overlap count (DH-PSI-CA over X25519).

    python -m bench.psi --customers 100000 [--overlap 0.3] [--seed 7] [--workers 2]

Two synthetic customer lists of ``--customers`` e-mail addresses each (Faker-like:
first and last names at common mail domains, mixed case and stray blanks as in real
exports), sharing a known number of customers. Both parties run the protocol of
``apps.datapool.psi`` in parallel — A blinds its list while B blinds its own, then A
re-blinds B's values while B re-blinds A's — in a pool of worker processes; every
blinding job is split over the workers. Prints the time per step, the true overlap
and the counted one; the last line holds key=value figures.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from apps.datapool import psi

FIRST = [
    "anna", "ben", "carla", "david", "eva", "felix", "greta", "hannes", "ida", "jonas",
    "klara", "lukas", "mia", "noah", "olga", "paul", "rita", "simon", "tina", "uwe",
    "vera", "willi", "yasmin", "zoe", "jürgen", "sören", "maximilian", "lea", "emil", "lina",
]  # fmt: skip
LAST = [
    "müller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker",
    "schulz", "hoffmann", "koch", "richter", "klein", "wolf", "schröder", "neumann",
    "schwarz", "braun", "zimmermann", "krüger", "hartmann", "lange", "werner", "krause",
]  # fmt: skip
DOMAINS = ["web.de", "gmx.de", "t-online.de", "gmail.com", "posteo.de", "outlook.de", "mail.de"]


def synthetic_lists(customers: int, overlap: int, *, seed: int) -> tuple[list[str], list[str]]:
    """Two lists of distinct addresses with exactly ``overlap`` shared customers.

    The shared ones appear in B's export in a different spelling (case, blanks), as
    they would come from another organisation's system.
    """
    rng = random.Random(seed)
    needed = 2 * customers - overlap
    addresses: set[str] = set()
    while len(addresses) < needed:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        sep = rng.choice([".", "_", "", "-"])
        addresses.add(f"{first}{sep}{last}{rng.randrange(1, 100000)}@{rng.choice(DOMAINS)}")
    pool = sorted(addresses)
    rng.shuffle(pool)
    shared = pool[:overlap]
    only_a = pool[overlap:customers]
    only_b = pool[customers:needed]
    list_a = shared + only_a
    list_b = [f"  {x.upper()} " if i % 3 == 0 else x for i, x in enumerate(shared)] + only_b
    rng.shuffle(list_a)
    rng.shuffle(list_b)
    return list_a, list_b


def _hash_and_blind(secret: bytes, salt: bytes, addresses: list[str]) -> bytes:
    return psi.pack(psi.blind_points(secret, (psi.hash_to_u(x, salt) for x in addresses)))


def _reblind(secret: bytes, message: bytes) -> bytes:
    return psi.pack(psi.blind_points(secret, psi.unpack(message)))


def _chunks(items: list[str], parts: int) -> list[list[str]]:
    size = -(-len(items) // parts)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _message_chunks(message: bytes, parts: int) -> list[bytes]:
    points = len(message) // psi.POINT_SIZE
    size = -(-points // parts) * psi.POINT_SIZE
    return [message[i : i + size] for i in range(0, len(message), size)]


def run(list_a: list[str], list_b: list[str], *, workers: int) -> tuple[int, dict[str, float]]:
    salt = psi.new_salt()
    secret_a, secret_b = psi.new_secret(), psi.new_secret()
    times: dict[str, float] = {}
    cpu_before = _cpu_seconds()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        start = time.perf_counter()
        parts = workers * 4  # small slices keep both workers busy to the end
        # Step 1: each party hashes and blinds its own list (independent, in parallel).
        jobs_a = [pool.submit(_hash_and_blind, secret_a, salt, c) for c in _chunks(list_a, parts)]
        jobs_b = [pool.submit(_hash_and_blind, secret_b, salt, c) for c in _chunks(list_b, parts)]
        # Step 2 for A's values starts as soon as A's message is complete (pipelined).
        a_blinded = psi.pack(psi.shuffled(psi.unpack(b"".join(j.result() for j in jobs_a))))
        jobs_ab = [pool.submit(_reblind, secret_b, m) for m in _message_chunks(a_blinded, parts)]
        b_blinded = psi.pack(psi.shuffled(psi.unpack(b"".join(j.result() for j in jobs_b))))
        times["blind"] = time.perf_counter() - start
        step = time.perf_counter()
        jobs_ba = [pool.submit(_reblind, secret_a, m) for m in _message_chunks(b_blinded, parts)]
        ab = psi.pack(psi.shuffled(psi.unpack(b"".join(j.result() for j in jobs_ab))))
        ba = psi.pack(psi.shuffled(psi.unpack(b"".join(j.result() for j in jobs_ba))))
        times["reblind"] = time.perf_counter() - step
        step = time.perf_counter()
        count = psi.overlap_count(ab, ba)
        times["count"] = time.perf_counter() - step
        times["total"] = time.perf_counter() - start
    # CPU time of both parties (the workers are reaped when the pool closes): on a
    # shared machine the wall time depends on the neighbours, this does not.
    times["cpu"] = _cpu_seconds() - cpu_before
    return count, times


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--overlap", type=float, default=0.3, help="share of customers in both")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    true_overlap = int(args.customers * args.overlap)
    list_a, list_b = synthetic_lists(args.customers, true_overlap, seed=args.seed)
    # The parties' own deduplication, as the command and the browser do it.
    list_a, list_b = psi.distinct_addresses(list_a), psi.distinct_addresses(list_b)
    print(f"lists: {len(list_a)} and {len(list_b)} addresses, true overlap {true_overlap}")
    count, times = run(list_a, list_b, workers=args.workers)
    for name in ("blind", "reblind", "count", "total"):
        print(f"{name:>8}: {times[name]:6.2f} s")
    ok = count == true_overlap
    print(f"counted overlap {count} — {'correct' if ok else 'WRONG'}")
    load = os.getloadavg()[0]
    print(f"CPU {times['cpu']:.1f} s over {args.workers} workers; load average {load:.1f}")
    print(
        f"seconds={times['total']:.2f} overlap={count} true_overlap={true_overlap} "
        f"cpu_seconds={times['cpu']:.2f} customers={args.customers} workers={args.workers} "
        f"load={load:.1f}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
