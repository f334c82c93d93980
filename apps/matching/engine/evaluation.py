"""Offline evaluation of the engine against judged queries (see FORMAT.md).

python -m apps.matching.engine.evaluation PROFILES.jsonl JUDGMENTS.jsonl [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

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


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    dcg = sum(grades.get(pid, 0) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    relevant = {pid for pid, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for i, pid in enumerate(ranked):
        if grades.get(pid, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(profiles_path: str | Path, judgments_path: str | Path) -> dict:
    profiles, profile_problems = load_profiles(profiles_path)
    judgments, judgment_problems = load_judgments(judgments_path)
    index = MatchIndex.build(profiles)
    per_intent: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    timings: list[float] = []
    grade2_first = 0
    queries: list[dict] = []
    for j in judgments:
        if j["profile"] not in index:
            judgment_problems.append(f"query {j.get('query')}: unknown profile {j['profile']}")
            continue
        grades = {pid: int(g) for pid, g in j["relevant"].items()}
        start = time.perf_counter()
        ranked = [
            s.profile_id
            for s in index.suggest(j["profile"], j["intent"], k=len(index), explain=False)
        ]
        timings.append((time.perf_counter() - start) * 1000)
        metrics = (ndcg(ranked, grades), recall(ranked, grades), reciprocal_rank(ranked, grades))
        per_intent[j["intent"]].append(metrics)
        first = grades.get(ranked[0], 0) if ranked else 0
        grade2_first += first == 2
        queries.append(
            {
                "query": j.get("query"),
                "intent": j["intent"],
                "ndcg@10": metrics[0],
                "top": ranked[:K],
                "relevant": grades,
            }
        )

    def summary(rows: list[tuple[float, float, float]]) -> dict:
        arr = np.array(rows) if rows else np.zeros((1, 3))
        return {
            "ndcg@10": float(arr[:, 0].mean()),
            "recall@10": float(arr[:, 1].mean()),
            "mrr": float(arr[:, 2].mean()),
        }

    all_rows = [m for rows in per_intent.values() for m in rows]
    return {
        "overall": summary(all_rows),
        "per_intent": {
            intent: {**summary(rows), "queries": len(rows)}
            for intent, rows in sorted(per_intent.items(), key=lambda x: INTENTS.index(x[0]))
        },
        "p50_ms": float(np.percentile(timings, 50)) if timings else 0.0,
        "p95_ms": float(np.percentile(timings, 95)) if timings else 0.0,
        "grade2_first": grade2_first,
        "queries": len(all_rows),
        "problems": profile_problems + judgment_problems,
        "details": queries,
    }


def format_report(result: dict) -> str:
    lines = [f"{'intent':<12}{'queries':>8}{'nDCG@10':>10}{'recall@10':>11}{'MRR':>8}"]
    rows = [*result["per_intent"].items(), ("overall", result["overall"])]
    for name, m in rows:
        count = m.get("queries", result.get("queries", ""))
        lines.append(
            f"{name:<12}{count:>8}{m['ndcg@10']:>10.3f}{m['recall@10']:>11.3f}{m['mrr']:>8.3f}"
        )
    lines.append(
        f"grade-2 partner first: {result.get('grade2_first', 0)} of {result.get('queries', 0)}"
        f" · p50 {result['p50_ms']:.2f} ms · p95 {result['p95_ms']:.2f} ms"
    )
    lines += [f"skipped {p}" for p in result.get("problems", [])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles")
    parser.add_argument("judgments")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args(argv)
    result = evaluate(args.profiles, args.judgments)
    print(format_report(result))
    if args.json:
        keys = ("overall", "per_intent", "p50_ms", "p95_ms")
        print(json.dumps({key: result[key] for key in keys}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
