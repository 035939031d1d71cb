"""Find indications by what a pharmacist types: id, name, abbreviation or synonym."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ivigdesk.knowledge.model import COLOUR_ORDER, Indication


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces: 'Guillain-Barré' -> 'guillain barre'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def search_terms(indication: Indication) -> tuple[str, ...]:
    """Everything an indication can be found by, folded."""
    return tuple(fold(term) for term in (indication.id, indication.name, *indication.synonyms))


def matches(indication: Indication, query: str) -> bool:
    """True if every word of the query starts a word of one of the indication's terms."""
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(search_terms(indication))
    tokens = haystack.split()
    return all(any(token.startswith(word) for token in tokens) or word in haystack for word in words)


def search(indications: Iterable[Indication], query: str) -> list[Indication]:
    """Indications matching ``query``, highest priority colour first, source order within."""
    found = [ind for ind in indications if matches(ind, query)]
    return sorted(found, key=lambda ind: COLOUR_ORDER[ind.colour])


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
