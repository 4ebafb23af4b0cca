"""Statistics tables of the three report eras -> table facts (+ cross-check warnings).

Public: ``read_stat_tables(doc, seg) -> Findings``.

The reader is template-guided and works on the normalised document text, whatever
shape the table arrived in: a grid written row by row (``a | b | c``), `|`-flattened
rows, one cell per line, or a paragraph whose numbers ran together. Row labels come
from ``patterns/tables/*.yaml`` and are matched on the text with whitespace removed;
the values after a label are read from the original text (cells split by ``|``,
whitespace or line breaks). When there are fewer value tokens than columns, the
digits ran together: the splits into the template's column count are weighed by a
dynamic programme (``split.read_splits``) with the template's rules inside it (总计 =
sum of the row, 年度 ≤ 历年累计, 制发 ≤ 废止 + 现行有效, sub-row ≤ parent row, 表四
totals) and a work budget per row; a split must agree with a figure the prose states.
A cell is reported only when every remaining split agrees on it, otherwise its key is
blocked and an ``ambiguous_split`` warning is recorded. A reading the digits force is
kept as read (a total contradicting its parts is left out, with a warning); figures that
are whole cells (on separate lines, between bars) are never cut to fill lost cells.

Columns are taken from a header the reader recognises (labels of the template, the
lexicon ``patterns/tables/labels.yaml`` with a bounded fuzzy match), never from
position: a header cell nothing recognises gives a ``header_unrecognised`` warning and
no values for the columns it could shift.

Table families (see patterns/tables/README.md): old 统计表 (``old``), 表二 of gb2019 /
gb2021 (``header_rows``, the column header decides the era), 表三 (``fixed_columns``)
and 表四 (``flat_row``).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from ..model import Fact, Findings, Warning_
from ..regexkit import compiled as _rx
from .split import NUM, PLACEHOLDER, Part, Rule, Tok, read_splits, to_decimal
from .templates import Column, Row, Squeezed, Template, load_lexicon, load_templates

UNIT_WORDS = ["人次", "万元", "千元", "亿元", "元", "条", "件", "个", "次", "人", "篇", "项", "家", "期", "份"]
MONEY_MULT = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}

_SEP = regex.compile(r"[ \t\r\n|｜]*")
_NOTE = regex.compile(r"\((?=[^()]{0,150}\p{Han})[^()]{0,150}\)")
_UNIT_NOTE = regex.compile(r"单位[:：]?\s*(人次|万元|千元|亿元|元|条|件|个|次|人)|^\(\s*(人次|万元|千元|亿元|元|条|件|个|次|人|项)\s*\)$")
# footnote marks after a label: 行政规范性文件①, 专项经费(万元)*, 规章注1
_FOOTNOTE = regex.compile(r"[*＊※†‡]+|[①-⑳]|注\d(?!\d)|\[\d\]")
# a sign may be written as a word in the 本年增/减 column ("减4" = -4, "增3" = +3): one
# character each, so the cell's text keeps its length and offsets (see _SIGN_WORDS)
_TOKEN = regex.compile(
    r"(?P<num>(?:[+-]|[增减](?=\d))?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)(?P<unit>万元|千元|亿元|元)?"
    r"|(?P<ph>/|／|—+|–|―|-+|\\|无|空)(?=[\s|｜]|$)"
    r"|(?P<bool>是|否)(?=[\s|｜]|$|\p{Han})"
)
_SIGN_WORDS = str.maketrans({"增": "+", "减": "-"})
_LEAD_UNIT = regex.compile(r"(?:是/否|" + "|".join(UNIT_WORDS) + r"|—+|-)(?=[\s|｜\d/—\-]|$|[是否无空])")
_NUMBERING_AFTER = regex.compile(r"[.、．](?=[^\d\s])")
_LABEL_GAP = regex.compile(r"[ \t:：]*")
_DATE_MARK = regex.compile(r"[年月日号%％]")
# a digit run ending in a year (19xx/20xx) right before 年: (cell digits before it, the year)
_YEAR_AFTER = regex.compile(r"(\d*?)((?:19|20)\d\d)")
_UNIT_PAREN = regex.compile(r"\((?:单位[:：]?)?(万元|千元|亿元|元|件|条|个)\)")
_ROUTES = regex.compile(r"未经复议直接起诉|复议后起诉|行政复议")
# the 序号 cell before an old 统计表 row label (what lies between the previous row and it)
_INDEX_JUNK = regex.compile(r"(?<![\d.])(\d{1,3})[|｜]*$")
_INDEX_TOK = regex.compile(r"\d{1,3}")
_SENTENCE_END = regex.compile(r"[。；;！？]")
_CELL_BREAK = regex.compile(r"[\n|｜]")
_REST_BLANK = regex.compile(r"[ \t\r\f\v\u3000]*\n")
_INDENT = regex.compile(r"[ \t\u3000]*")


# --------------------------------------------------------------------------- values


@dataclass
class Scan:
    cells: list[Tok]          # value cells (pipe mode: includes empty cells)
    end: int                  # offset in doc.text after the last value read
    pipe: bool = False
    unit: str | None = None
    # one cell a line with blank cells kept as empty lines (a bar stream, see
    # load/textables): leading blanks are cells too, only trailing ones may be cut
    stream: bool = False


def scan_values(text: str, pos: int, *, lead_unit: bool = False) -> Scan:
    """Read the value cells written after a row label that ends at ``pos``."""
    i = pos
    unit = None
    # bracketed filling notes after the label, "(单位:万元)"
    while True:
        m = _LABEL_GAP.match(text, i)
        j = m.end()
        m = _NOTE.match(text, j) or _FOOTNOTE.match(text, j)
        if not m:
            break
        u = _UNIT_NOTE.search(m.group())
        if u:
            unit = u.group(1) or u.group(2)
        i = m.end()
    # where lines and bars are comes from an index of the text (_Marks), not from slicing
    # and counting the line: a one-line page of 10 MB has thousands of rows on one line
    marks = _marks(text)
    line_end = marks.line_end(i)
    line_start = marks.line_start(pos)
    bar_in_rest = marks.bars(i, line_end) > 0
    if bar_in_rest or marks.bars(line_start, pos) > 0:
        if marks.bars(line_start, line_end) == 1 and marks.last_char(line_start, line_end) == "|" \
                and marks.sentence_end(line_start, line_end):
            # a sentence that ends in a stray bar (a crawled page's cell border): prose,
            # not a table row
            return Scan([], pos, False, unit)
    if bar_in_rest and marks.first_char(i, line_end) == "|":
        return _scan_pipe(text, i, line_end, unit, lead_unit)
    if _REST_BLANK.match(text, i) and line_end < len(text):
        # the label ends its line and the row's cells are the next line, a pipe row that
        # begins with a figure (a 表四 header, then "5 | | | 2 | 7 | …"): its printed blank
        # cells keep their columns
        nxt = _INDENT.match(text, line_end + 1).end()
        nxt_end = marks.line_end(nxt)
        bar = text.find("|", nxt, nxt_end)
        if bar > nxt and marks.bars(nxt, nxt_end) >= 2 and _TOKEN.fullmatch(text[nxt:bar].strip()):
            return _scan_pipe(text, nxt, nxt_end, unit, lead_unit, lead_cell=True)
    return _scan_tokens(text, i, unit, lead_unit)


class _Marks:
    """Line breaks and bars of one text, found once: the line around a position, the bars
    in a stretch, by bisection (what ``text.rfind``/``count`` on slices gave, without
    reading the line again per row)."""

    def __init__(self, text: str):
        self.text = text
        self.nl = [m.start() for m in regex.finditer(r"\n", text)]
        self.bar = [m.start() for m in regex.finditer(r"\|", text)]
        self._sentence: dict = {}

    def line_end(self, i: int) -> int:
        """``text.find("\\n", i)``, or the text's end."""
        k = bisect_left(self.nl, max(i, 0))
        return self.nl[k] if k < len(self.nl) else len(self.text)

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        k = bisect_left(self.nl, pos) if pos >= 0 else 0
        return self.nl[k - 1] + 1 if k else 0

    def bars(self, a: int, b: int) -> int:
        """``text[a:b].count("|")`` for 0 <= a."""
        b = min(b, len(self.text))
        return bisect_left(self.bar, b) - bisect_left(self.bar, a) if b > a else 0

    def first_char(self, a: int, b: int) -> str:
        """The first character of ``text[a:b].strip()`` ('' when none)."""
        t = self.text
        while a < b and t[a].isspace():
            a += 1
        return t[a] if a < b else ""

    def last_char(self, a: int, b: int) -> str:
        """The last character of ``text[a:b].rstrip()`` ('' when none)."""
        t = self.text
        while b > a and t[b - 1].isspace():
            b -= 1
        return t[b - 1] if b > a else ""

    def sentence_end(self, a: int, b: int) -> bool:
        """``_SENTENCE_END.search(text[a:b])``, once per line."""
        hit = self._sentence.get((a, b))
        if hit is None:
            hit = self._sentence[(a, b)] = _SENTENCE_END.search(self.text, a, b) is not None
        return hit


