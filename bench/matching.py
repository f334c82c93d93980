"""Benchmark of the matching engine on synthetic profiles (no Django, no database).

    python -m bench.matching --profiles 100000 [--queries 200] [--seed 7]

The floor is measured in the same run: the bare retrieval of the same query (the asker's
whole vector read against the same blocks as an inverted index, summed per row, top-k by
argpartition). The last line holds key=value pairs.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

from apps.matching.engine.features import INTENTS, ProfileData
from apps.matching.engine.index import MatchIndex
from apps.matching.engine.postings import candidate_similarities
from apps.matching.engine.vocabulary import vocabulary

PLACES = [
    ("Berlin", "10115"), ("Hamburg", "20095"), ("München", "80331"), ("Köln", "50667"),
    ("Frankfurt am Main", "60311"), ("Frankfurt (Oder)", "15230"), ("Stuttgart", "70173"),
    ("Leipzig", "04109"), ("Dresden", "01067"), ("Hannover", "30159"), ("Nürnberg", "90402"),
    ("Freiburg im Breisgau", "79098"), ("Münster", "48143"), ("Bremen", "28195"),
    ("Wien", "1010"), ("Graz", "8010"), ("Linz", "4020"), ("Salzburg", "5020"),
    ("Innsbruck", "6020"), ("Zürich", "8001"), ("Bern", "3011"), ("Basel", "4051"),
    ("Luzern", "6003"), ("Freiburg", "1700"),
]  # fmt: skip
SEEK_TEMPLATES = (
    "Ich suche jemanden für {a} und {b}.",
    "Für meine Kunden brauche ich Unterstützung bei {a}.",
    "Austausch mit Kolleginnen zu {a} wäre schön.",
    "Ich suche Partner, die {a} anbieten, gern vor Ort.",
    "Biete meinen Seminarraum zur Untermiete, suche Kolleginnen für {a}.",
)


def synthetic_profiles(n: int, seed: int) -> list[ProfileData]:
    """Deterministic profiles assembled from vocabulary wordings."""
    rng = random.Random(seed)
    voc = vocabulary()
    topics = [c for c in voc.concepts if c.kind in ("competence", "service")]
    targets = [c for c in voc.concepts if c.kind == "target_group"]
    industries = [c for c in voc.concepts if c.kind == "industry"]

    def wording(concepts: list) -> str:
        return rng.choice((rng.choice(concepts).label, *rng.choice(concepts).synonyms))

    out = []
    for i in range(n):
        focus = rng.sample(topics, 3)
        city, postal = rng.choice(PLACES)
        competences = tuple(rng.choice((c.label, *c.synonyms)) for c in focus for _ in range(2))
        out.append(
            ProfileData(
                id=f"s{i}",
                name=f"Profil {i}",
                headline=f"{focus[0].label} für {rng.choice(targets).label}",
                about=f"Ich arbeite seit Jahren mit {wording(targets)} zu {focus[1].label}.",
                competences=competences,
                offers=(f"Workshop {focus[0].label}", f"Beratung {wording(focus)}"),
                target_groups=tuple(rng.choice(targets).label for _ in range(2)),
                industries=(rng.choice(industries).label,),
                city=city,
                postal_code=postal,
                remote=rng.random() < 0.7,
                formats=tuple(rng.sample(("präsenz", "online", "blended"), rng.randint(1, 2))),
                hours_per_month=rng.choice((5, 10, 15, 20, 30, 40)),
                seeking=rng.choice(SEEK_TEMPLATES).format(a=wording(topics), b=wording(topics)),
                intents=tuple(rng.sample(INTENTS, rng.randint(1, 3))),
            )
        )
    return out


def floor_ms(index: MatchIndex, row: int, k: int) -> float:
    """The bare retrieval of the same query: the asker's whole vector read against the same
    blocks of every profile as an inverted index (the same postings budget), summed per
    row, then a top-k by argpartition. No intents, constraints, back-off or reasons."""
    indices, data = index._row_vector(row)
    block_of = indices // index._dim
    query = [
        ((indices[block_of == b] % index._dim, data[block_of == b]), int(b))
        for b in np.unique(block_of)
    ]
    start = time.perf_counter()
    _found, sims = candidate_similarities(index._main_csc, None, query, index._dim)
    scores = sims.sum(axis=1)
    if scores.size > k:
        np.argpartition(-scores, k)[:k]
    return (time.perf_counter() - start) * 1000


SECOND_PROCESS = """
import sys, time
from bench.matching import memory_mb
from apps.matching.engine.index import MatchIndex
from apps.matching.engine.postings import candidate_similarities
import apps.matching.engine.scoring  # noqa: F401  (the bare process: engine imported)
bare = memory_mb()
start = time.perf_counter()
index = MatchIndex.load(sys.argv[1])
load_s = time.perf_counter() - start
for pid in sys.argv[2:]:
    for intent in ("complement", "peer", "founding"):
        index.suggest(pid, intent, k=10)
