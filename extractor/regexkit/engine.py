"""Which regex engine runs a pattern: the standard library's ``re`` where it reads the
source exactly as ``regex`` does (cheaper per call on a short text), else ``regex``.
Why and when that pays: docs/PERFORMANCE-NOTES.md.
"""
from __future__ import annotations

import re

import regex

from .required import regex_only

# Classes that the standard library's ``re`` and ``regex`` define differently (re's \s
# also takes the separators \x1c-\x1f, its \w follows str.isalnum; \b \B build on \w).
RE_DIFFERS = regex.compile(r"\\[sSwWbB]")


def compile_fast(text: str):
    """``text`` compiled by ``re`` when it reads it exactly as ``regex`` does, else by ``regex``.

    Both engines are backtracking and read the common syntax alike (leftmost match, first
    alternative first, \\d is Unicode's decimal digits in both); what ``re`` does not read as
    ``regex`` does stays on ``regex``: what the stdlib parser rejects or :func:`parse_tree`
    turns away (``regex``-only syntax, case-insensitive or verbose flags), what ``re`` cannot
    compile (variable-width lookbehind: ``(?<!今年|本年度)以来``) and the classes of
    ``RE_DIFFERS``. Callers use only the methods both engines' objects have (no
    ``overlapped=``). Raises ``regex.error`` for a bad source."""
    if not RE_DIFFERS.search(text) and not regex_only(text):
        # (one parse: ``re.compile`` fails where parse_tree's parse does, and its flags
        # are the parsed ones; parsing first and then compiling parsed every source twice)
        try:
            rx = re.compile(text)
        except Exception:  # re.error, and what a parser may raise on a deep nesting
            rx = None
        if rx is not None and not rx.flags & (re.IGNORECASE | re.VERBOSE):
            return rx
    return regex.compile(text)