_marks_of: tuple = (None, None)  # (text, its _Marks) of the last text read


def _marks(text: str) -> _Marks:
    global _marks_of
    last = _marks_of  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    m = _Marks(text)
    _marks_of = (text, m)
    return m


def _scan_pipe(text: str, i: int, line_end: int, unit, lead_unit, lead_cell: bool = False) -> Scan:
    # the cells between the bars of text[i:line_end], found one by one up to the first
    # that is no value (splitting the whole line per row read a one-line page again and
    # again); lead_cell: a cell starts at i (no bar before the first one)
    cells: list[Tok] = []
    end = i
    bar = i - 1 if lead_cell else text.find("|", i, line_end)
    off = bar + 1
    k = -1
    while bar >= 0:
        k += 1
        bar = text.find("|", off, line_end)
        p = text[off:bar if bar >= 0 else line_end]
        a = off + (len(p) - len(p.lstrip()))
        s = p.strip()
        off += len(p) + 1
        if lead_unit and not cells and k == 0 and s and (s in UNIT_WORDS or s in ("是/否", "—", "-", "——")):
            unit = s if s not in ("—", "-", "——") else unit
            end = a + len(s)
            continue
        if s:
            m = _TOKEN.fullmatch(s)
            if not m:
                # not a value cell: the row's values stop here
                break
            if m.group("unit"):
                unit = m.group("unit")
                s = m.group("num")
            s = s.translate(_SIGN_WORDS)
            cells.append(Tok(s, a, a + len(s)))
            end = a + len(s)
        else:
            cells.append(Tok("", a, a))
    return Scan(cells, end, True, unit)


def _blank_lines(gap: str) -> int:
    """Empty lines in the gap between two cells written one a line: blank cells."""
    if "|" in gap or "｜" in gap:
        return 0
    return max(0, gap.count("\n") - 1)


def _scan_tokens(text: str, i: int, unit, lead_unit) -> Scan:
    cells: list[Tok] = []
    end = i
    first = True
    stream = False
    n = len(text)
    while i < n:
        m = _SEP.match(text, i)
        j = m.end()
        blanks = 0 if (lead_unit and first) else _blank_lines(text[i:j])
        if blanks:
            # empty lines between cells written one a line are blank cells; after the
            # row's last figure they are its trailing blanks (cut to the columns later)
            if _TOKEN.match(text, j) is None and not cells:
                break
            stream = True
            cells.extend(Tok("", i + 1 + q, i + 1 + q) for q in range(blanks))
        if lead_unit and first:
            u = _LEAD_UNIT.match(text, j)
            if u:
                if u.group() not in ("—", "-") and not u.group().startswith("—"):
                    unit = u.group()
                j = u.end()
                m2 = _SEP.match(text, j)
                j = m2.end()
        first = False
        m = _TOKEN.match(text, j)
        if not m:
            break
        if m.group("num") is not None:
            if cells and not m.group("unit") and _DATE_MARK.match(text[m.end():m.end() + 1]):
                break  # a date or percentage after the row: prose, not a cell
            y = _YEAR_AFTER.fullmatch(m.group("num")) if not m.group("unit") and text[m.end():m.end() + 1] == "年" else None
            if y:
                # "行政事业性收费02025年，我局…": the row's last cell ran into the year that opens
                # the next sentence; the cell is what comes before the year (none: prose)
                if not y.group(1):
                    break
                cells.append(Tok(y.group(1), m.start("num"), m.start("num") + len(y.group(1))))
                end = m.start("num") + len(y.group(1))
                break
            s = m.group("num").translate(_SIGN_WORDS)
            a, b = m.start("num"), m.end("num")
            # "…0000002.其他…": the last digit is the next row's numbering
            if not m.group("unit") and _NUMBERING_AFTER.match(text, b) and "." not in s:
                if len(s.lstrip("+-")) > 1:
                    s, b = s[:-1], b - 1
                else:
                    end = max(end, a)
                    break
            if m.group("unit"):
                unit = m.group("unit")
            cells.append(Tok(s, a, b))
            end = b
            i = m.end()
            if not m.group("unit") and b < m.end("num"):
                break
        else:
            s = m.group()
            cells.append(Tok(s, m.start(), m.end()))
            end = m.end()
            i = m.end()
    return Scan(cells, end, stream, unit, stream=stream)


def cell_value(tok_text: str, *, money: bool = False, signed: bool = False, boolean: bool = False,
               mult: Decimal = Decimal(1)):
    """Value of one cell, or None when it states nothing (or is not a valid value)."""
    s = tok_text.strip()
    if not s or PLACEHOLDER.match(s):
        return None
    if boolean:
        return {"是": True, "否": False}.get(s)
    m = NUM.match(s)
    if not m:
        return None
    d = to_decimal(s)
    if d is None:
        return None
    if money:
        return float((d * mult).quantize(Decimal("0.01")))
    if d != d.to_integral_value():
        return None
    v = int(d)
    if v < 0 and not signed:
        return None
    return v


# --------------------------------------------------------------------------- context


@dataclass
class RowReading:
    row: Row | None
    label_start: int
    label_end: int
    cells: list                         # per column: (Decimal|None|bool, Part|None) or "ambiguous"
    unit: str | None = None
    template: str = ""
    extra: dict = field(default_factory=dict)


class Ctx:
    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        self.sq = Squeezed(doc.text)
        self.out = Findings()
        self.spans: list[tuple[int, int]] = []
        self._prose_text: str | None = None
        self._prose_n = 0
        self._prose_whole = False  # a negative span offset: blank from the text each time
        self._union: tuple[list, list] = ([], [])  # consumed(): union of spans[:_union_n]
        self._union_n = 0
        self.seen_facts: set = set()
        # label pre-filter of _earliest: a stretch [a, b) of the squeezed text and, per
        # row label regex, whether one of its required literals occurs in that stretch
        self._stretch = (0, -1, "")
        self._stretch_has: dict = {}

    def warn(self, code: str, message: str, offset: tuple[int, int] | None = None):
        page = self.doc.page_at(offset[0]) if offset else None
        self.out.warnings.append(Warning_(code, message, page, offset))

    def consumed(self, orig: int) -> bool:
        """``orig`` lies in one of the spans read so far (``any(a <= orig < b)``), looked up
        in their union, kept as sorted disjoint intervals updated with each new span."""
        n = len(self.spans)
        if self._union_n > n:  # (never happens) spans removed: start again
            self._union, self._union_n = ([], []), 0
        starts, ends = self._union
        for a, b in self.spans[self._union_n:n]:
            if b <= a:
                continue
            i, j = bisect_left(ends, a), bisect_right(starts, b)
            if i < j:
                a, b = min(a, starts[i]), max(b, ends[j - 1])
            starts[i:j] = [a]
            ends[i:j] = [b]
        self._union_n = n
        k = bisect_right(starts, orig) - 1
        return k >= 0 and orig < ends[k]

    def prose_text(self) -> str:
        """The text with the table spans read so far blanked (spaces; line breaks kept).
        Spans added since the last call are blanked in the last result (blanking the
        union again, as it was, read every span per table row)."""
        if self._prose_text is None or self._prose_n != len(self.spans):
            new = self.spans[self._prose_n:]
            if self._prose_text is None or self._prose_n > len(self.spans) or self._prose_whole \
                    or any(a < 0 for a, b in new):
                self._prose_whole = self._prose_whole or any(a < 0 for a, b in self.spans)
                self._prose_text = _blanked(self.text, self.spans)
            else:
                self._prose_text = _blanked(self._prose_text, new)
            self._prose_n = len(self.spans)
        return self._prose_text

    def prose_values(self, cues) -> set:
        vals = set()
        t = self.prose_text()
        for rx in cues:
            for m in _rx(r"(?:" + rx.pattern + r")[^\d。;；,，]{0,6}?(\d+)\s*(?:条|件|个|项|人次|次|篇|份)").finditer(t):
                vals.add(Decimal(m.group(1)))
        return vals

    def emit(self, key: str, value, unit, raw: str, a: int, b: int, template: str):
        if key is None or value is None:
            return
        sig = (key, a, b)
        if sig in self.seen_facts:
            return
        self.seen_facts.add(sig)
        self.out.facts.append(Fact(
            key=key, value=value, unit=unit, raw=raw, origin="table",
            page=self.doc.page_at(a), offset=(a, b), evidence=self.text[a:b],
            rule=f"{key}#table:{template}",
        ))


