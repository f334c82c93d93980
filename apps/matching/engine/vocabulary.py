"""The concept graph of the field, loaded from ``apps/matching/vocabulary/concepts.txt``."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .text import fold, make_splitter, phrase_stems, sentences, stem_sequence

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "vocabulary" / "concepts.txt"
KINDS = {"c": "competence", "s": "service", "t": "target_group", "i": "industry", "x": "space"}


@dataclass(frozen=True)
class Concept:
    index: int
    key: str
    label: str
    kind: str  # one of KINDS values
    synonyms: tuple[str, ...]
    broader: tuple[int, ...]
    related: tuple[int, ...]
    context: frozenset[str]


# (candidate concepts, usual sense or None, stems of the sentence it stood in)
_Homonym = tuple[tuple[int, ...], int | None, frozenset[str]]


@dataclass
class Match:
    """Concepts (index -> count) and plain stems found in a text."""

    concepts: dict[int, float]
    terms: list[str]


class Vocabulary:
    """The concepts, their wordings and homonyms of one concept file.

    ``drop`` leaves out wordings (stem tuples, as ``phrase_stems`` gives them) from the
    lexicon, for every concept that has them: the vocabulary as if they were never written.
    Concepts and their order stay, so feature columns keep their meaning; the compound
    splitter knows only the stems of the wordings kept.
    """

    def __init__(
        self, path: Path = VOCABULARY_FILE, *, drop: AbstractSet[tuple[str, ...]] = frozenset()
    ) -> None:
        rows, homonyms = _parse(path.read_text(encoding="utf-8"))
        keys = {row[0]: i for i, row in enumerate(rows)}
        # first stem -> [(phrase stems, candidate concepts, default or None)]
        self.ambiguous: dict[str, list[tuple[tuple[str, ...], tuple[int, ...], int | None]]] = (
            defaultdict(list)
        )
        for term, candidates in homonyms:
            stems = phrase_stems(term)
            if not stems:
                continue
            default = next((keys[c.rstrip("*")] for c in candidates if c.endswith("*")), None)
            chosen = tuple(keys[c.rstrip("*")] for c in candidates)
            self.ambiguous[stems[0]].append((stems, chosen, default))
        ambiguous_phrases = {st for entries in self.ambiguous.values() for st, _, _ in entries}
        self.concepts: list[Concept] = []
        # first stem of a phrase -> [(phrase stems, concept index, only in seeking text)]
        self.lexicon: dict[str, list[tuple[tuple[str, ...], int, bool]]] = defaultdict(list)
        known: set[str] = set()
        space_stems: set[str] = set()
        for i, (key, label, kind, syns, broader, related, needs, context) in enumerate(rows):
            for phrases, need_only in (([*syns, label], False), (needs, True)):
                # a hyphenated wording also stands for its joined spelling
                joined = [p.replace("-", "") for p in phrases if "-" in p]
                for phrase in (*phrases, *joined):
                    stems = phrase_stems(phrase)
                    if KINDS[kind] == "space":
                        space_stems.update(stems)
                    # an ambiguous wording is found only through its homonym line
                    if stems and stems not in ambiguous_phrases and stems not in drop:
                        self.lexicon[stems[0]].append((stems, i, need_only))
                        known.update(s for s in stems if len(s) >= 3)
            self.concepts.append(
                Concept(
                    index=i,
                    key=key,
                    label=label,
                    kind=KINDS[kind],
                    synonyms=tuple(syns),
                    broader=tuple(keys[b] for b in broader),
                    related=tuple(keys[r] for r in related),
                    context=frozenset(s for c in context for s in phrase_stems(c)),
                )
            )
        self.by_key = keys
        for entries in self.ambiguous.values():
            for phrase, senses, _default in entries:
                if any(rows[c][2] == "x" for c in senses):
                    space_stems.update(phrase)
        # a text names a space only if one of these stems occurs in its folded form (stems
        # are prefixes of folded words): a cheap test before matching
        self.space_hint = re.compile(
            "|".join(re.escape(stem) for stem in sorted(space_stems, key=len, reverse=True))
        )
        self.ambiguous = dict(self.ambiguous)
        known.update(s for stems in ambiguous_phrases for s in stems if len(s) >= 3)
        self.split = make_splitter(frozenset(known))
        self.ancestors = [self._ancestors(i) for i in range(len(self.concepts))]

    def _ancestors(self, index: int) -> dict[int, float]:
        """Broader concepts with decaying weight (parent 0.5, grandparent 0.25)."""
        out: dict[int, float] = {}
        frontier, weight = [index], 0.5
        for _ in range(2):
            frontier = [b for f in frontier for b in self.concepts[f].broader]
            for b in frontier:
                out[b] = max(out.get(b, 0.0), weight)
            weight /= 2
        return out

    def __len__(self) -> int:
        return len(self.concepts)

    def match(self, text: str, *, seeking: bool = False, context: set[str] | None = None) -> Match:
        """Find concepts in a text, sentence by sentence.

        Multi-word phrases must occur within a small window of one sentence; need phrases
        count only in seeking text. A homonym is resolved by ``context`` (the stems of the
        whole profile, else of its sentence); when that does not decide, the field's usual
        sense is taken where one is declared, else the homonym is dropped.
        """
        plain, homonyms = self._match_plain(text, seeking)
        if not homonyms:
            return plain
        found = dict(plain.concepts)
        for candidates, default, sentence in homonyms:
            chosen = self._resolve(candidates, default, context or sentence)
            if chosen is not None:
                found[chosen] = found.get(chosen, 0.0) + 1.0
        return Match(found, plain.terms)

    def fired_wordings(self, text: str, *, seeking: bool = False) -> set[tuple[str, ...]]:
        """The lexicon's wordings (stem tuples) that match in a text, as ``match`` finds
        them; need phrases only in seeking text, homonyms (resolved by context) not at all."""
        fired: set[tuple[str, ...]] = set()
        self._scan(text, seeking, fired)
        return fired

    @lru_cache(maxsize=100_000)  # noqa: B019 - one vocabulary per process, lists repeat a lot
    def _match_plain(self, text: str, seeking: bool) -> tuple[Match, tuple[_Homonym, ...]]:
        """Concepts of unambiguous wordings, plus the homonyms left for the context to decide."""
        return self._scan(text, seeking, None)

    @lru_cache(maxsize=200_000)  # noqa: B019 - one vocabulary per process
    def _positions(self, sentence: str) -> dict[str, list[int]]:
        """Where each stem of a sentence stands (shared by every reading of the sentence;
        callers must not change it)."""
        positions: dict[str, list[int]] = defaultdict(list)
        for pos, s in stem_sequence(sentence, self.split):
            positions[s].append(pos)
        return dict(positions)

    def stems_of(self, sentence: str) -> Iterable[str]:
        """The stems of one sentence (compound parts included)."""
        return self._positions(sentence).keys()

    def _scan(
        self, text: str, seeking: bool, fired: set[tuple[str, ...]] | None
    ) -> tuple[Match, tuple[_Homonym, ...]]:
        """The matching itself; the wordings that match are added to ``fired`` if given."""
        found: dict[int, float] = defaultdict(float)
        terms: list[str] = []
        homonyms: list[_Homonym] = []
        for sentence in sentences(text):
            positions = self._positions(sentence)
            sentence_stems: frozenset[str] | None = None
            for s, starts in positions.items():
                homonym = False
                for stems, candidates, default in self.ambiguous.get(s, ()):
                    if _within(stems, starts, positions):
                        sentence_stems = sentence_stems or frozenset(positions)
                        homonyms.append((candidates, default, sentence_stems))
                        homonym = homonym or len(stems) == 1
                if homonym:
                    continue
                if len(s) >= 3 and not s.isdigit():
                    terms.append(s)
                for stems, concept, need_only in self.lexicon.get(s, ()):
                    if need_only and not seeking:
                        continue
                    if _within(stems, starts, positions):
                        found[concept] += 1.0
                        if fired is not None:
                            fired.add(stems)
        return Match(dict(found), terms), tuple(homonyms)

    def _resolve(
        self, candidates: tuple[int, ...], default: int | None, context: AbstractSet[str]
    ) -> int | None:
        """The sense whose context words the profile shares most; the default (the field's
        everyday sense, if declared) when the context does not decide, else nothing."""
        scores = sorted(
            ((len(self.concepts[c].context & context), c) for c in candidates), reverse=True
        )
        if scores[0][0] == 0 or (len(scores) > 1 and scores[0][0] == scores[1][0]):
            return default
        return scores[0][1]

    def labels(self, kind: str | None = None) -> list[tuple[str, str]]:
        """(label, folded label) for autocomplete, preferred labels first then synonyms."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        pool = [c for c in self.concepts if kind is None or c.kind == kind]
        for names in ([c.label for c in pool], [s for c in pool for s in c.synonyms]):
            for name in names:
                if fold(name) not in seen and len(name) > 2:
                    seen.add(fold(name))
                    out.append((name, fold(name)))
        return out


