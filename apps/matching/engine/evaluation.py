"""Offline evaluation of the engine against judged queries (see FORMAT.md).

python -m apps.matching.engine.evaluation PROFILES.jsonl JUDGMENTS.jsonl [--json] [--ablate F]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from . import ablation
from .baseline import NgramTfidf
from .features import INTENTS, ProfileData
from .index import MatchIndex

K = 10
T = TypeVar("T")


def _read_lines(path: str | Path, parse: Callable[[Any], T]) -> tuple[list[T], list[str]]:
    """Parse each non-empty JSON line; malformed lines are reported by number and skipped."""
    items: list[T] = []
    problems: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                items.append(parse(json.loads(line)))
            except (ValueError, TypeError, AttributeError) as exc:
                problems.append(f"line {number}: {exc}")
    return items, problems


def load_profiles(path: str | Path) -> tuple[list[ProfileData], list[str]]:
    return _read_lines(path, ProfileData.from_json)


def _judgment(obj: Any) -> dict:
    if obj.get("intent") not in INTENTS or not isinstance(obj.get("relevant"), dict):
        raise ValueError("needs a known intent and a relevant object")
    return obj


def load_judgments(path: str | Path) -> tuple[list[dict], list[str]]:
    return _read_lines(path, _judgment)


GAINS = ("linear", "exp")
HALVES = ("all", "tuning", "check")
_NUMBER = re.compile(r"(\d+)\D*$")


def gain(grade: float, kind: str = "linear") -> float:
    """Linear gain counts a grade as it is; exponential gain (2^g - 1) weighs excellent more."""
    return float(grade) if kind == "linear" else 2.0**grade - 1.0


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K, kind: str = "linear") -> float:
    dcg = sum(gain(grades.get(pid, 0), kind) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum(gain(g, kind) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {pid for pid, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for i, pid in enumerate(ranked):
        if grades.get(pid, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def half_of(query_id: object, position: int) -> str:
    """The fixed half a query belongs to: odd query numbers tune, even ones check.

    The number is the last run of digits in the id ("q07" -> 7); ids without one fall back
    to their position in the file, so the split never depends on results.
    """
    found = _NUMBER.search(str(query_id or ""))
    number = int(found.group(1)) if found else position + 1
    return "tuning" if number % 2 == 1 else "check"


def query_metrics(ranked: list[str], grades: dict[str, int]) -> dict[str, float]:
    first = grades.get(ranked[0], 0) if ranked else 0
    return {
        "ndcg@10": ndcg(ranked, grades),
        "ndcg@10_exp": ndcg(ranked, grades, kind="exp"),
        "recall@10": recall(ranked, grades),
        "mrr": reciprocal_rank(ranked, grades),
        "grade2_first": float(first == 2),
    }


def summarise(rows: list[dict[str, float]]) -> dict[str, float]:
    """Means of the per-query metrics; grade2_first is a count, not a share."""
    keys = ("ndcg@10", "ndcg@10_exp", "recall@10", "mrr")
    out = {key: float(np.mean([r[key] for r in rows])) if rows else 0.0 for key in keys}
    out["grade2_first"] = int(sum(r["grade2_first"] for r in rows))
    out["queries"] = len(rows)
    return out


@dataclass
class _Run:
    """The engine's ranking of one judged query."""

    position: int
    judgment: dict
    grades: dict[str, int]
    ranked: list[str]
    metrics: dict[str, float]
    ms: float

    @property
    def half(self) -> str:
        return half_of(self.judgment.get("query"), self.position)


def _rank(index: MatchIndex, judgments: list[dict], problems: list[str]) -> list[_Run]:
    """Rank every other profile for each judged query, as the web suggestions do."""
    runs: list[_Run] = []
    for position, j in enumerate(judgments):
        if j["profile"] not in index:
            problems.append(f"query {j.get('query')}: unknown profile {j['profile']}")
            continue
        grades = {pid: int(g) for pid, g in j["relevant"].items()}
        start = time.perf_counter()
        ranked = [
            s.profile_id
            for s in index.suggest(j["profile"], j["intent"], k=len(index), explain=False)
        ]
        ms = (time.perf_counter() - start) * 1000
        runs.append(_Run(position, j, grades, ranked, query_metrics(ranked, grades), ms))
    return runs


def _engine_summary(runs: list[_Run]) -> dict:
    """Overall, per-intent and per-half means plus the query time percentiles."""
    per_intent: dict[str, list[dict[str, float]]] = defaultdict(list)
    by_half: dict[str, list[dict[str, float]]] = defaultdict(list)
    for run in runs:
        per_intent[run.judgment["intent"]].append(run.metrics)
        for name in ("all", run.half):
            by_half[name].append(run.metrics)
    overall = summarise(by_half["all"])
    timings = [run.ms for run in runs]
    return {
        "overall": {key: overall[key] for key in ("ndcg@10", "ndcg@10_exp", "recall@10", "mrr")},
        "per_intent": {
            intent: summarise(rows)
            for intent, rows in sorted(per_intent.items(), key=lambda x: INTENTS.index(x[0]))
        },
        "halves": {name: summarise(by_half[name]) for name in HALVES},
        "p50_ms": float(np.percentile(timings, 50)) if timings else 0.0,
        "p95_ms": float(np.percentile(timings, 95)) if timings else 0.0,
        "grade2_first": overall["grade2_first"],
        "queries": overall["queries"],
    }