def _blanked(text: str, spans) -> str:
    """``text`` with every character of the spans except line breaks made a space."""
    n = len(text)
    ivs = sorted((a, min(b, n)) for a, b in spans if min(b, n) > a)
    if ivs and ivs[0][0] < 0:  # (never happens) negative offsets: character by character
        chars = list(text)
        for a, b in spans:
            for k in range(a, min(b, len(chars))):
                if chars[k] != "\n":
                    chars[k] = " "
        return "".join(chars)
    pieces = []
    pos = 0
    for a, b in ivs:
        if b <= pos:
            continue
        a = max(a, pos)
        pieces.append(text[pos:a])
        pieces.append("\n".join(" " * len(x) for x in text[a:b].split("\n")))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _num(v):
    return v if isinstance(v, Decimal) else None


def _lost_cells_total(ctx: Ctx, cells: list[Tok], n: int, total_last: str | None, where: str, span):
    """A row whose empty cells vanished (a crawl printing only filled cells): where each
    part stood is unknown, but the last column is the row's 总计 (``total_last``), and the
    last printed figure is that total when the arithmetic says so: with two figures they
    are equal (one part and its total: `3 | 3`, `0 | 0`); with more, and no 小计 column
    (``total_last == "sum"``), the last is the sum of the others. Returns the row with only
    the total read, or None."""
    if total_last is None or len(cells) < 2 or len(cells) >= n:
        return None
    rest = ctx.text[cells[-1].end:cells[-1].end + 200].lstrip(" \t\r\n|｜")
    if not rest or rest[0].isdigit() or rest[0] in "+-—/／":
        # the text stops in this row (an excerpt cut short: its total may be lost), or
        # figures go on after it (a row wrapped onto the next line): not a row of lost cells
        return None
    vals = [_single(c, False) for c in cells]
    if any(v is None or not isinstance(v[0], Decimal) for v in vals):
        return None
    nums = [v[0] for v in vals]
    if len(nums) == 2:
        ok = nums[0] == nums[1]
    else:
        ok = total_last == "sum" and nums[-1] == sum(nums[:-1])
    if not ok:
        return None
    ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected (empty cells lost); "
             f"only the total {cells[-1].text} is read (it is the sum of the figures before it)", span)
    return [None] * (n - 1) + [vals[-1]]


def resolve_row(ctx: Ctx, scan: Scan, n: int, *, rules=(), bounds=None, prose=None, where: str = "",
                label_start: int = 0, bool_row: bool = False, signed_cols=None, soft=(), broken=None,
                total_last: str | None = None):
    """Cells of one row -> list of n entries: (value, Part) | None (absent) | "ambiguous".

    ``value`` is Decimal for numbers, True/False for 是/否. ``prose`` maps a column
    index to the set of figures the prose states for it (or a function giving it, called
    only when the digits need it: searching the prose is a pass over the text).
    ``rules`` (:class:`split.Rule`) and ``bounds`` (column -> largest value, e.g. the
    parent row's) choose among the ways to split run-together digits; a row read as
    printed, or whose digits allow one reading only, is kept as read (the cross-checks
    report its violations). A split must
    agree with a figure the prose states: when no reading the rules allow does and one
    breaking only rules named in ``soft`` does, that reading is taken and the broken rule
    names are added to ``broken`` (the caller stops using them for this table).
    Returns None when the row cannot be read at all.
    """
    cells = scan.cells
    if scan.pipe:
        present = [c for c in cells if c.text != ""]
        # empty cells of merged label columns before the values, unused columns after
        # (in a stream of one cell a line a leading blank is a cell: never cut)
        while len(cells) > n and cells[0].text == "" and not scan.stream:
            cells = cells[1:]
        while len(cells) > n and cells[-1].text == "":
            cells = cells[:-1]
        if len(cells) != n:
            if present:
                if len(cells) < n and len(present) == len(cells):
                    tot = _lost_cells_total(ctx, cells, n, total_last, where, (label_start, scan.end))
                    if tot is not None:
                        return tot
                # cells lost (a crawl that drops empty cells: `3 | 3` for four columns) or
                # extra: which column a figure belongs to is not known, so none is read
                ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected",
                         (label_start, scan.end))
                return None
            return [None] * n
        return _printed_sums(ctx, _sign_ok(ctx, [_single(c, bool_row) for c in cells], signed_cols, where,
                                           label_start, scan), rules, where, (label_start, scan.end))
    cells = [c for c in cells]
    if not cells:
        return [None] * n
    if len(cells) == n:
        return _printed_sums(ctx, _sign_ok(ctx, [_single(c, bool_row) for c in cells], signed_cols, where,
                                           label_start, scan), rules, where, (label_start, scan.end))
    if len(cells) > n:
        ctx.warn("table_row_shape", f"{where}: {len(cells)} values where {n} expected",
                 (label_start, scan.end))
        return None
    if any(not NUM.match(c.text) for c in cells):
        ctx.warn("table_row_shape", f"{where}: {len(cells)} values where {n} expected",
                 (label_start, scan.end))
        return None
    digits = " ".join(c.text for c in cells)
    span = (label_start, scan.end)
    if len(cells) > 1 and any(_CELL_BREAK.search(ctx.text, x.end, y.start) for x, y in zip(cells, cells[1:])):
        # figures on separate lines / between bars are whole cells: fewer of them than
        # columns means empty cells vanished (a crawl), and where they stood is unknown
        # (only the total may be known, see _lost_cells_total)
        tot = _lost_cells_total(ctx, cells, n, total_last, where, span)
        if tot is not None:
            return tot
        ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected (empty cells lost?)", span)
        return None
    signed = set(signed_cols or ())
    raw = read_splits(cells, n, signed=signed)
    if raw.status == "over_budget":
        ctx.warn("ambiguous_split", f"{where}: digits {digits} have too many readings to weigh (work budget spent)", span)
        return ["ambiguous"] * n
    if raw.status != "ok":
        ctx.warn("ambiguous_split", f"{where}: digits {digits} cannot be cut into {n} cells", span)
        return ["ambiguous"] * n
    if raw.count == 1:
        # the digits force the reading: keep its cells; a rule it breaks is a warning, and
        # the total of a broken sum is left out (the printed total contradicts its parts)
        out = [raw.unique(k) for k in range(n)]
        vals = [c[0] for c in out]
        for r in rules:
            if not r.holds(vals):
                ctx.warn("table_row_sum" if r.op == "==" else "table_check",
                         f"{where}: the only reading of {digits} breaks {r.name or 'a rule'} "
                         f"({'+'.join(str(vals[k]) for k in r.left)} {r.op} {'+'.join(str(vals[k]) for k in r.right)})",
                         span)
                if r.op == "==":
                    for k in r.right:
                        out[k] = "ambiguous"
        return out
    res = read_splits(cells, n, rules=rules, bounds=bounds, signed=signed)
    if res.status == "over_budget":
        ctx.warn("ambiguous_split", f"{where}: digits {digits} have too many readings to weigh (work budget spent)", span)
        return ["ambiguous"] * n
    allowed: dict = {}
    disagree: set = set()
    stated: dict = {}
    for col, vals in (prose or {}).items():
        if callable(vals):  # the figures the prose states, found only for a row that needs them
            vals = vals()
        stated[col] = vals
        if not vals:
            continue
        trial = read_splits(cells, n, rules=rules, bounds=bounds, signed=signed, allowed={**allowed, col: vals})
        if trial.status == "ok":
            if res.count > 1:
                res = trial
                allowed[col] = vals
            continue
        if len(vals) != 1 or read_splits(cells, n, signed=signed, allowed={col: vals}).status != "ok":
            continue  # the stated figure is not in these digits: it is about something else
        # the digits can say what the prose says, the table's rules say otherwise
        hard = [r for r in rules if r.name not in soft]
        trial = read_splits(cells, n, rules=hard, bounds=bounds, signed=signed, allowed={**allowed, col: vals})
        if trial.status == "ok" and len(hard) < len(rules):
            names = sorted({r.name for r in rules if r.name in soft})
            ctx.warn("table_check", f"{where}: the prose states {next(iter(vals))}, which reading {digits} "
                     f"gives only against the table's {', '.join(names)} rule; that rule is not used for this table",
                     span)
            if broken is not None:
                broken.update(names)
            res = trial
            allowed[col] = vals
        else:
            disagree.add(col)
    if res.status != "ok":
        ctx.warn("ambiguous_split", f"{where}: no reading of {digits} satisfies the table's rules", span)
        return ["ambiguous"] * n
    out = [res.unique(k) or "ambiguous" for k in range(n)]
    for col in disagree:
        ctx.warn("ambiguous_split", f"{where}: the prose states {sorted(stated[col])} for column {col}, "
                 f"no reading of {digits} the table's rules allow agrees; column left out", span)
        out[col] = "ambiguous"
    amb = [k for k in range(n) if out[k] == "ambiguous" and k not in disagree]
    if amb:
        ctx.warn("ambiguous_split",
                 f"{where}: {res.count} ways to split {digits}; columns {amb} left out", span)
    return out


