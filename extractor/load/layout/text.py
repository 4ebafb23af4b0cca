"""CJK-aware joining of text pieces: which characters are CJK, and where a space goes.

Three rules, each where its callers need it:

* :func:`join_cjk` joins two pieces of one wrapped line (a paragraph's visual lines, a
  table cell's lines, a row split by a page break): no space between CJK characters
  (nor digits or punctuation: a number wrapped inside a narrow cell), one space between
  two latin letters or after ``,;:`` before a letter.
* :func:`needs_space` is the rule between two recognised OCR words: a space only
  between two non-CJK characters set apart by more than 0.3 × the line height.
* :func:`lines.build_lines` (born-digital characters) writes a space between characters
  set apart by more than a quarter of their size unless both are CJK (inlined there:
  it runs once per character).

``textables.join_wrapped`` (a cell wrapped in scraped text) uses :func:`join_cjk` with
its own rule as the named parameter ``no_space``: one space between any two pieces
unless a boundary character is one of its CJK-like characters (digits wrapped in a
scraped cell keep their space). ``normalize`` removes spaces between CJK characters
inside its one-pass regex over the whole text (a substitution, not a join) and keeps
its own character class there.
"""
from __future__ import annotations

import re
from bisect import bisect_right

CJK_RE = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]"
)

# ``CJK_RE``'s character class as sorted boundaries: a code point ``o`` is in it when
# ``bisect_right(CJK_BOUNDS, o)`` is odd (tests check both agree on every code point)
CJK_BOUNDS = (
    0xB7, 0xB8, 0x2014, 0x2015, 0x2018, 0x201A, 0x201C, 0x201E, 0x2026, 0x2027,
    0x2E80, 0x3000, 0x3000, 0x3040, 0x3040, 0x3100, 0x3100, 0x3130, 0x3200, 0x3400,
    0x3400, 0x4DC0, 0x4E00, 0xA000, 0xF900, 0xFB00, 0xFE30, 0xFE50, 0xFF00, 0xFFF0,
)


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_RE.match(ch) is not None


def cjk_char(ch: str) -> bool:
    """``is_cjk`` for one character, without the regex."""
    return bisect_right(CJK_BOUNDS, ord(ch)) & 1 == 1


def join_cjk(a: str, b: str, *, no_space=None) -> str:
    """Join two pieces of one wrapped line: no space between CJK, one space otherwise.

    ``no_space`` (a compiled pattern of characters) chooses the scraped-text rule instead:
    one space between the pieces unless the last character of ``a`` or the first of
    ``b`` matches it (``textables.join_wrapped``)."""
    if not a:
        return b
    if not b:
        return a
    x, y = a[-1], b[0]
    if no_space is not None:
        return a + b if (no_space.match(x) or no_space.match(y)) else a + " " + b
    if x.isascii() and y.isascii() and x.isalpha() and y.isalpha():
        return a + " " + b  # a latin word wrap
    if x in ",;:" and y.isascii() and y.isalpha():
        return a + " " + b
    return a + b  # CJK, digits (a number wrapped inside a narrow cell), punctuation


def needs_space(a: str, b: str, gap: float, height: float) -> bool:
    """A space between two OCR words only between non-CJK characters set apart."""
    if not a or not b or is_cjk(a[-1]) or is_cjk(b[0]):
        return False
    return gap > 0.3 * height
