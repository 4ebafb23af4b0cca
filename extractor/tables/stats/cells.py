"""The value cells after a statistics-table row label: where they are, what they say.

``scan_values(text, pos)`` reads the cells written after a label ending at ``pos``
(a ``|`` row, whitespace-separated figures, one cell a line with blank lines kept as blank
cells) into a :class:`Scan`; ``cell_value`` turns one cell's text into its value (a
number, money in 元 times the unit, 是/否) or None. Unit words and the unit note
written after a label (``UNIT_NOTE``) are shared with the table readers.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

import regex

from ...numbers import COUNT_UNITS
from ...numbers_data import BLANK_CELL, TABLE_MONEY_SCALE as MONEY_MULT, TABLE_UNIT_WORDS as UNIT_WORDS
from ..split import NUM, PLACEHOLDER, Tok, to_decimal
from ..templates import load_lexicon


def reader_words() -> dict:
    """The word lists of the statistics-table readers (patterns/tables/labels.yaml ``reader_words``)."""
    return load_lexicon().raw["reader_words"]


# a scale written after a cell's figure without 元 (2601.953875万 under 采购总金额): in a
# money column it is 万元 / 亿元; a count column does not read it (see cell_reading)
CELL_SCALE = dict(reader_words()["cell_scale"])
# the measure words a count cell may print after its figure (「40宗」, 「3件」, 「12人次」): the
# count words of the numbers lexicon (patterns/numbers.yaml, through numbers.py)
_COUNT_WORDS = [w for w in COUNT_UNITS if w not in MONEY_MULT]
# a scale or measure word ends the cell (万州区 after a stream cell is no unit); a money
# unit is read wherever it stands, as before
_CELL_END_AHEAD = r"(?=[\s|｜]|$)"
_CELL_UNIT_ALT = ("|".join(map(regex.escape, sorted(MONEY_MULT, key=len, reverse=True)))
                  + f"|(?:[{''.join(CELL_SCALE)}]|" + "|".join(map(regex.escape, _COUNT_WORDS)) + f"){_CELL_END_AHEAD}")
_CELL_UNIT = regex.compile(_CELL_UNIT_ALT)
_COUNT_SET = frozenset(_COUNT_WORDS)
_SEP = regex.compile(r"[ \t\r\n|｜]*")
_NOTE = regex.compile(r"\((?=[^()]{0,150}\p{Han})[^()]{0,150}\)")
_NL = regex.compile(r"\n")     # the line and bar offsets of a Ctx: compiled once (issue 11)
_BAR = regex.compile(r"\|")
# a unit note after a row label, 「(单位:万元)」 / 「(件)」: the table's measure words (UNIT_WORDS)
_UNIT_ALT = "|".join(map(regex.escape, UNIT_WORDS))
UNIT_NOTE = regex.compile(rf"单位[:：]?\s*({_UNIT_ALT})|^\(\s*({_UNIT_ALT})\s*\)$")
# footnote marks after a label: 行政规范性文件①, 专项经费(万元)*, 规章注1
_FOOTNOTE = regex.compile(r"[*＊※†‡]+|[①-⑳]|注\d(?!\d)|\[\d\]")
# a sign may be written as a word in the 本年增/减 column ("减4" = -4, "增3" = +3): one
# character each, so the cell's text keeps its length and offsets (see _SIGN_WORDS)
_TOKEN = regex.compile(
    rf"(?P<num>(?:[+-]|[{''.join(reader_words()['sign_words'])}](?=\d))?(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?)"
    rf"(?P<unit>{_CELL_UNIT_ALT})?"
    rf"|(?P<ph>{BLANK_CELL})(?=[\s|｜]|$)"
    r"|(?P<bool>是|否)(?=[\s|｜]|$|\p{Han})"
)
_SIGN_WORDS = str.maketrans(reader_words()["sign_words"])
_LEAD_UNIT = regex.compile(r"(?:是/否|" + "|".join(UNIT_WORDS) + r"|—+|-)(?=[\s|｜\d/—\-]|$|[是否无空])")
# the next row's numbering right after a figure: 「…0000002.其他」, or 「条 0 4. 网上申请数」 with
# a space after the dot
_NUMBERING_AFTER = regex.compile(r"[.、．](?=[^\d\s])|\.[ \t](?=[^\d\s|｜])")
_LABEL_GAP = regex.compile(r"[ \t:：]*")
_DATE_MARK = regex.compile(r"[年月日号%％]")
# a digit run ending in a year (19xx/20xx) right before 年: (cell digits before it, the year)
_YEAR_AFTER = regex.compile(r"(\d*?)((?:19|20)\d\d)")
_SENTENCE_END = regex.compile(r"[。；;！？]")
_REST_BLANK = regex.compile(r"[ \t\r\f\v\u3000]*\n")
_INDENT = regex.compile(r"[ \t\u3000]*")
# a figure behind a sign the cell grammar does not read: doubled (--253, +-3)
_MANGLED_SIGN = regex.compile(r"[+\-−－–]{2,}\s?\d")
# (the hot matches below pass ``concurrent`` False positionally: ~30,000 calls a pass of the
# dev texts, which the ``regex`` module would each run with the GIL released and taken back
# for every allocation - a worker has one thread; as ``regexkit.lazy`` does)


@dataclass
class Scan:
    cells: list[Tok]          # value cells (pipe mode: includes empty cells)
    end: int                  # offset in doc.text after the last value read
    pipe: bool = False
    unit: str | None = None
    # one cell a line with blank cells kept as empty lines (a bar stream, see
    # load/textables): leading blanks are cells too, only trailing ones may be cut
    stream: bool = False
    # the scan stopped at a cell it cannot read whose text is a figure with a mangled sign
    # (「253 | --253 | 0」 in 本年增/减): the row goes on, so its first cells are no
    # run-together digits to split (rows.resolve_row)
    cut: bool = False


def scan_values(text: str, pos: int, *, lead_unit: bool = False) -> Scan:
    """Read the value cells written after a row label that ends at ``pos``."""
    i = pos
    unit = None
    # bracketed filling notes after the label, "(单位:万元)"
    while True:
        m = _LABEL_GAP.match(text, i, None, False)
        j = m.end()
        m = _NOTE.match(text, j, None, False) or _FOOTNOTE.match(text, j, None, False)
        if not m:
            break
        u = UNIT_NOTE.search(m.group())
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
        self.nl = [m.start() for m in _NL.finditer(text)]
        self.bar = [m.start() for m in _BAR.finditer(text)]
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
                if m.group("unit") in MONEY_MULT:   # (a bare 万 is the cell's own: cell_reading)
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
    cut = False
    n = len(text)
    while i < n:
        m = _SEP.match(text, i, None, False)
        j = m.end()
        blanks = 0 if (lead_unit and first) else _blank_lines(text[i:j])
        if blanks:
            # empty lines between cells written one a line are blank cells; after the
            # row's last figure they are its trailing blanks (cut to the columns later)
            if _TOKEN.match(text, j, None, False) is None and not cells:
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
        m = _TOKEN.match(text, j, None, False)
        if not m:
            cut = bool(cells) and _MANGLED_SIGN.match(text, j) is not None
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
            if m.group("unit") in MONEY_MULT:   # (a bare 万 is the cell's own: cell_reading)
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
    return Scan(cells, end, stream, unit, stream=stream, cut=cut)


def cell_value(tok_text: str, *, money: bool = False, signed: bool = False, boolean: bool = False,
               mult: Decimal = Decimal(1)):
    """Value of one cell, or None when it states nothing (or is not a valid value)."""
    s = tok_text.strip()
    if not s or PLACEHOLDER.match(s, None, None, False):
        return None
    if boolean:
        return {"是": True, "否": False}.get(s)
    m = NUM.match(s, None, None, False)
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


@dataclass
class CellReading:
    """One value cell read in its column: ``value`` (None: no value), the ``unit`` it is in,
    ``assumed`` when no unit was printed anywhere (money read as 元), ``conflict`` saying
    why a unit written in the cell rules the value out."""

    value: object
    unit: str | None = None
    assumed: bool = False
    conflict: str | None = None
    end: int = 0             # offset after the cell's figure and the unit written in it


def cell_unit(text: str, end: int) -> str | None:
    """The unit written inside a value cell right after its figure ending at ``end``
    (``2601.953875万``, ``12.5万元``), as written; None when the figure stands alone."""
    m = _CELL_UNIT.match(text, end, None, False)
    return m.group() if m else None


def cell_reading(text: str, part, *, money: bool = False, signed: bool = False,
                 column_unit: str | None = None) -> CellReading:
    """The value of the cell ``part`` (a Tok/Part of ``text``) in a money or count column.

    A unit written in the cell beats the column's default (``column_unit``: the header's
    unit note, the row's unit cell or note): ``2601.953875万`` under 采购总金额 is 万元. A
    cell whose unit contradicts its column (万元 in a column headed 元, any money or 万 in
    a count column, a count column headed in money) gives no value and says why
    (``conflict``): which one is wrong is not known. A money cell with no unit anywhere is
    read as 元 (``assumed``). ``column_unit`` is this column's own: a money unit written in
    a neighbouring cell of the row is the caller's to leave out (see ``row_unit``)."""
    written = cell_unit(text, part.end)
    end = part.end + len(written or "")
    counted = written is None or written in _COUNT_SET
    if not money:
        if not counted:
            return CellReading(None, written, conflict=f"{part.text}{written}: a count column, "
                                                       f"the cell says {written}", end=end)
        if column_unit in MONEY_MULT or column_unit in CELL_SCALE:
            # a count column headed in money (采购项目数量(万元)): the header is not this
            # column's, or the column is not a count; which is not known
            return CellReading(None, column_unit, conflict=f"{part.text}: a count column, "
                                                           f"headed in {column_unit}", end=end)
        return CellReading(cell_value(part.text, signed=signed), written or column_unit, end=end)
    if written is not None and counted:
        return CellReading(None, written, conflict=f"{part.text}{written}: a money column, "
                                                   f"the cell counts in {written}", end=end)
    cell_u = CELL_SCALE.get(written, written)
    col_u = column_unit if column_unit in MONEY_MULT else None
    if cell_u is not None and col_u is not None and MONEY_MULT[cell_u] != MONEY_MULT[col_u]:
        return CellReading(None, written, conflict=f"{part.text}{written}: the cell says {written}, "
                                                   f"its column {column_unit}", end=end)
    unit = cell_u or col_u
    val = cell_value(part.text, money=True, mult=MONEY_MULT[unit or "元"])
    return CellReading(val, written or column_unit, assumed=unit is None and val not in (None, 0), end=end)


def row_unit(scan_unit: str | None, money: bool) -> str | None:
    """The unit a row gives one of its columns: the unit of a row (a note after its label,
    「政府集中采购(单位:万元)」, or a unit written in one of its cells, 「976.81万元」) is the
    unit of its money columns; a count column beside them is counted, not in 万元
    (「政府集中采购 6 976.81万元」: 6 items, not 6 万元). A count word (件, 个) from the row
    applies to its count columns only."""
    if scan_unit is None:
        return None
    is_money = scan_unit in MONEY_MULT or scan_unit in CELL_SCALE
    return scan_unit if is_money == money else None