after = memory_mb()
print(load_s, after[0] - bare[0], after[1] - bare[1])
"""


def memory_mb() -> tuple[float, float]:
    """(resident, anonymous) memory of this process in MB. Anonymous memory (heap,
    Python objects, copied pages) is the process's own; the rest of its resident
    memory are file pages (the mapped index) that every process mapping the file
    shares through the page cache."""
    fields: dict[str, int] = {}
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                fields[parts[0].rstrip(":")] = int(parts[1])
    return fields.get("Rss", 0) / 1024, fields.get("Anonymous", 0) / 1024


def second_process(index: MatchIndex, ids: list[str]) -> tuple[float, float, float, float]:
    """Save the index, then load it in another process that also queries it: the
    seconds to save, to load, and what the second process adds (resident, private)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "index.idx")
        start = time.perf_counter()
        index.save(path)
        save_s = time.perf_counter() - start
        out = subprocess.run(
            [sys.executable, "-c", SECOND_PROCESS, path, *ids],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    load_s, rss_extra, private_extra = (float(x) for x in out)
    return save_s, load_s, rss_extra, private_extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    profiles = synthetic_profiles(args.profiles, args.seed)
    start = time.perf_counter()
    index = MatchIndex.build(profiles)
    build_s = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"built {len(index)} profiles in {build_s:.1f} s", flush=True)

    rng = random.Random(args.seed + 1)
    timings: dict[str, list[float]] = {intent: [] for intent in INTENTS}
    floors: list[float] = []
    for q in range(args.queries):
        row = rng.randrange(len(profiles))
        intent = INTENTS[q % len(INTENTS)]
        start = time.perf_counter()
        index.suggest(profiles[row].id, intent, k=10)
        timings[intent].append((time.perf_counter() - start) * 1000)
        floors.append(floor_ms(index, row, 10))

    # the build featurised in worker processes: the first upsert here loads the gazetteer
    index.upsert(profiles[0])
    upserts = []
    for p in profiles[1:21]:
        start = time.perf_counter()
        index.upsert(p)
        upserts.append((time.perf_counter() - start) * 1000)
    upsert_ms = float(np.median(upserts))
    offer_nnz = index._main_csr[:, : index._dim].nnz / max(1, len(profiles))

    save_s, load_s, rss_extra, private_extra = second_process(
        index, [profiles[rng.randrange(len(profiles))].id for _ in range(20)]
    )

    all_times = np.array([t for ts in timings.values() for t in ts])
    p50, p95 = np.percentile(all_times, 50), np.percentile(all_times, 95)
    floor = float(np.percentile(floors, 50))
    print(f"profiles {args.profiles} · queries {args.queries} · build {build_s:.1f} s")
    print(f"matrix nnz {index._main_csr.nnz} (offer block {offer_nnz:.1f} per profile)")
    print(f"{'intent':<12}{'p50 ms':>10}{'p95 ms':>10}")
    for intent, ts in timings.items():
        print(f"{intent:<12}{np.percentile(ts, 50):>10.2f}{np.percentile(ts, 95):>10.2f}")
    print(f"{'all':<12}{p50:>10.2f}{p95:>10.2f}")
    upsert = f"upsert (median of 20) {upsert_ms:.2f} ms"
    print(f"floor (postings + argpartition) p50 {floor:.2f} ms · {upsert}")
    print(
        f"second process mapping the saved index (save {save_s:.1f} s, load {load_s:.2f} s, "
        f"60 queries): resident +{rss_extra:.0f} MB, "
        f"of it its own (anonymous) +{private_extra:.0f} MB "
        "(the rest are the file's pages, shared with every process that maps it)"
    )
    print(
        f"p50_ms={p50:.2f} p95_ms={p95:.2f} floor_ms={floor:.2f} floor_ratio={p95 / floor:.2f} "
        f"build_s={build_s:.1f} rss_mb={rss_mb:.0f} rss_extra_mb={private_extra:.0f} "
        f"profiles={len(index)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