def _printed_sums(ctx: Ctx, row, rules, where: str, span):
    """A row read as printed whose total contradicts its parts is treated like a reading
    the digits force: the parts are kept, the total is left out (its keys blocked) and a
    ``table_row_sum`` warning says so; the row states two different totals and which
    one is wrong is not known (the gold convention too: g17's 总计 is not scored)."""
    if row is None:
        return None
    vals = [c[0] if isinstance(c, tuple) and isinstance(c[0], Decimal) else None for c in row]
    for r in rules:
        if r.op != "==" or r.holds(vals):
            continue
        ctx.warn("table_row_sum",
                 f"{where}: printed {'+'.join(str(vals[k]) for k in r.left)} ≠ "
                 f"{'+'.join(str(vals[k]) for k in r.right)} ({r.name or 'a sum'}); the total is left out",
                 span)
        for k in r.right:
            row[k] = "ambiguous"
    return row


def _sign_ok(ctx: Ctx, row: list, signed_cols, where, label_start, scan):
    """A sign starts a cell of a signed column (本年增/减) only: a row breaking that is not read."""
    for k, x in enumerate(row):
        if x and isinstance(x[0], Decimal) and x[1].text[:1] in "+-" and not (signed_cols and k in signed_cols):
            ctx.warn("table_check", f"{where}: signed figure {x[1].text} in an unsigned column",
                     (label_start, scan.end))
            return None
    return row


def _single(c: Tok, bool_row: bool):
    if c.text == "" or PLACEHOLDER.match(c.text):
        return None
    if c.text in ("是", "否"):
        return (c.text == "是", Part(c.text, c.start, c.end)) if bool_row else None
    d = to_decimal(c.text)
    if d is None:
        return None
    return (d, Part(c.text, c.start, c.end))


# --------------------------------------------------------------------------- search helpers


def _label_need(row: Row):
    """Literals one of which every match of the row's label regex contains (its most
    selective requirement, see ``regexkit.required``), or None (no cheap test known)."""
    try:
        return _NEEDS[row.pattern]
    except KeyError:
        pass
    from ..regexkit import required as _required

    req = _required(row.pattern)
    need = req[0] if req else None
    if len(_NEEDS) < 4096:
        _NEEDS[row.pattern] = need
    return need


_NEEDS: dict = {}
_UNKNOWN = object()


_STRETCH = 400  # squeezed characters a label pre-filter covers (a table is read in one or two)


def _earliest(ctx: Ctx, rows: list[Row], sq_from: int, sq_to: int):
    """Earliest (longest on ties) label match among ``rows`` in squeezed [from, to).

    A match lies inside [from, to) (lookbehinds require nothing), so a row none of whose
    required literals occurs there cannot match and is not searched. The literals are
    looked for once per stretch of text holding the window, not per window: the rows of
    a table are found one after the other in windows moving a few characters on, and
    ~70 rows × every row read of literal tests was most of the reader's time."""
    best = None
    s = ctx.sq.s
    a, b = max(sq_from, 0), min(max(sq_to, 0), len(s))
    st_a, st_b, stretch = ctx._stretch
    if not (st_a <= a and b <= st_b):
        st_b = max(b, min(a + _STRETCH, len(s)))
        stretch = s[a:st_b]
        ctx._stretch = (a, st_b, stretch)
        ctx._stretch_has = {}
    has = ctx._stretch_has
    for r in rows:
        # (keyed by the pattern text: a label is compiled only when it is searched)
        ok = has.get(r.pattern)  # inline: this loop runs ~70 rows × every row read
        if ok is None:
            need = _NEEDS.get(r.pattern, _UNKNOWN)
            if need is _UNKNOWN:
                need = _label_need(r)
            ok = has[r.pattern] = need is None or any(lit in stretch for lit in need)
        if not ok:
            continue
        m = r.rx.search(s, sq_from, sq_to)
        if m is None:
            continue
        if best is None or m.start() < best[1].start() or (
            m.start() == best[1].start() and m.end() > best[1].end()
        ):
            best = (r, m)
    return best


_CELL_END = regex.compile(
    r"[\s|｜:：\d+\-/／—–―\\*＊※†‡①-⑳(\[]|$|(?:" + "|".join(UNIT_WORDS) + r"|是|否|无|空|注\d)"
)


def _label_ends_cell(ctx: Ctx, sq_end: int) -> bool:
    """A row label is a whole cell: after it comes a separator, a value, a unit, a note."""
    return bool(_CELL_END.match(ctx.text, ctx.sq.orig_end(sq_end)))


def _junk_ok(ctx: Ctx, sq_a: int, sq_b: int, limit: int) -> bool:
    junk = ctx.sq.s[sq_a:sq_b]
    return len(junk) <= limit and "。" not in junk


# --------------------------------------------------------------------------- 表二 (gb)


# unit notes, and any short note in brackets (现行有效件数(历史累计), a pinyin gloss 数(shù)量)
_HEADER_NOISE = regex.compile(r"单位[:：]?(?:万元|千元|亿元|元|件|条|个|项)|\([^()|]{1,12}\)")
_HAN = regex.compile(r"\p{Han}")
_GAP_BREAK = regex.compile(r"\d|第二十条|。")
_DIGIT = regex.compile(r"\d")
# a note in brackets written right after a 表二 column label, inside its cell: no bar,
# no nested bracket, some Chinese in it
_COLUMN_NOTE = regex.compile(r"\((?=[^()|｜]{0,80}\p{Han})[^()|｜]{1,80}\)")


def _delimited(gap: str, cells: list[str]) -> bool:
    """Every unrecognised cell stands between separators in the header text."""
    return all(regex.search(r"[|｜]" + regex.escape(c) + r"[|｜]", gap) for c in cells)


def _unlabelled_cells(gap: str) -> list[str]:
    """表二 header cells in a stretch of header text that no column label matched."""
    return load_lexicon().unlabelled("gb", gap, _HEADER_NOISE)


