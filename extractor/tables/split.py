"""Cells from a row's value text, and run-together digits split into cells.

A row's values arrive as tokens (what lay between separators: `|`, whitespace, line
breaks). When there are fewer tokens than value columns, the digits ran together
(crawled page text) and have to be cut into exactly ``n`` cells without leading zeros;
separators are always cell boundaries.

:func:`read_splits` does this as a dynamic programme over cut positions, from the last
cell to the first, with the template's rules inside it (:class:`Rule`: 总计 = sum of the
row, 年度 ≤ 历年累计, 现行有效 ≥ 制发 − 废止; per-column bounds such as sub-row ≤ parent
row; per-column allowed values such as figures stated in the prose). A state is (the
text still to cut, the partial sums of the rules), so the work grows with the number of
distinct states, not with the number of cuttings (which is exponential in the length
of the digit run). A hard work budget (steps) bounds every row: over it, the row gives
an ``over_budget`` result and the caller leaves that row out with a warning. The result
lists, per column, every cell some valid reading puts there: a column is read only when
all readings agree on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations

import regex

from ..numbers_data import BLANK_CELL

#: a blank cell's whole text (— / 无 …: "no figure"): patterns/numbers.yaml tables.blank_cells
PLACEHOLDER = regex.compile(rf"^{BLANK_CELL}$")
# digits, optionally with thousands separators ("1,234"), a sign and a fraction
NUM = regex.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
# work budget of one row (steps = cuts examined); a 30-cell 表四 row of 60 digits needs
# a few thousand, a 表三 row of 7 cells rarely a hundred
BUDGET = 200_000
# readings enumerated by :func:`splits` at most
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


@dataclass(frozen=True)
class Part:
    """One cell cut out of a token: its text and span in doc.text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Rule:
    """sum(cells[left]) ``op`` sum(cells[right]), ``op`` is "==" or "<=".

    ``name`` says which rule of the table it is (warnings, soft rules)."""

    left: tuple
    right: tuple
    op: str = "=="
    name: str = ""

    def holds(self, vals) -> bool:
        """On a full row of values (None / non-numbers make the rule hold)."""
        idx = self.left + self.right
        if any(not isinstance(vals[k], Decimal) for k in idx):
            return True
        lv = sum((vals[k] for k in self.left), Decimal(0))
        rv = sum((vals[k] for k in self.right), Decimal(0))
        return lv == rv if self.op == "==" else lv <= rv


@dataclass
class SplitResult:
    """Every reading of a run of digits as ``n`` cells that the rules allow.

    ``status``: "ok" (count ≥ 1), "none" (no reading), "over_budget" (work budget spent:
    nothing is known). ``columns[k]`` is the set of cells (value, Part) some reading puts in
    column k; ``count`` the number of readings; ``steps`` the work done."""

    status: str
    count: int = 0
    columns: list = field(default_factory=list)
    steps: int = 0

    def unique(self, k: int):
        """The cell of column k when every reading agrees on it (value and place), else None."""
        if self.status != "ok":
            return None
        c = self.columns[k]
        return next(iter(c)) if len(c) == 1 else None


def to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _cuts(digits: str, k: int):
    """All ways to cut ``digits`` into k parts without leading zeros (small k only)."""
    n = len(digits)
    if k > n or k < 1:
        return
    zeros = "0" in digits
    for pos in combinations(range(1, n), k - 1):
        bounds = (0,) + pos + (n,)
        if zeros and any(digits[a] == "0" and b - a > 1 for a, b in zip(bounds, pos + (n,))):
            continue
        yield [digits[a:b] for a, b in zip(bounds, pos + (n,))], bounds


def _prepare(tokens: list[Tok]):
    info = []
    for t in tokens:
        m = NUM.match(t.text)
        if not m:
            return None
        sign, digits, frac = m.group(1), m.group(2), m.group(3) or ""
        info.append((sign, digits, frac, t.start + len(sign), "," in digits))
    return info