def _within(stems: tuple[str, ...], starts: list[int], positions: dict[str, list[int]]) -> bool:
    if len(stems) == 1:
        return True
    window = len(stems) + 2
    for p in starts:
        if all(any(abs(q - p) <= window for q in positions.get(s, ())) for s in stems[1:]):
            return True
    return False


def _parse(
    source: str,
) -> tuple[list[tuple], list[tuple[str, list[str]]]]:
    rows: list[tuple] = []
    homonyms: list[tuple[str, list[str]]] = []

    def items(field: str, sep: str) -> list[str]:
        return [x.strip() for x in field.split(sep) if x.strip()]

    for line in source.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("?"):
            term, candidates = line[1:].split("|")
            homonyms.append((term.strip(), items(candidates, ",")))
            continue
        fields = [f.strip() for f in line.split("|")] + [""] * 8
        key, label, kind, syns, broader, related, needs, context = fields[:8]
        rows.append(
            (
                key,
                label,
                kind,
                items(syns, ";"),
                items(broader, ","),
                items(related, ","),
                items(needs, ";"),
                items(context, ";"),
            )
        )
    return rows, homonyms


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary()


def suggest_labels(prefix: str, kind: str | None = None, limit: int = 10) -> list[str]:
    """Vocabulary autocomplete: labels starting with the prefix first, then containing it."""
    needle = fold(prefix.strip())
    if not needle:
        return []
    labels = vocabulary().labels(kind)
    starts = [name for name, folded in labels if folded.startswith(needle)]
    inside = [name for name, folded in labels if needle in folded and name not in starts]
    return (starts + inside)[:limit]


def profile_context(texts: list[str], voc: Vocabulary | None = None) -> set[str]:
    """All stems of a profile, used to resolve homonyms."""
    voc = voc or vocabulary()
    return {s for t in texts for sentence in sentences(t) for s in voc.stems_of(sentence)}