def _truncated(tpl: Template, h: dict, cells: list[str], at: int, after: Column | None) -> list[Column] | None:
    """Header cells cut short alike (a crawl kept "本年新 | 本年新" of 本年新制作数量 and
    本年新公开数量): the template's columns they stand for when the lexicon reads them one
    way only (:meth:`Lexicon.truncated_columns`) and they sit where the template puts those
    columns: right before the recognised column that follows them, or right after the one
    that precedes them. Otherwise None (the cells stay unrecognised)."""
    order = [c.id for c in tpl.columns]
    ids = load_lexicon().truncated_columns(tpl.name, cells, order)
    if not ids:
        return None
    by_id = {c.id: c for c in tpl.columns}
    cols = [by_id[i] for i in ids]
    if any(c in h["cols"] for c in cols):
        return None
    first, last = order.index(ids[0]), order.index(ids[-1])
    before = h["cols"][at - 1] if at > 0 else None
    if after is None and before is None:
        return None
    if after is not None and (last + 1 >= len(order) or order[last + 1] != after.id):
        return None
    if before is not None and (first == 0 or order[first - 1] != before.id):
        return None
    return cols


def _resolve_header_cells(tpl: Template, h: dict, cells: list[str], at: int, delimited: bool,
                          after: Column | None = None) -> bool:
    """Header cells the labels missed, read through the lexicon (aliases, misspellings,
    bounded fuzzy match) and put in the header at ``at``. A cell not recognised makes the
    header unusable (``h["bad"]``: its table gives no values) unless the header's cells are
    delimited (`a | b | c`): then each cell's place is printed, the cell becomes a column
    with no keys, and a warning names it (``h["unknown"]``)."""
    cut = _truncated(tpl, h, cells, at, after)
    if cut is not None:
        h.setdefault("truncated", []).append((cells, cut))
        h["cols"][at:at] = cut
        h["units"][at:at] = [None] * len(cut)
        return True
    lex = load_lexicon()
    by_id = {c.id: c for c in tpl.columns}
    found = []
    for cell in cells:
        cid, why = lex.match_column(tpl.name, _HEADER_NOISE.sub("", cell))
        col = by_id.get(cid) if cid else None
        if col is not None and col not in h["cols"] and col not in found:
            found.append(col)
            continue
        if delimited and col is None:
            found.append(Column(f"?{cell}", None, ""))
            h.setdefault("unknown", []).append(f"{cell} ({why})")
            continue
        h["bad"] = f"{cell} ({why or 'repeated column'})"
        return False
    h["cols"][at:at] = found
    h["units"][at:at] = [None] * len(found)
    return True


def read_header_rows(ctx: Ctx, tpl: Template):
    s = ctx.sq.s
    col_rx = _rx("|".join(f"(?P<c{i}>{c.pattern})" for i, c in enumerate(tpl.columns)))
    # headers: runs of column labels with little in between; what lies between two labels
    # of one header, or between 信息内容 and the first, must be a header cell too (a label,
    # or a lexicon entry): a cell not recognised would shift every column after it
    headers = []
    for m in col_rx.finditer(s):
        ci = int(m.lastgroup[1:])
        h = headers[-1] if headers else None
        gap = s[h["end"]:m.start()] if h else ""
        # a gap holding a row and its figures, or the 信息内容 that opens a header, ends
        # the header even when short (a one-row table right before the next header)
        if h and len(h["cols"]) < 4 and tpl.columns[ci] not in h["cols"] and "信息内容" not in gap and (
                (len(gap) <= 14 and not (_DIGIT.search(gap) and _earliest(ctx, tpl.rows, h["end"], m.start())))
                or (len(gap) <= 30 and not _GAP_BREAK.search(gap)
                    and _earliest(ctx, tpl.rows, h["end"], m.start()) is None)):
            cells = _unlabelled_cells(gap)
            if cells and "bad" not in h:
                _resolve_header_cells(tpl, h, cells, len(h["cols"]), _delimited(gap, cells),
                                      after=tpl.columns[ci])
        else:
            h = {"start": m.start(), "cols": [], "units": [], "end": m.end()}
            headers.append(h)
            back = s[max(0, m.start() - 30):m.start()]
            k = back.rfind("信息内容")
            if k >= 0:
                cells = _unlabelled_cells(back[k:])
                if cells:
                    _resolve_header_cells(tpl, h, cells, 0, _delimited(back[k:], cells),
                                          after=tpl.columns[ci])
        unit = None
        um = _UNIT_PAREN.match(s[m.end():m.end() + 12])
        end = m.end()
        if um:
            unit = um.group(1)
            end += um.end()
        else:
            # a note in brackets right after the column's label is part of its cell
            # (上一年项目数量(指2019年事项数), 本年增/减(…减用负值表示,如-8)): read past it
            nm = _COLUMN_NOTE.match(s, end)
            if nm:
                u = _UNIT_NOTE.search(nm.group())
                unit = (u.group(1) or u.group(2)) if u else None
                end = nm.end()
        h["cols"].append(tpl.columns[ci])
        h["units"].append(unit)
        h["end"] = end
    for hi, h in enumerate(headers):
        nxt = headers[hi + 1]["start"] if hi + 1 < len(headers) else len(s)
        if "bad" not in h:
            # cells after the last label, before the first row
            first = _earliest(ctx, tpl.rows, h["end"], min(nxt, h["end"] + 40))
            if first is not None and _junk_ok(ctx, h["end"], first[1].start(), 30):
                gap = s[h["end"]:first[1].start()]
                cells = _unlabelled_cells(gap)
                if cells:
                    _resolve_header_cells(tpl, h, cells, len(h["cols"]), _delimited(gap, cells))
        for cells, cut in h.get("truncated", ()) if "bad" not in h else ():
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_truncated", f"表二: header cells {' | '.join(cells)} are cut short; read as "
                     f"{', '.join(c.id for c in cut)}, the only template columns they begin, in the template's order",
                     (a, ctx.sq.orig_end(h["end"])))
        if "unknown" in h and "bad" not in h:
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_unrecognised", f"表二: header cell {'; '.join(h['unknown'])} is no known column; "
                     "its figures are not read", (a, ctx.sq.orig_end(h["end"])))
        if "bad" in h:
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_unrecognised", f"表二: header cell {h['bad']} is no known column; the table is not read",
                     (a, ctx.sq.orig_end(h["end"])))
            ctx.spans.append((a, ctx.sq.orig_end(h["end"])))
            continue
        cols = h["cols"]
        eras = {c.template for c in cols if c.template}
        era = eras.pop() if len(eras) == 1 else "gb"
        n = len(cols)
        pos = h["end"]
        done = set()
        while True:
            hit = _earliest(ctx, [r for r in tpl.rows if r.index not in done], pos, min(nxt, pos + 40))
            if hit is None:
                break
            row, m = hit
            if not _junk_ok(ctx, pos, m.start(), 30):
                break
            done.add(row.index)
            a = ctx.sq.orig_start(m.start())
            le = ctx.sq.orig_end(m.end())
            scan = scan_values(ctx.text, le)
            prose = {}
            for k, c in enumerate(cols):
                cues = row.prose.get(c.id)
                if cues:
                    prose[k] = lambda cues=cues: ctx.prose_values(cues)
            res = resolve_row(ctx, scan, n, rules=_t2_rules(cols), prose=prose,
                              where=f"表二 {s[m.start():m.end()]}", label_start=a,
                              signed_cols={k for k, c in enumerate(cols) if c.signed})
            end = max(scan.end, le)
            ctx.spans.append((a, end))
            pos = max(ctx.sq.sq_pos(end), m.end())
            if res is None:
                continue
            for k, c in enumerate(cols):
                keys = row.keys.get(c.id, [])
                if not keys:
                    continue
                cell = res[k]
                if cell == "ambiguous":
                    ctx.out.blocked_keys.update(keys)
                    continue
                if cell is None:
                    continue
                d, part = cell
                unit = h["units"][k] or scan.unit
                if c.money:
                    unit_eff = unit or "元"
                    if unit is None and d != 0:
                        ctx.warn("unit_assumed", f"{keys[0]}: no unit printed, read as 元", (a, part.end))
                    val = cell_value(part.text, money=True, mult=MONEY_MULT.get(unit_eff, Decimal(1)))
                else:
                    val = cell_value(part.text, signed=c.signed)
                    unit = unit or ("件" if era == "gb2021" and c.id in ("issued", "abolished", "in_force") else unit)
                for key in keys:
                    ctx.emit(key, val, unit, part.text, a, part.end, era)