def read_splits(tokens: list[Tok], n: int, *, rules=(), bounds=None, signed=None, allowed=None,
                budget: int = BUDGET, _paths: bool = False) -> SplitResult:
    """Every way to cut number tokens into exactly ``n`` cells that satisfies the rules.

    A token may carry a leading sign (belongs to its first cell; allowed only in the
    columns of ``signed`` when that is given) and a decimal fraction (belongs to its last
    cell); a number written with thousands separators is one cell as printed.
    ``bounds``: column -> largest value allowed; ``allowed``: column -> set of values.
    Rules must not involve signed columns (cells ≥ 0 make partial sums prune).
    """
    info = _prepare(tokens)
    if info is None or not info or n < len(tokens) or n < 1:
        return SplitResult("none", 0, [set() for _ in range(max(n, 0))], 0)
    if not (rules or bounds or allowed or _paths) and sum(1 if comma else len(d) for _, d, _, _, comma in info) == n:
        return _every_digit_a_cell(info, n, signed)
    bounds = bounds or {}
    allowed = allowed or {}
    rules = tuple(rules)
    T = len(info)
    lens = [len(d) if not comma else 1 for _, d, _, _, comma in info]  # cells a token can hold at most
    before = [0] * (T + 1)  # capacity (cells) of tokens 0..i-1
    for i in range(T):
        before[i + 1] = before[i] + lens[i]
    # rules in which every right-hand cell is placed once column c is placed (right to
    # left): from then on their slack only shrinks, so a negative slack is dead
    min_right = [min(r.right) if r.right else n for r in rules]
    # per rule and column c: how many of its left-hand cells lie before c (still to place)
    left_before = [[sum(1 for k in r.left if k < c) for c in range(n)] for r in rules]
    dig_before = [0] * (T + 1)  # digits in tokens 0..i-1
    for i in range(T):
        dig_before[i + 1] = dig_before[i] + len(info[i][1])
    steps = 0
    # as many cells as digits (``0000000`` into 7, ``0 0 00 0`` into 5): one cutting, every
    # digit a cell; each state has one feasible cut (a shorter cell would leave more cells
    # than digits before it), so the others are not looked at
    one_way = before[T] == n
    # layer j: states after placing columns n-1 … n-j. state = (i, p, sig): tokens > i and
    # digits [p:] of token i are cut; sig = per rule, sum(right placed) - sum(left placed)
    start = (T - 1, len(info[T - 1][1]), tuple(Decimal(0) for _ in rules))
    layer = {start: 1}
    edges: list[dict] = []  # per layer: new state -> list of (old state, column cell)
    for j in range(n):
        c = n - 1 - j           # the column placed in this step
        left_after = c          # cells still to place after this one
        nxt: dict = {}
        back: dict = {}
        for (i, p, sig), cnt in layer.items():
            sign, digits, frac, base, comma = info[i]
            L = len(digits)
            if comma:
                qs = [0] if p == L else []
            elif one_way:
                qs = (p - 1,)
            else:
                qs = range(p - 1, -1, -1)
            for q in qs:
                steps += 1
                if steps > budget:
                    return SplitResult("over_budget", 0, [set() for _ in range(n)], steps)
                # feasibility: tokens before i need ≥ 1 cell each; capacity suffices
                rest_here = 1 if q > 0 else 0
                need_min = i + rest_here
                cap = before[i] + (q if not comma else 0)
                if left_after < need_min or left_after > cap:
                    continue
                if digits[q] == "0" and p - q > 1:
                    continue
                txt = digits[q:p]
                a, b = base + q, base + p
                if q == 0 and sign:
                    txt = sign + txt
                    a -= len(sign)
                if p == L and frac:
                    txt = txt + frac
                    b += len(frac)
                if txt[:1] in "+-" and signed is not None and c not in signed:
                    continue
                v = Decimal(txt.replace(",", ""))
                if c in bounds and bounds[c] is not None and v > bounds[c]:
                    continue
                if c in allowed and v not in allowed[c]:
                    continue
                if rules:
                    new = list(sig)
                    dead = False
                    # the longest cell still possible before this one
                    maxlen = dig_before[i] + q - (left_after - 1)
                    for r_i, r in enumerate(rules):
                        if c in r.right:
                            new[r_i] += v
                        if c in r.left:
                            new[r_i] -= v
                        if min_right[r_i] >= c:
                            # every right-hand cell placed: the slack only shrinks from here
                            sl = new[r_i]
                            if sl < 0:
                                dead = True
                                break
                            if r.op == "==" and sl > 0:
                                rem = left_before[r_i][c]
                                if rem == 0 or maxlen <= 0 or sl >= rem * (Decimal(10) ** maxlen):
                                    dead = True
                                    break
                    if dead:
                        continue
                    nsig = tuple(new)
                else:
                    nsig = sig
                if q == 0:
                    if i == 0:
                        ns = (-1, 0, nsig)
                    else:
                        ns = (i - 1, len(info[i - 1][1]), nsig)
                else:
                    ns = (i, q, nsig)
                nxt[ns] = nxt.get(ns, 0) + cnt
                back.setdefault(ns, []).append(((i, p, sig), Part(txt, a, b), v))
        layer = nxt
        edges.append(back)
        if not layer:
            break
    finals = []
    for (i, p, sig), cnt in layer.items():
        if i != -1:
            continue
        if all((s == 0) if r.op == "==" else (s >= 0) for r, s in zip(rules, sig)):
            finals.append(((i, p, sig), cnt))
    if len(edges) < n or not finals:
        return SplitResult("none", 0, [set() for _ in range(n)], steps)
    count = sum(cnt for _, cnt in finals)
    columns = [set() for _ in range(n)]
    useful = {s for s, _ in finals}
    for j in range(n - 1, -1, -1):
        c = n - 1 - j
        prev = set()
        for s in useful:
            for old, part, v in edges[j][s]:
                columns[c].add((v, part))
                prev.add(old)
        useful = prev
    res = SplitResult("ok", count, columns, steps)
    if _paths:
        res.paths = _enumerate(edges, [s for s, _ in finals], n)
    return res


