"""Quoting what someone typed in a refusal without repeating all of it (``ivigdesk.quoting``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ivigdesk.quoting import MAX_QUOTED, clip_quotes, clip_words, quoted, shortened
from tests.support.profiles import examples


def test_the_helpers_cut_at_sixty_characters():
    assert shortened("a" * 61) == "a" * 60 + "…" and shortened("a" * 60) == "a" * 60
    assert quoted("b" * 100) == repr("b" * 60) + "…" and quoted("short") == "'short'"
    assert clip_quotes(f"“{'c' * 500}” is not a number") == f"“{'c' * 60}…” is not a number"
    assert clip_words(f"invalid choice: {'d' * 500} (choose)") == f"invalid choice: {'d' * 60}… (choose)"


def test_a_refusal_repeats_at_most_sixty_characters():
    assert MAX_QUOTED == 60


def test_short_text_is_left_as_it_is():
    assert clip_quotes("“abc” is not a number") == "“abc” is not a number"
    assert clip_words("invalid choice: 'gbs'") == "invalid choice: 'gbs'"
    assert shortened(70) == "70" and quoted(70) == "'70'"


def test_only_the_quoted_part_is_cut_and_every_one_of_them():
    message = f"“{'a' * 61}” and “{'b' * 61}” are not units of {'c' * 61}"
    assert clip_quotes(message) == f"“{'a' * 60}…” and “{'b' * 60}…” are not units of {'c' * 61}"


def test_a_limit_can_be_given():
    assert shortened("abcdef", 3) == "abc…" and quoted("abcdef", 3) == "'abc'…"
    assert clip_words("abcd ab", 3) == "abc… ab"


@given(st.text())
@settings(max_examples=examples(200))
def test_shortened_is_a_prefix_of_at_most_sixty_characters_and_an_ellipsis(text):
    cut = shortened(text)
    if len(text) <= MAX_QUOTED:
        assert cut == text
    else:
        assert cut == text[:MAX_QUOTED] + "…" and len(cut) == MAX_QUOTED + 1


@given(st.text(alphabet=st.characters(blacklist_characters="“”")))
@settings(max_examples=examples(200))
def test_no_word_survives_clip_words_longer_than_sixty_characters_and_an_ellipsis(text):
    assert all(len(word) <= MAX_QUOTED + 1 for word in clip_words(text).split())
