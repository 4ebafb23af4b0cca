"""Cells from a row's value text, and run-together digits split into cells.

A row's values arrive as tokens (what lay between separators: `|`, whitespace, line
breaks). When there are fewer tokens than value columns, the digits ran together
(crawled page text): :func:`splits` enumerates every way to cut the tokens into
exactly ``n`` cells without leading zeros; separators are always cell boundaries.
Callers filter the candidates with the template's rules (总计 = sum, year ≤ 累计,
sub-row ≤ parent, figures stated in the prose) and keep only what is forced.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations

import regex

ABSENT = None  # a cell that states nothing (blank, /, —, -, 无, 空)

PLACEHOLDER = regex.compile(r"^(?:/|／|—+|–|-+|―|无|空|\\)$")
# digits, optionally with thousands separators ("1,234"), a sign and a fraction
NUM = regex.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
MAX_CANDIDATES = 20000


@dataclass
class Tok:
    text: str        # as written (digits, sign, decimal; or placeholder / 是 / 否 / "")
    start: int       # offsets in doc.text
    end: int

    @property
    def is_number(self) -> bool:
        return bool(NUM.match(self.text))

    @property
    def is_absent(self) -> bool:
        return self.text == "" or bool(PLACEHOLDER.match(self.text))


@dataclass
class Part:
    """One cell cut out of a token: its text and span in doc.text."""

    text: str
    start: int
    end: int


def to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _cuts(digits: str, k: int):
    """All ways to cut ``digits`` into k parts without leading zeros."""
    n = len(digits)
    if k > n or k < 1:
        return
    # a part starting with a zero must be that one digit (only checked when there is a zero)
    zeros = "0" in digits
    for pos in combinations(range(1, n), k - 1):
        bounds = (0,) + pos + (n,)
        if zeros and any(digits[a] == "0" and b - a > 1 for a, b in zip(bounds, pos + (n,))):
            continue
        yield [digits[a:b] for a, b in zip(bounds, pos + (n,))], bounds


def splits(tokens: list[Tok], n: int):
    """Every way to cut number tokens into exactly ``n`` cells (list of Part lists).

    A token may carry a leading sign (belongs to its first cell) and a decimal
    fraction (belongs to its last cell).
    """
    info = []
    for t in tokens:
        m = NUM.match(t.text)
        if not m:
            return []
        info.append(m)
    need = n - len(tokens)
    if need < 0:
        return []
    out: list[list[Part]] = []

    def rec(i: int, left: int, acc: list[Part]):
        if len(out) > MAX_CANDIDATES:
            return
        if i == len(tokens):
            if left == 0:
                out.append(list(acc))
            return
        t, m = tokens[i], info[i]
        sign, digits, frac = m.group(1), m.group(2), m.group(3) or ""
        base = t.start + len(sign)
        # a number written with thousands separators is one cell as printed
        top = 0 if "," in digits else min(left, len(digits) - 1)
        for extra in range(0, top + 1):
            for parts, bounds in _cuts(digits, extra + 1):
                cells = []
                for j, p in enumerate(parts):
                    a = base + bounds[j]
                    b = base + bounds[j + 1]
                    txt = p
                    if j == 0 and sign:
                        txt = sign + txt
                        a -= len(sign)
                    if j == len(parts) - 1 and frac:
                        txt = txt + frac
                        b += len(frac)
                    cells.append(Part(txt, a, b))
                rec(i + 1, left - extra, acc + cells)

    rec(0, need, [])
    return out
