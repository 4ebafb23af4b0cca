"""Quantity masking: every count, sum of money and percentage of a sentence (found by
:func:`extractor.numbers.find_quantities`) replaced by a private-use character of the
same length, so offsets never move and ``<Q>`` matches exactly one whole quantity.
"""
from __future__ import annotations

from .. import numbers

# two alternating private-use characters (adjacent quantities stay apart)
MASKS = ("\ue000", "\ue001")


def has_mask(alts) -> bool:
    """One of the strings ``alts`` holds a mask character."""
    return any(MASKS[0] in x or MASKS[1] in x for x in alts)


def _maskable(q) -> bool:
    """Counts and money with a measure word, and percentages, are masked."""
    return q.kind == "percent" or (q.kind in ("count", "money") and bool(q.unit))


_BARE_END = frozenset(",;。")


def bare_count(qm, text: str) -> bool:
    """A whole number without measure word or approximation, in digits, right after a Chinese
    character and closing its clause (主动公开信息13,…; 公开政府信息26。: the measure word the
    page lost). It is masked too, and only rules that say ``bare: true`` take it (match._figure).
    Not a number that reads as a year (1949-2099: 主动公开政府信息2013。 may be a year cut off)."""
    q, a, b = qm.quantity, qm.start, qm.end
    digits = text[a:b]
    return (q.kind == "number" and q.unit is None and q.approx is None and 0 < a
            and "\u4e00" <= text[a - 1] <= "\u9fff" and digits.isdigit()
            and not (len(digits) == 4 and 1949 <= int(digits) <= 2099)
            and b < len(text) and text[b] in _BARE_END)   # (a text cut right after it may have cut the figure)


def masked(text: str):
    """(masked text, {start: QuantityMatch}) — counts, money and percentages masked."""
    qms = numbers.find_quantities(text)
    parts: list[str] = []
    by_start = {}
    k = pos = 0
    for qm in qms:
        if not (_maskable(qm.quantity) or bare_count(qm, text)):
            continue
        if qm.start < pos:  # overlapping spans (find_quantities gives none): char by char
            return _masked_chars(text, qms)
        parts.append(text[pos:qm.start])
        parts.append(MASKS[k % 2] * (qm.end - qm.start))
        k += 1
        pos = qm.end
        by_start[qm.start] = qm
    if not parts:
        return text, by_start
    parts.append(text[pos:])
    return "".join(parts), by_start


def _masked_chars(text: str, qms):
    chars = list(text)
    by_start = {}
    k = 0
    for qm in qms:
        if not (_maskable(qm.quantity) or bare_count(qm, text)):
            continue
        ch = MASKS[k % 2]
        k += 1
        for i in range(qm.start, qm.end):
            chars[i] = ch
        by_start[qm.start] = qm
    return "".join(chars), by_start


# the stdlib engine for the small fixed regexes run per sentence or figure (see regexkit.compile_fast)


class LazyMasked:
    """``masked(text)`` computed on first use (and only once)."""

    __slots__ = ("text", "value")

    def __init__(self, text: str):
        self.text, self.value = text, None

    def __call__(self):
        if self.value is None:
            self.value = masked(self.text)
        return self.value