def evaluate(
    profiles_path: str | Path, judgments_path: str | Path, *, ablate: float | None = None
) -> dict:
    """The engine's figures on a judged collection; with ``ablate`` also those of an engine
    whose vocabulary lacks that fraction of its most collection-specific wordings (see
    ``ablation``)."""
    if ablate is not None and not 0 < ablate <= 1:
        raise ValueError("the ablated fraction must lie in (0, 1]")
    profiles, profile_problems = load_profiles(profiles_path)
    judgments, judgment_problems = load_judgments(judgments_path)
    index = MatchIndex.build(profiles)
    latest = list({p.id: p for p in profiles}.values())
    reference = NgramTfidf(latest)
    runs = _rank(index, judgments, judgment_problems)
    baseline_by_half: dict[str, list[dict[str, float]]] = defaultdict(list)
    queries: list[dict] = []
    for run in runs:
        j = run.judgment
        baseline = query_metrics(reference.rank(j["profile"], j["intent"]), run.grades)
        for name in ("all", run.half):
            baseline_by_half[name].append(baseline)
        queries.append(
            {
                "query": j.get("query"),
                "intent": j["intent"],
                "half": run.half,
                "ndcg@10": run.metrics["ndcg@10"],
                "baseline_ndcg@10": baseline["ndcg@10"],
                "top": run.ranked[:K],
                "relevant": run.grades,
            }
        )
    result = _engine_summary(runs)
    result["baseline"] = {name: summarise(baseline_by_half[name]) for name in HALVES}
    result["problems"] = profile_problems + judgment_problems
    result["details"] = queries
    if ablate is not None:
        result["ablation"] = evaluate_ablation(latest, judgments, ablate)
    return result


def evaluate_ablation(profiles: list[ProfileData], judgments: list[dict], fraction: float) -> dict:
    """The engine's figures over the vocabulary without the collection's most specific
    ``fraction`` of firing wordings, with what was removed and how long it took."""
    start = time.perf_counter()
    chosen = ablation.plan(profiles, fraction)
    index = MatchIndex.build(profiles, voc=ablation.ablated_vocabulary(chosen))
    summary = _engine_summary(_rank(index, judgments, []))
    return {
        "fraction": fraction,
        "firing": chosen.firing,
        "removed": len(chosen.removed),
        "max_profiles": chosen.max_profiles,
        "single_profile": chosen.single,
        "line": ablation.headline(chosen),
        **summary,
        "seconds": time.perf_counter() - start,
    }


def format_report(result: dict) -> str:
    head = f"{'':<20}{'queries':>8}{'nDCG@10':>9}{'exp':>7}{'recall@10':>11}{'MRR':>7}{'g2@1':>6}"
    lines = [head]

    def row(name: str, m: dict) -> str:
        return (
            f"{name:<20}{m['queries']:>8}{m['ndcg@10']:>9.3f}{m['ndcg@10_exp']:>7.3f}"
            f"{m['recall@10']:>11.3f}{m['mrr']:>7.3f}{m['grade2_first']:>6}"
        )

    lines += [row(intent, m) for intent, m in result["per_intent"].items()]
    for name in HALVES:
        lines.append(row(f"engine {name}", result["halves"][name]))
    for name in HALVES:
        lines.append(row(f"tf-idf {name}", result["baseline"][name]))
    lines.append(
        "halves: odd query numbers tune, even ones check · g2@1: queries with an excellent"
        " partner first · tf-idf: character 3-5-gram cosine, no vocabulary, no constraints"
    )
    lines.append(
        f"grade-2 partner first: {result.get('grade2_first', 0)} of {result.get('queries', 0)}"
        f" · p50 {result['p50_ms']:.2f} ms · p95 {result['p95_ms']:.2f} ms"
    )
    lines += [f"skipped {p}" for p in result.get("problems", [])]
    if "ablation" in result:
        lines += _ablation_lines(result["ablation"], result["overall"]["ndcg@10"], head, row)
    return "\n".join(lines)


def _ablation_lines(
    ablated: dict, full_ndcg: float, head: str, row: Callable[[str, dict], str]
) -> list[str]:
    return [
        "",
        ablated["line"],
        head,
        *(row(f"ablated {intent}", m) for intent, m in ablated["per_intent"].items()),
        *(row(f"ablated {name}", ablated["halves"][name]) for name in HALVES),
        ablation.LEGEND,
        f"ablated nDCG@10 {ablated['overall']['ndcg@10']:.3f} (full {full_ndcg:.3f})"
        f" · p50 {ablated['p50_ms']:.2f} ms · p95 {ablated['p95_ms']:.2f} ms"
        f" · ablation run {ablated['seconds']:.1f} s",
    ]


JSON_KEYS = ("overall", "per_intent", "halves", "baseline", "p50_ms", "p95_ms")


def json_summary(result: dict) -> str:
    """The --json line: the keys of FORMAT.md, plus "ablation" when one was run."""
    keys = (*JSON_KEYS, "ablation") if "ablation" in result else JSON_KEYS
    return json.dumps({key: result[key] for key in keys})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles")
    parser.add_argument("judgments")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument(
        "--ablate",
        type=float,
        metavar="FRACTION",
        help="also evaluate without this fraction of the most collection-specific wordings",
    )
    args = parser.parse_args(argv)
    if args.ablate is not None and not 0 < args.ablate <= 1:
        parser.error("--ablate needs a fraction in (0, 1]")
    result = evaluate(args.profiles, args.judgments, ablate=args.ablate)
    print(format_report(result))
    if args.json:
        print(json_summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
