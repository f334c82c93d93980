"""Near-duplicate detection for contact request purposes (pure Python, no Django)."""

import re
import unicodedata
from difflib import SequenceMatcher

NEAR_DUPLICATE_RATIO = 0.85
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Case-folded words separated by single spaces; punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def similarity(a: str, b: str) -> float:
    """0.0 (nothing in common) to 1.0 (same words in the same order), on normalised text."""
    left, right = normalise(a), normalise(b)
    if not left and not right:
        return 1.0
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    # The quick upper bounds skip the quadratic comparison for obviously different texts.
    if matcher.real_quick_ratio() < NEAR_DUPLICATE_RATIO:
        return matcher.real_quick_ratio()
    if matcher.quick_ratio() < NEAR_DUPLICATE_RATIO:
        return matcher.quick_ratio()
    return matcher.ratio()


def is_near_duplicate(a: str, b: str) -> bool:
    return similarity(a, b) >= NEAR_DUPLICATE_RATIO