def _t2_rules(cols) -> list:
    """gb2021 第二十条第(一)项: what was issued this year and not abolished is in force,
    so 本年制发 ≤ 本年废止 + 现行有效."""
    at = {c.id: k for k, c in enumerate(cols)}
    if all(x in at for x in ("issued", "abolished", "in_force")):
        return [Rule((at["issued"],), (at["abolished"], at["in_force"]), "<=", "制发 ≤ 废止 + 现行有效")]
    return []


# --------------------------------------------------------------------------- 表三


def _t3_validator(n: int, subtotal_at: int | None, natural_at: int = 0):
    """总计 (the last column) = 自然人 + the 法人或其他组织 columns; with a 小计 column,
    小计 = the 法人 columns and 总计 = 自然人 + 小计."""
    def ok(vals):
        if any(v is None or not isinstance(v, Decimal) for v in vals):
            return True
        if subtotal_at is None:
            return vals[n - 1] == sum(vals[: n - 1])
        legal = [v for i, v in enumerate(vals[:n - 1]) if i not in (subtotal_at, natural_at)]
        return vals[subtotal_at] == sum(legal) and vals[n - 1] == vals[natural_at] + vals[subtotal_at]
    return ok


def _t3_rules(n: int, subtotal_at: int | None, natural_at: int = 0) -> list:
    """The sums of :func:`_t3_validator` as split rules."""
    if subtotal_at is None:
        return [Rule(tuple(range(n - 1)), (n - 1,), "==", "总计 = sum of the row")]
    legal = tuple(i for i in range(n - 1) if i not in (subtotal_at, natural_at))
    return [Rule(legal, (subtotal_at,), "==", "小计 = 法人或其他组织"),
            Rule((natural_at, subtotal_at), (n - 1,), "==", "总计 = 自然人 + 小计")]


def _t3_header(tpl: Template, back: str) -> str | None:
    """The run of 表三 header cells right before the first row (None when there is none)."""
    rx = _header_run_rx(tpl)
    if rx is None:
        return None
    last = None
    for m in rx.finditer(back):
        last = m
    if last is None or len(back) - last.end() > 12 or "自然人" not in last.group():
        return None
    return last.group()


def _t3_unrecognised(tpl: Template, back: str) -> str | None:
    """What of a 表三 header (the text before its first row, from 自然人 on) no header
    word names, or None when the header is all known (or there is no 自然人 header)."""
    k = back.rfind("自然人")
    if k < 0:
        return None
    run = _t3_header(tpl, back)
    if run is None:
        return repr(back[max(0, k - 20):][:80])
    tail = back[back.rfind(run) + len(run):]
    cells = load_lexicon().unlabelled("applications", tail)
    return repr("|".join(cells)) if cells else None


def _t3_columns(tpl: Template, back: str):
    """Column ids of a 表三 in the order printed, or None when no header is found.

    The national template prints 自然人 | 法人或其他组织 (商业企业 … 其他 [| 小计]) | 总计;
    some tables put the 法人或其他组织 block first and 自然人 after it (the heads then
    come before 自然人 in reading order, whatever the number of header rows)."""
    k = back.rfind("自然人")
    if k < 0:
        return None
    run = _t3_header(tpl, back)
    header = run if run is not None else back[k:]
    col_ids = list(tpl.raw["columns"])
    if tpl.raw.get("subtotal_label") and _rx(tpl.raw["subtotal_label"]).search(header):
        col_ids = col_ids[:-1] + ["subtotal", col_ids[-1]]
    if run is not None:
        np_pos = run.find("自然人")
        legal = [run.find(w) for w in tpl.raw.get("legal_heads") or []]
        if any(0 <= p < np_pos for p in legal):
            col_ids.remove("natural_person")
            col_ids.insert(len(col_ids) - 1, "natural_person")
    return col_ids


def read_fixed_columns(ctx: Ctx, tpl: Template):
    s = ctx.sq.s
    first = tpl.rows[0]
    for am in first.rx.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(am.start())):
            continue
        back = s[max(0, am.start() - 400):am.start()]
        bad = _t3_unrecognised(tpl, back)
        if bad is not None:
            # a header naming 自然人 whose cells the template does not all know: which
            # column is which cannot be told, and column position is no answer
            a = ctx.sq.orig_start(am.start())
            ctx.warn("header_unrecognised", f"表三: header {bad} is not the template's; the table is not read",
                     (a, ctx.sq.orig_end(am.end())))
            continue
        col_ids = _t3_columns(tpl, back)
        if col_ids is None:
            continue
        n = len(col_ids)
        subtotal_at = col_ids.index("subtotal") if "subtotal" in col_ids else None
        natural_at = col_ids.index("natural_person")
        readings: dict[str, RowReading] = {}
        pos = am.start()
        last = -1
        era = "gb2019"
        rep_head = _header_run_rx(tpl)
        while True:
            # a table split over pages repeats its header rows: skip them
            if rep_head is not None:
                hm = rep_head.match(s, pos)
                if hm is not None:
                    pos = hm.end()
            hit = _earliest(ctx, [r for r in tpl.rows if r.index > last], pos, pos + 120)
            if hit is None:
                break
            row, m = hit
            if not _junk_ok(ctx, pos, m.start(), 40):
                break
            last = row.index
            a = ctx.sq.orig_start(m.start())
            le = ctx.sq.orig_end(m.end())
            scan = scan_values(ctx.text, le)
            if row.group == "other":
                era = "gb2021"
            res = resolve_row(ctx, scan, n, rules=_t3_rules(n, subtotal_at, natural_at),
                              where=f"表三 {s[m.start():m.end()]}", label_start=a,
                              total_last="sum" if subtotal_at is None else "pair")
            end = max(scan.end, le)
            ctx.spans.append((ctx.sq.orig_start(am.start()), end))
            pos = max(ctx.sq.sq_pos(end), m.end())
            if res is None:
                continue
            if row.is_parent and all(c is None for c in res):
                continue
            readings[row.id] = RowReading(row, a, le, res, scan.unit)
        for rid, rr in readings.items():
            for k, cid in enumerate(col_ids):
                keys = rr.row.keys.get(cid, [])
                if not keys:
                    continue
                cell = rr.cells[k]
                if cell == "ambiguous":
                    ctx.out.blocked_keys.update(keys)
                    continue
                if cell is None:
                    continue
                val = cell_value(cell[1].text)
                for key in keys:
                    ctx.emit(key, val, "件", cell[1].text, rr.label_start, cell[1].end, "applications:" + era)
        _check_t3(ctx, readings, col_ids, n, subtotal_at, era, natural_at)


def _header_run_rx(tpl: Template):
    words = tpl.raw.get("header_words")
    if not words:
        return None
    alt = "|".join(f"(?:{w})" for w in words)
    # three or more header cells in a row (possibly after a 续表 mark / page number)
    return _rx(rf"(?:[|｜]*(?:续表\d*|第\d+页|-\d+-)?[|｜]*)(?:[|｜]*(?:{alt})[|｜]*){{3,}}")


def _cell_num(rr: RowReading | None, k: int):
    if rr is None:
        return None
    c = rr.cells[k]
    if c is None or c == "ambiguous":
        return None
    return c[0] if isinstance(c[0], Decimal) else None


