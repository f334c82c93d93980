"""Normalisation of German profile text: folding, tokens, a light stemmer, compound parts.

The same pipeline runs over profiles, queries and the vocabulary, so every rule only has to
be consistent with itself, not linguistically perfect.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_STOP_TEXT = """
    aber alle allem allen aller alles als also am an andere anderen anderer anderes auch auf aus
    bei beim bin bis bist da dabei damit dann das dass dem den denen der deren des dessen die
    dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines
    er es etwa euch euer fuer gegen gern gerne hat habe haben hier ich ihm ihn ihnen ihr ihre
    ihrem ihren ihrer im in ins ist ja je jede jedem jeden jeder jedes jemand jemanden kann kein
    keine koennen mal man mehr mein meine meinem meinen meiner meines mich mir mit muss nach
    nicht nichts noch nur ob oder ohne sehr sein seine sich sie sind so soll sowie ueber um und
    uns unser unsere unter viel vom von vor war waren was weil wenn wer werden wie wir wird wo
    zu zum zur zwischen sowohl bzw etc ab suche suchen sucht biete bieten wuerde moechte
    moechten waere ganz immer schon oft z b d h u usw a an and for in of on the to with or
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[a-z0-9]+")
# "im Raum Stuttgart" names a region, not a room: drop the word before it reaches the lexicon.
_REGION_RAUM = re.compile(r"\b(?:im |in den |den )?Raum (?=[A-ZÄÖÜ])")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\s+[–—-]\s+|\n+")


def fold(text: str) -> str:
    """Lowercase, umlauts to their two-letter spelling, other accents stripped."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Folded tokens; hyphens and punctuation separate words."""
    return _TOKEN.findall(fold(_REGION_RAUM.sub("", text)))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


