"""Find indications by what a pharmacist types: id, name, abbreviation or synonym."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ivigdesk.knowledge.model import COLOUR_ORDER, Indication


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces: 'Guillain-Barré' -> 'guillain barre'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def search_terms(indication: Indication) -> tuple[str, ...]:
    """Everything an indication can be found by, folded."""
    return _folded(indication.id, indication.name, indication.synonyms)


@lru_cache(maxsize=1024)
def _folded(ident: str, name: str, synonyms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(term) for term in (ident, name, *synonyms))


def matches(indication: Indication, query: str) -> bool:
    """True if every word of the query starts a word of one of the indication's terms."""
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(search_terms(indication))
    tokens = haystack.split()
    return all(any(token.startswith(word) for token in tokens) or word in haystack for word in words)


# -- typo tolerance ----------------------------------------------------------------------------
# A word that starts no word of an indication may still be a misspelling of one ("kawasaky",
# "nefritis", "gullain"): difflib's similarity ratio, against the whole word and against its start
# as long as what was typed (a word half typed), at least CLOSE. Words shorter than SHORTEST are
# never guessed at (abbreviations: "sle" is not "slE"-anything). Such matches rank below every
# exact, prefix or contained match.

CLOSE = 0.8
SHORTEST = 5


@lru_cache(maxsize=8192)
def close(word: str, token: str) -> bool:
    """``word`` (as typed, folded) is a likely misspelling of ``token`` or of its beginning."""
    if len(word) < SHORTEST or len(token) < SHORTEST - 1:
        return False
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(word)
    for candidate in {token, token[: len(word)], token[: len(word) + 1]}:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= CLOSE and matcher.quick_ratio() >= CLOSE and matcher.ratio() >= CLOSE:
            return True
    return False


@lru_cache(maxsize=256)
def _tokens(terms: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """An indication's words (each once) and its terms as one string."""
    haystack = " ".join(terms)
    return tuple(sorted(set(haystack.split()))), haystack


def close_match(indication: Indication, query: str) -> bool:
    """True if every word of the query starts (or is in) a word of the indication's terms, or is
    close to one: what ``matches`` finds and its likely misspellings."""
    words = fold(query).split()
    if not words:
        return True
    tokens, haystack = _tokens(search_terms(indication))
    return all(
        any(token.startswith(word) for token in tokens) or word in haystack or any(close(word, t) for t in tokens)
        for word in words
    )


# the ranks of a match, best first
EXACT, PREFIX, CONTAINS, CLOSE_SPELLING, NO_MATCH = range(5)


def rank(indication: Indication, query: str) -> int:
    """How well ``indication`` matches ``query``: EXACT (a whole term), PREFIX (a term starts
    with it), CONTAINS (every word starts a word, or is in a term), CLOSE_SPELLING (some word only
    close to one), or NO_MATCH."""
    folded = fold(query)
    terms = search_terms(indication)
    if not folded:
        return CONTAINS
    if folded in terms:
        return EXACT
    if any(term.startswith(folded) for term in terms):
        return PREFIX
    if matches(indication, query):
        return CONTAINS
    return CLOSE_SPELLING if close_match(indication, query) else NO_MATCH


def search(indications: Iterable[Indication], query: str) -> list[Indication]:
    """Indications matching ``query``, best match first (exact, prefix, contained, then close
    spellings); highest priority colour first, source order within each."""
    ranked = [(rank(ind, query), ind) for ind in indications]
    found = [(r, ind) for r, ind in ranked if r != NO_MATCH]
    return [ind for _, ind in sorted(found, key=lambda pair: (pair[0], COLOUR_ORDER[pair[1].colour]))]


def nearest_id(indications: Iterable[Indication], text: str) -> str | None:
    """The indication id closest to ``text`` (by id, name or synonym), for 'did you mean'."""
    by_term: dict[str, str] = {}
    for indication in indications:
        for term in search_terms(indication):
            by_term.setdefault(term, indication.id)
    folded = fold(text)
    if folded in by_term:
        return by_term[folded]
    import difflib  # only for a "did you mean" (ivigdesk-calc), never before the window is ready

    close = difflib.get_close_matches(folded, list(by_term), n=1, cutoff=0.6)
    return by_term[close[0]] if close else None
