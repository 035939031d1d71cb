"""Quoting what someone typed or a file holds, in a refusal, without repeating all of it: a 10 MB
paste must not make a 10 MB "one line". Qt-free and dependency-free."""

from __future__ import annotations

import re

MAX_QUOTED = 60  # characters of a bad input any refusal repeats
_CURLY = re.compile(r"“([^”]*)”")


def shortened(value: object, limit: int = MAX_QUOTED) -> str:
    """``value`` as text, cut to ``limit`` characters and "…" when longer."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """``value`` quoted as ``!r`` quotes it, cut to ``limit`` characters of it and "…" when longer."""
    text = str(value)
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "…"


def clip_quotes(message: str, limit: int = MAX_QUOTED) -> str:
    """``message`` with every “…”-quoted part cut to ``limit`` characters (the quotes stay)."""
    if len(message) <= limit:
        return message
    return _CURLY.sub(lambda found: f"“{shortened(found[1], limit)}”", message)


def clip_words(message: str, limit: int = MAX_QUOTED) -> str:
    """``message`` with every run of more than ``limit`` non-space characters cut (for messages
    that quote an input and hold no file path, such as the command line's argument errors)."""
    return re.sub(rf"\S{{{limit + 1},}}", lambda found: shortened(found[0], limit), message)