def _check_t3(ctx: Ctx, readings: dict, col_ids: list, n: int, subtotal_at, era: str, natural_at: int = 0):
    tot = n - 1
    # each row: 总计 = sum of the applicant columns (only where every cell was read as printed)
    for rid, rr in readings.items():
        vals = [_cell_num(rr, k) for k in range(n)]
        if any(v is None for v in vals):
            continue
        if not _t3_validator(n, subtotal_at, natural_at)(vals):
            ctx.warn("table_row_sum",
                     f"表三 {ctx.text[rr.label_start:rr.label_end]}: 总计 {vals[tot]} ≠ sum of the row {sum(vals[:tot]) if subtotal_at is None else vals[natural_at] + vals[subtotal_at]}",
                     (rr.label_start, rr.label_end))
    # 一 + 二 = 三(七)总计 + 四, column by column
    need = ["received", "carried_over", "total", "carried_forward"]
    if all(r in readings for r in need):
        for k in range(n):
            v = [_cell_num(readings[r], k) for r in need]
            if any(x is None for x in v):
                continue
            if v[0] + v[1] != v[2] + v[3]:
                rr = readings["received"]
                ctx.warn("table_balance",
                         f"表三 column {col_ids[k]}: 本年新收 {v[0]} + 上年结转 {v[1]} ≠ 总计 {v[2]} + 结转下年度 {v[3]}",
                         (rr.label_start, readings["carried_forward"].label_end))
    # the outcome rows add up to (七)总计
    if "total" in readings:
        parts, complete = Decimal(0), True
        groups: dict[str, list] = {}
        for rid, rr in readings.items():
            if rr.row.group:
                groups.setdefault(rr.row.group, []).append(rr)
        for rr in groups.get("outcome", []):
            subs = groups.get(rr.row.id, [])
            src = subs if subs else [rr]
            for x in src:
                v = _cell_num(x, tot)
                if v is None:
                    complete = False
                else:
                    parts += v
        for gid in ("refused", "unable", "not_processed", "other"):
            if gid in groups and gid not in {r.row.id for r in groups.get("outcome", [])}:
                for x in groups[gid]:
                    v = _cell_num(x, tot)
                    if v is None:
                        complete = False
                    else:
                        parts += v
        stated = _cell_num(readings["total"], tot)
        if complete and stated is not None and len(groups.get("outcome", [])) >= 2 and parts != stated:
            rr = readings["total"]
            ctx.warn("table_outcome_sum", f"表三: the outcome rows add up to {parts}, (七)总计 says {stated}",
                     (rr.label_start, rr.label_end))


# --------------------------------------------------------------------------- 表四


def _t4_rules() -> list:
    """表四: in each of the three groups of five the fifth cell (总计) is the sum of the four."""
    return [Rule(tuple(range(g * 5, g * 5 + 4)), (g * 5 + 4,), "==", "表四 总计 = sum of the group")
            for g in range(3)]


def read_transposed(ctx: Ctx, tpl: Template):
    """表四 printed with the results as rows (结果维持 | a | b | c …) and the three
    routes (行政复议 / 未经复议直接起诉 / 复议后起诉) as columns."""
    s = ctx.sq.s
    raw = tpl.raw
    groups = raw["groups"]
    results = raw.get("result_rows")
    if not results:
        return
    col_rx = [_rx(c) for c in raw["route_columns"]]
    head = _rx(
        r"(?P<h>(?:[|｜]*(?:行政复议|行政诉讼|未经复议直接起诉|复议后起诉)[|｜]*){3,5})(?=(?:" + results[0] + r"))")
    for hm in head.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(hm.start())):
            continue
        htxt = hm.group("h")
        # the order of the three routes in the header; 行政诉讼 is a spanning head
        order = []
        for m in _ROUTES.finditer(htxt):
            g = next(k for k, rx in enumerate(col_rx) if rx.fullmatch(m.group()))
            if g not in order:
                order.append(g)
        if sorted(order) != [0, 1, 2]:
            continue
        a = ctx.sq.orig_start(hm.start())
        pos = hm.end()
        rows = []
        ok = True
        for r, lab in enumerate(results):
            m = _rx(r"[|｜]*(?:" + lab + r")").match(s, pos)
            if m is None:
                ok = False
                break
            le = ctx.sq.orig_end(m.end())
            scan = scan_values(ctx.text, le)
            res = resolve_row(ctx, scan, 3, where=f"表四 {lab}", label_start=ctx.sq.orig_start(m.start()))
            if res is None or any(c == "ambiguous" for c in res) or (scan.pipe is False and len(scan.cells) != 3):
                ok = False
                break
            rows.append((res, ctx.sq.orig_start(m.start())))
            pos = max(ctx.sq.sq_pos(max(scan.end, le)), m.end())
        if ok and not any(c is not None for res, _ in rows for c in res):
            # the result heads are cells of one header row (the 15-column layout:
            # 结果维持 | 结果纠正 | … after the route heads), not rows: read_flat_row's
            continue
        if not ok:
            # a shape we cannot read with certainty: nothing, and say so
            ctx.warn("table_row_shape", "表四 (results as rows): rows could not be read", (a, a + len(htxt)))
            ctx.spans.append((a, ctx.sq.orig_end(pos)))
            for g in groups:
                ctx.out.blocked_keys.update(g)
            continue
        ctx.spans.append((a, ctx.sq.orig_end(pos)))
        # a route whose printed 总计 contradicts its four results: the results are kept,
        # the total is left out (as in a printed or forced row, see _printed_sums)
        bad_total = set()
        for c, g in enumerate(order):
            vals = [rows[r][0][c][0] if rows[r][0][c] is not None else None for r in range(5)]
            if all(isinstance(v, Decimal) for v in vals) and vals[4] != sum(vals[:4]):
                ctx.warn("table_row_sum", f"表四 {groups[g][4]}: 总计 {vals[4]} ≠ {'+'.join(str(v) for v in vals[:4])}; "
                         "the total is left out", (a, ctx.sq.orig_end(pos)))
                bad_total.add(c)
                ctx.out.blocked_keys.add(groups[g][4])
        for r, (res, la) in enumerate(rows):
            for c, g in enumerate(order):
                cell = res[c]
                if cell is None or (r == 4 and c in bad_total):
                    continue
                ctx.emit(groups[g][r], cell_value(cell[1].text), "件", cell[1].text, la, cell[1].end, "litigation")


def _t4_header_order(raw: dict, head: str) -> str | None:
    """What is wrong with a flat 表四 header (None when the routes come in the order of
    ``groups`` and each route has its five result heads in the order of ``result_rows``)."""
    routes = [m.group() for m in _ROUTES.finditer(head)]
    order = [r for k, r in enumerate(routes) if r not in routes[:k]]
    if order != list(raw["route_columns"]):
        return f"routes in the order {order}"
    results = raw["result_rows"]
    found = regex.findall("|".join(f"(?:{r})" for r in results), head)
    if found != list(results) * len(raw["groups"]):
        return f"result heads {'|'.join(found)}"
    return None


def read_flat_row(ctx: Ctx, tpl: Template):
    read_transposed(ctx, tpl)
    s = ctx.sq.s
    raw = tpl.raw
    head_rx = _rx("|".join(f"(?:{h})" for h in raw["header_labels"]))
    req = _rx(raw["required_header"][0])
    groups = raw["groups"]
    n = sum(len(g) for g in groups)
    for am in req.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(am.start())):
            continue
        back = s[max(0, am.start() - 80):am.start()]
        if raw["anchor"] not in back:
            continue
        pos = am.end()
        while True:
            # empty cells between the heads (merged cells of the 3-row header) are bars
            # only; after the last head they may be empty value cells: pos stays before them
            p = pos
            while p < len(s) and s[p] in "|｜":
                p += 1
            m = head_rx.match(s, p)
            if m is None:
                # allow one short junk cell (e.g. "数量")
                m2 = head_rx.search(s, p, p + 16)
                if m2 is None or m2.start() > p + 3:
                    break
                m = m2
            pos = m.end()
        a_sq = s.rfind(raw["anchor"], 0, am.start())
        a = ctx.sq.orig_start(a_sq)
        le = ctx.sq.orig_end(pos)
        scan = scan_values(ctx.text, le)
        if not scan.cells:
            continue
        bad = _t4_header_order(raw, s[a_sq:pos])
        if bad:
            # the 15 figures are assigned by the header's order: a header in another order
            # (or with heads missing) is not the template's, and position is no answer
            ctx.warn("header_unrecognised", f"表四: {bad}; the row is not read", (a, le))
            ctx.spans.append((a, max(scan.end, le)))
            continue
        res = resolve_row(ctx, scan, n, rules=_t4_rules() if n == 15 else (), where="表四", label_start=a)
        ctx.spans.append((a, max(scan.end, le)))
        if res is None:
            continue
        flat_keys = [k for g in groups for k in g]
        for k, key in enumerate(flat_keys):
            cell = res[k]
            if cell == "ambiguous":
                ctx.out.blocked_keys.add(key)
                continue
            if cell is None:
                continue
            ctx.emit(key, cell_value(cell[1].text), "件", cell[1].text, a, cell[1].end, "litigation")
        vals = [c[0] if c not in (None, "ambiguous") else None for c in res]
        if not all(c != "ambiguous" for c in res):
            continue
        for g in range(3):
            grp = vals[g * 5:(g + 1) * 5]
            if all(isinstance(v, Decimal) for v in grp) and grp[4] != sum(grp[:4]):
                ctx.warn("table_row_sum",
                         f"表四 {groups[g][4]}: 总计 {grp[4]} ≠ {grp[0]}+{grp[1]}+{grp[2]}+{grp[3]}",
                         (a, scan.end))


