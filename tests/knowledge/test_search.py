"""Finding a diagnosis by what a pharmacist types, misspellings included, best match first."""

from __future__ import annotations

import pytest

from ivigdesk.knowledge.search import CLOSE_SPELLING, CONTAINS, EXACT, NO_MATCH, PREFIX, close, rank, search


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("kawasaky", "kawasaki"),  # Kawasaki disease
        ("dermatomyosits", "dm-pm"),  # Dermatomyositis / polymyositis
        ("lupus nefritis", "lupus-nephritis"),  # Lupus nephritis
        ("gullain", "gbs"),  # Guillain-Barré syndrome
        ("gullain barre", "gbs"),
        ("rheumatiod", "ra"),
    ],
)
def test_the_misspellings_find_the_right_entry_and_only_it(kb, typed, wanted):
    assert [ind.id for ind in search(kb.indications, typed)] == [wanted]
    assert rank(kb.indication(wanted), typed) == CLOSE_SPELLING


def test_exact_then_prefix_then_contained_then_close(kb):
    by_id = {ind.id: ind for ind in kb.indications}
    assert rank(by_id["gbs"], "GBS") == EXACT
    assert rank(by_id["ra"], "rheumat") == PREFIX
    assert rank(by_id["ra"], "arthritis") == CONTAINS  # a word of "Rheumatoid arthritis"
    assert rank(by_id["kawasaki"], "kawasaky") == CLOSE_SPELLING
    assert rank(by_id["kawasaki"], "lupus") == NO_MATCH
    # "myosits" is close to myositis (IBM, DM/PM) but "myositis" itself matches both outright
    found = [ind.id for ind in search(kb.indications, "myosit")]
    assert found[:2] == ["dm-pm", "ibm"] or set(found[:2]) == {"dm-pm", "ibm"}


def test_short_words_and_abbreviations_are_never_guessed(kb):
    assert not close("sla", "sle") and not close("itpp", "itp")
    assert search(kb.indications, "zzzzzz") == []
    assert [ind.id for ind in search(kb.indications, "aps")][:1] != []  # an abbreviation still matches exactly


def test_a_close_spelling_ranks_below_every_real_match(kb):
    # "lupus" matches many entries by name; a close spelling of another word never comes first
    found = search(kb.indications, "lupus")
    assert found and all(rank(ind, "lupus") != CLOSE_SPELLING for ind in found)
    ranks = [rank(ind, "stroke") for ind in search(kb.indications, "stroke")]
    assert ranks == sorted(ranks)