_SUFFIX_MAP = (("ungen", "ung"), ("heiten", "heit"), ("keiten", "keit"), ("ionen", "ion"))
_SUFFIXES = ("en", "er", "es", "em", "e", "n", "s")
# Feminine person nouns: -in / -innen after the endings that form nouns of persons
# (Train-er-in, Moderat-or-in, Refer-ent-in, Journal-ist-in, Pädag-og-in, Therap-eut-in,
# Redakt-eur-in, Coa-ch-in, Koll-eg-in, Kandid-at-in, Pil-ot-in, Är-zt-in, Not-ar-in).
# The base must keep four letters, so verbs like "beginnen" and words like "Login" stay whole.
_FEMININE = re.compile(r"(?<=er|or|nt|st|og|ut|ur|ch|eg|at|ot|zt|ar)(?:innen|in)$")
# A final -s is a plural or genitive ending except in words whose stem ends in it:
# -us (Fokus), -nis (Ergebnis), -sis/-xis (Basis, Praxis) and -ss (Prozess).
_STEM_S = ("us", "nis", "sis", "xis", "ss")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Light German suffix stripping on a folded token.

    Umlaut spellings collapse ("ae" -> "a") so that plural umlauts (Raum/Räume, Kraft/Kräfte)
    and "Ae"-spellings of names meet the same stem. Feminine forms meet the base form
    (Moderatorinnen, Moderatorin, Moderator), and a final double s is kept single, so that
    Prozess, Prozesse and Prozessen share one stem.
    """
    if len(token) <= 3 or token.isdigit():
        return token
    word = token.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    feminine = _FEMININE.search(word)
    if feminine is not None and feminine.start() >= 4:
        word = word[: feminine.start()]
    word = _strip_suffix(word)
    if word.endswith("ss"):
        word = word[:-1]
    return word


def _strip_suffix(word: str) -> str:
    for suffix, replacement in _SUFFIX_MAP:
        if word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("ion"):  # Mediation, Mediationen: the -n belongs to the stem
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith(_STEM_S):
                return word
            return word[: -len(suffix)]
    return word


_LINKING = ("", "s", "n", "en", "es", "e")


class Splitter:
    """Compound splitter over the known stems ("teamresilienz" -> team, resilienz).

    A split is accepted only if every part is a known stem of at least three letters
    (linking -s-/-n- allowed), preferring the fewest parts, so unknown words stay whole.
    """

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self._split = lru_cache(maxsize=200_000)(self._compute)
        self.head = lru_cache(maxsize=50_000)(self._head)

    def __call__(self, token: str) -> tuple[str, ...]:
        return self._split(token)

    def _compute(self, token: str) -> tuple[str, ...]:
        word = token.replace("ae", "a").replace("oe", "o").replace("ue", "u")
        n = len(word)
        if n < 7 or n > 40:
            return ()
        best: list[tuple[str, ...] | None] = [None] * (n + 1)
        best[0] = ()
        for i in range(n):
            prefix = best[i]
            if prefix is None:
                continue
            for j in range(i + 3, n + 1):
                part = word[i:j]
                stemmed = stem(part)
                if stemmed not in self.known and part not in self.known:
                    continue
                for link in _LINKING if j < n else ("",):
                    end = j + len(link)
                    if end > n or word[j:end] != link:
                        continue
                    candidate = (*prefix, stemmed)
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        parts = best[n]
        return parts if parts is not None and len(parts) > 1 else ()

    def _head(self, word: str) -> str:
        """The longest known proper ending of a compound, as written ("entwicklung" of
        "personalentwicklung"); empty when no ending of four letters or more is known."""
        for i in range(3, len(word) - 3):
            ending = word[i:]
            if stem(ending) in self.known or ending in self.known:
                return ending
        return ""


def make_splitter(known: frozenset[str]) -> Splitter:
    return Splitter(known)


# Words with inner hyphens stay one group ("lern-nuggets"); a trailing hyphen marks a
# truncated compound ("Organisations- und Personalentwicklung").
_GROUP = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-?")
_COORDINATION = frozenset({"und", "oder", "sowie", "bzw"})


def stem_sequence(
    text: str, split: Callable[[str], tuple[str, ...]] | None = None
) -> list[tuple[int, str]]:
    """(position, stem) pairs without stop words; compound parts share their word's position.

    A hyphenated compound yields its parts and the joined word, so "Lern-Nuggets" meets
    "Lernnuggets". A truncated first part is completed with the head of the next compound
    ("Organisations- und Personalentwicklung" also yields Organisationsentwicklung).
    """
    groups = _GROUP.findall(fold(_REGION_RAUM.sub("", text)))
    out: list[tuple[int, str]] = []
    pos = 0
    for g, group in enumerate(groups):
        dangling = group.endswith("-")
        parts = group.rstrip("-").split("-")
        for tok in parts:
            if tok not in STOP_WORDS:
                base = stem(tok)
                out.append((pos, base))
                if split is not None:
                    out.extend((pos, part) for part in split(tok) if part != base)
            pos += 1
        last = pos - 1
        if len(parts) > 1:
            joined = stem("".join(parts))
            if joined not in {s for p, s in out if p == last}:
                out.append((last, joined))
        if dangling and isinstance(split, Splitter):
            head = _head(groups[g + 1 :], split)
            if head:
                out.append((last, stem(parts[-1] + head)))
    return out


def _head(following: list[str], split: Splitter) -> str:
    """The written head of the compound a truncated first part shares ("entwicklung" of
    "Personalentwicklung"), looking past coordinating words and further truncated parts."""
    for group in following[:4]:
        word = group.rstrip("-").split("-")[-1]
        if word in _COORDINATION or group.endswith("-"):
            continue  # "Organisations-, Personal- und Teamentwicklung"
        return split.head(word)
    return ""


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """Stems of a vocabulary phrase, in order, without stop words."""
    return tuple(stem(t) for t in tokens(phrase) if t not in STOP_WORDS)


def all_stems(texts: Iterable[str]) -> set[str]:
    return {s for text in texts for s in phrase_stems(text)}


SURFACE_N = 4


@lru_cache(maxsize=200_000)
def stem_grams(stem: str) -> tuple[str, ...]:
    """Character 4-grams of a stem padded with "_": "coach" -> _coa, coac, oach, ach_.

    Over stems rather than words, so inflections meet; over grams rather than stems, so a
    compound meets its parts ("Lernnuggets" and "Nuggets", "Podcastproduktion" and "Podcast")
    without any vocabulary.
    """
    padded = f"_{stem}_"
    if len(padded) <= SURFACE_N:
        return (padded,)
    return tuple(padded[i : i + SURFACE_N] for i in range(len(padded) - SURFACE_N + 1))


# --- what a text affirms: negated clauses and the rejected side of a contrast do not
# describe the writer's need, work handed to others does not describe their offer.

# Clause boundaries: punctuation, dashes, contrastive conjunctions, and "und"/"oder" that
# start a new statement ("..., und suche daher ...").
_CLAUSE_BOUNDARY = re.compile(
    r"[,;:.!?()]|\s[–—-]\s|\b(?=(?:sondern|aber|jedoch|doch|deshalb|daher|darum|weshalb|"
    r"stattdessen)\b)|\b(?:und|oder)\s+(?=(?:ich|wir|suche|brauche|möchte|moechte|will|"
    r"biete|bin|habe|deshalb|daher|darum)\b)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:kein|keine|keinen|keinem|keiner|keines|nicht|nie|niemals|weder)\b", re.IGNORECASE
)
# "nicht nur X, sondern auch Y" affirms X
_NOT_NEGATING = re.compile(
    r"\bnicht\s+(?:nur|allein|bloß|bloss|zuletzt|immer|ohne|selten|unbedingt|mehr\s+nur)\b",
    re.IGNORECASE,
)
# "X statt Y", "anstelle von Y": Y is rejected, up to the end of the clause
_INSTEAD = re.compile(
    r"\b(?:anstatt|statt|anstelle|an\s+stelle|im\s+gegensatz\s+zu)\b[^,;:.!?()–—]*",
    re.IGNORECASE,
)
# In a self-description, work handed to others is theirs ("Streitfälle übergebe ich an
# Mediatorinnen", "für Rechtsfragen verweise ich an ...", "ich arbeite mit ... zusammen").
# In a self-description, a sentence that names what the writer lacks or looks for is about
# the partner, not about the writer's own work.
_LACKING = re.compile(
    r"\b(?:suche|brauche|benötige|benoetige|vermisse)\b|\bwünsche\s+mir\b|\bwuensche\s+mir\b"
    r"|\bfehl(?:t|en)\s+mir\b|\bmir\s+fehl(?:t|en)\b|\bmangelt\s+es\s+mir\b"
    r"|\ban\s+(?:meine\s+|die\s+|ihre\s+)?grenzen\b|\bnicht\s+meine\s+stärke\b",
    re.IGNORECASE,
)
# A noun phrase with a first-person possessive: an optional inflected adjective, then the
# (capitalised) noun.
_OWN_PHRASE = re.compile(
    r"\b(?:[Mm]ein|[Uu]nser)(?:e|en|em|er|es)?\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+)?"
    r"[A-ZÄÖÜ][\w-]*"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_DELEGATED = re.compile(
    r"\b(?:übergebe|uebergebe|überlasse|ueberlasse|verweise|vermittle|empfehle|leite)\b"
    r"|\b(?:gebe|hole|ziehe)\b.*\b(?:ab|dazu|hinzu)\b|\bmit\b.*\bzusammen\b"
    r"|\bkooperiere\b",
    re.IGNORECASE,
)


def affirmed(text: str) -> str:
    """The text without what it denies: negated clauses ("ich moderiere selbst keine
    Workshops") and the rejected side of a contrast ("nicht Seminarraum, sondern Tonstudio",
    "Tonstudio statt Seminarraum"). Kept clauses stay in their order and wording."""
    return _without_clauses(_INSTEAD.sub(" ", text), _negated) if text else text


def needed(text: str) -> str:
    """A seeking text without what it names as the writer's own: "meine Vorträge",
    "unsere eigenen Seminare" describe what I have, not what I look for."""
    return _OWN_PHRASE.sub(" ", affirmed(text)) if text else text


def own_work(text: str) -> str:
    """A self-description without what the writer does not do themselves: clauses that hand
    work to others ("Streitfälle übergebe ich an Mediatorinnen") or deny it ("Großgruppen
    moderiere ich nicht"), and whole sentences that name a lack or a need ("Fachlich stoße
    ich an Grenzen, sobald es um X geht", "Dafür suche ich jemanden für Y")."""
    if not text:
        return text
    kept = [s for s in _SENTENCE_END.split(text) if not _LACKING.search(s)]
    return _without_clauses(" ".join(kept), _not_own)


def _not_own(clause: str) -> bool:
    return bool(_DELEGATED.search(clause)) or _negated(clause)


def _negated(clause: str) -> bool:
    return bool(_NEGATION.search(_NOT_NEGATING.sub(" ", clause)))


def _without_clauses(text: str, drop: Callable[[str], object]) -> str:
    kept: list[str] = []
    start = 0
    for boundary in [*_CLAUSE_BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary is not None else len(text)
        clause = text[start:end]
        if not drop(clause):
            kept.append(clause)
        if boundary is not None:
            kept.append(boundary.group(0))
            start = boundary.end()
    return "".join(kept)