# --------------------------------------------------------------------------- old 统计表


def read_old(ctx: Ctx, tpl: Template):
    s = ctx.sq.s
    head_rx = _rx("|".join(f"(?:{h})" for h in tpl.raw["header"]))
    second = tpl.raw.get("second_column")
    for hm in head_rx.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(hm.start())):
            continue
        # the header row: up to the first row label (a 累计 inside a row label is no column)
        first_row = _earliest(ctx, tpl.rows, hm.end(), hm.end() + 60)
        window = s[hm.end():first_row[1].start() if first_row else hm.end() + 60]
        n = 2 if second and _rx(second).search(window) else 1
        if first_row is not None and "。" not in window:
            cells = load_lexicon().unlabelled("old", window)
            if cells:
                # a value column the header names but the template does not know (上年数,
                # 同比 …): the figures of a row cannot be told apart by position
                a = ctx.sq.orig_start(hm.start())
                ctx.warn("header_unrecognised",
                         f"统计表: header cell {'|'.join(cells)!r} is no known column; the table is not read",
                         (a, ctx.sq.orig_end(first_row[1].start())))
                continue
        pos = hm.end()
        scope = None
        done: set = set()
        resolved: dict[str, list] = {}
        # rules of this table a prose-confirmed reading showed broken (年度 ≤ 历年累计 in a
        # table whose 累计 column was filled with zeros): they no longer choose splits
        broken: set = set()
        readings: list[tuple[Row, str, RowReading]] = []
        t_start = ctx.sq.orig_start(hm.start())
        # a 序号 column before 统计指标: in a stream (one cell per line) the next row's
        # number follows a row's figures (…条 | 1058 | 2 | 其中…)
        indexed = "序号" in s[max(0, hm.start() - 6):hm.start()]
        cur_index = None
        cand_rows = None  # the rows not done in the current scope (rebuilt when the scope changes)
        while True:
            if cand_rows is None:
                cand_rows = [r for r in tpl.rows if (r.index, scope if r.scoped else None) not in done]
            hit = _earliest(ctx, cand_rows, pos, pos + 150)
            if hit is None:
                break
            row, m = hit
            if not _junk_ok(ctx, pos, m.start(), 80):
                break
            if not _label_ends_cell(ctx, m.end()):
                # the label is the head of a longer phrase (a heading "五、行政复议、行政诉讼情况",
                # a note): not this row; look further on
                pos = m.end()
                continue
            done.add((row.index, scope if row.scoped else None))
            cand_rows = [r for r in cand_rows if r is not row]
            if row.scope is not None:
                scope = None if row.scope == "none" else row.scope
                cand_rows = None
            key = row.keys.get("", [None])[0] if row.keys.get("") else None
            if row.scoped:
                key = row.scoped.get(scope) if scope else None
            a = ctx.sq.orig_start(m.start())
            le = ctx.sq.orig_end(m.end())
            if row.text:
                pos = m.end()
                continue
            if indexed:
                jm = _INDEX_JUNK.search(s, pos, m.start())
                if jm:
                    cur_index = int(jm.group(1))
            scan = scan_values(ctx.text, le, lead_unit=True)
            index_blocked = False
            if indexed and not scan.pipe and scan.cells:
                last_tok = scan.cells[-1]
                nxt = (cur_index + 1) if cur_index is not None else None
                if len(scan.cells) == n + 1 and _INDEX_TOK.fullmatch(last_tok.text) and int(last_tok.text) == nxt:
                    # the next row's 序号, not a figure of this row
                    scan = Scan(scan.cells[:-1], scan.cells[-2].end, False, scan.unit)
                    cur_index = nxt
                elif nxt is not None and last_tok.text == str(nxt):
                    # a figure equal to the next row's 序号: a blank cell followed by the
                    # number, or the figure itself; which is not certain
                    index_blocked = True
            rules = []
            if n == 2 and "cumulative" not in broken:
                rules.append(Rule((0,), (1,), "<=", "cumulative"))
            bounds = None
            if row.parent and row.parent in resolved:
                pv = resolved[row.parent]
                bounds = {k: pv[k] for k in range(n) if isinstance(pv[k], Decimal)}
            prose = {}
            if row.prose.get(""):
                prose[0] = lambda cues=row.prose[""]: ctx.prose_values(cues)
            res = resolve_row(ctx, scan, n, rules=rules, bounds=bounds, prose=prose,
                              soft=("cumulative",), broken=broken,
                              where=f"统计表 {s[m.start():m.end()]}", label_start=a, bool_row=row.bool_)
            end = max(scan.end, le)
            ctx.spans.append((t_start, end))
            pos = max(ctx.sq.sq_pos(end), m.end())
            if res is None:
                continue
            if index_blocked:
                res = ["ambiguous"] * n
                cur_index = (cur_index or 0) + 1
            if key:
                resolved[key] = [c[0] if c not in (None, "ambiguous") else None for c in res]
            cell = res[0]
            rr = RowReading(row, a, le, res, scan.unit)
            readings.append((row, key, rr))
            if not key:
                continue
            if cell == "ambiguous":
                ctx.out.blocked_keys.add(key)
                continue
            if cell is None:
                continue
            if row.bool_:
                if isinstance(cell[0], bool):
                    ctx.emit(key, cell[0], scan.unit, cell[1].text, a, cell[1].end, "old")
                continue
            if row.money:
                unit = scan.unit or "元"
                val = cell_value(cell[1].text, money=True, mult=MONEY_MULT.get(unit, Decimal(1)))
            else:
                if scan.unit in MONEY_MULT:
                    continue
                val = cell_value(cell[1].text)
            ctx.emit(key, val, scan.unit, cell[1].text, a, cell[1].end, "old")
        _check_old(ctx, readings)


def _check_old(ctx: Ctx, readings):
    by_key = {k: rr for row, k, rr in readings if k}
    # a channel / sub-row never exceeds its parent row
    for row, key, rr in readings:
        if not row.parent or row.parent not in by_key:
            continue
        v, p = _cell_num(rr, 0), _cell_num(by_key[row.parent], 0)
        if v is not None and p is not None and v > p:
            ctx.warn("table_channel", f"统计表: {key or ctx.text[rr.label_start:rr.label_end]} {v} exceeds {row.parent} {p}",
                     (rr.label_start, rr.label_end))
    # application channels add up to the applications received
    chans = [rr for row, key, rr in readings if row.channel == "applications"]
    total = by_key.get("applications.received")
    if chans and total is not None:
        vals = [_cell_num(rr, 0) for rr in chans]
        t = _cell_num(total, 0)
        if t is not None and all(v is not None for v in vals) and sum(vals) != t:
            ctx.warn("table_channel_sum", f"统计表: application channels add up to {sum(vals)}, total says {t}",
                     (total.label_start, chans[-1].label_end))


# --------------------------------------------------------------------------- entry


def read_stat_tables(doc, seg=None) -> Findings:
    ctx = Ctx(doc)
    if not doc.text:
        return ctx.out
    tpls = load_templates()
    for kind, reader in (("fixed_columns", read_fixed_columns), ("flat_row", read_flat_row),
                         ("header_rows", read_header_rows), ("old", read_old)):
        t = tpls.get(kind)
        if t is not None:
            reader(ctx, t)
    # a key both read and blocked (two tables, one ambiguous): keep the reading
    return ctx.out
