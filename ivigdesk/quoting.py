"""Quoting what someone typed or a file holds, in a refusal, without repeating all of it: a 10 MB
paste must not make a 10 MB "one line". Qt-free and dependency-free."""

from __future__ import annotations

MAX_QUOTED = 60  # characters of a bad input any refusal repeats


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """``repr``-style quote of ``value`` (as ``!r`` gives), cut to about ``limit`` characters of it
    with "…" and the full length when longer."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def shortened(value: object, limit: int = MAX_QUOTED) -> str:
    """``value`` as text, cut to ``limit`` characters with "…" when longer (no quotes added)."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"