def _every_digit_a_cell(info, n: int, signed) -> SplitResult:
    """:func:`read_splits` of tokens holding as many cells as ``n`` (``0000000`` into 7, ``0 0 00 0``
    into 5; a number with thousands separators one cell), with no rule, bound or allowed value:
    the one cutting the programme finds there (every digit a cell), checked as it checks a cell,
    from the last column to the first - the same result and steps without its states (issue 11:
    most of the rows a pass over the dev texts splits are such rows)."""
    parts = []
    for sign, digits, frac, base, comma in info:
        L = len(digits)
        for q, p in ((0, L),) if comma else ((q, q + 1) for q in range(L)):
            txt, a, b = digits[q:p], base + q, base + p
            if q == 0 and sign:
                txt, a = sign + txt, a - len(sign)
            if p == L and frac:
                txt, b = txt + frac, b + len(frac)
            parts.append((txt, a, b, digits[q] == "0" and p - q > 1))
    columns = [set() for _ in range(n)]
    for j in range(n):
        c = n - 1 - j
        txt, a, b, leading_zero = parts[c]
        if leading_zero or (txt[:1] in "+-" and signed is not None and c not in signed):
            return SplitResult("none", 0, [set() for _ in range(n)], j + 1)
        columns[c].add((Decimal(txt.replace(",", "")), Part(txt, a, b)))
    return SplitResult("ok", 1, columns, n)


def _enumerate(edges, finals, n):
    out = []

    def rec(j, s, acc):
        if len(out) > MAX_CANDIDATES:
            return
        if j < 0:
            out.append(list(acc))
            return
        for old, part, v in edges[j][s]:
            acc.append(part)
            rec(j - 1, old, acc)
            acc.pop()

    for f in finals:
        rec(n - 1, f, [])
    # parts were collected from the first column to the last
    return out


def splits(tokens: list[Tok], n: int):
    """Every way to cut number tokens into exactly ``n`` cells (list of Part lists), no rules.

    (Enumerates the readings: for tests and small rows; readers use :func:`read_splits`.)"""
    r = read_splits(tokens, n, _paths=True)
    return getattr(r, "paths", []) if r.status == "ok" else []
