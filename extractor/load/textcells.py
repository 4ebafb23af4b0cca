"""What one line of flattened-table text is, and how cells are made of lines: the line
kinds (``line_kind``: blank / sep / lead / pipe / text), pipe cells, value cells,
``join_wrapped`` (a cell wrapped over lines), the cells of a bar stream, the shared
line patterns (headings, title, date) and the size limits of the table finders.
:class:`Piece` is a paragraph line or a recognised table."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from ..model import Table
from ..numbers_data import BLANK_CELL, HEADING_SOURCES, HEADINGS, TABLE_UNIT_WORDS
from .layout.text import join_cjk


MAX_STREAM_LINE = 40  # a stream cell longer than this ends a bare stream
MIN_STREAM_LINES = 8
MIN_VALUE_SHARE = 0.25
MIN_VALUES = 3
# a separator stream keeps blank cells (bare "|" lines in a row); this many in a row at most
MAX_BLANK_CELLS = 12

SENTENCE = regex.compile(r"[。;；!?！？]")
# a value cell: a number with optional sign/decimals/percent and one of the table measure words
# (patterns/numbers.yaml tables.unit_column; 场 and a score table's 分 points besides), a blank
# cell's mark (tables.blank_cells), a run of dashes and slashes mixed (－/－), 是/否
_VALUE_UNITS = "|".join(regex.escape(w) for w in sorted(dict.fromkeys([*TABLE_UNIT_WORDS, "场", "分"]), key=len, reverse=True))
_VALUE = regex.compile(
    rf"^[+\-−－]?\d+(?:[.,．]\d+)*\s*(?:%|％|‰)?\s*(?:{_VALUE_UNITS})?$"
    rf"|^(?:{BLANK_CELL}|[—–\-－/／\\]+|是|否)$"
)
HEADING = HEADINGS["stream_heading"]   # 一、 二. 第一章: patterns/numbers.yaml
# a heading that names a report section (not a table row label)
# (its numbering is the stream heading's: patterns/numbers.yaml numbering.forms.stream_heading)
SECTION_HEADING = regex.compile(
    rf"(?:{HEADING_SOURCES['stream_heading']})\s*[^\d|]{{2,40}}(?:情况|事项|问题|措施|概述|说明|总体情况)$"
)
TITLE_LINE = regex.compile(r"^.{6,}(?:报告|总结|情况|如下[:：]?)$")
# the date a report is signed with ("2013年3月15日", "二〇一三年三月十五日"): a whole line
# (not metadata_base.DATE_LINE: that one takes 日期: and 19xx/20xx years only, and load/ imports no metadata reader)
DATE_LINE = regex.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
HAN = regex.compile(r"[\p{Han}]")
_CJKISH = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’（）《》]")


@dataclass
class Piece:
    """A paragraph line or a recognised table, with the line range it came from."""

    kind: str  # "paragraph" | "table"
    first_line: int
    last_line: int  # inclusive
    text: str | None = None
    table: Table | None = None


def line_kind(line: str) -> str:
    s = line.strip()
    if not s:
        return "blank"
    if "|" in s:
        if not s.replace("|", "").strip():
            return "sep"
        if s[0] == "|" and s[1:2] != "|" and "|" not in s[1:]:
            return "lead"  # "| cell": a cell whose bar was wrapped onto its own line
        return "pipe"
    return "text"


def pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.endswith("|"):
        s = s[:-1]
    if s.startswith("|") and s[1:2] != "|":
        # a leading bar before content ("| a | b |") is a border, not an empty cell
        s = s[1:]
    return [c.strip() for c in s.split("|")]


def is_value(s: str) -> bool:
    return _VALUE.match(s.strip(), None, None, False) is not None   # (GIL kept: see cell_like)


def join_wrapped(parts: Iterable[str]) -> str:
    """Join wrapped pieces of one cell: no space next to a CJK-like character, one space
    between any other two (:func:`layout.text.join_cjk` with ``no_space``)."""
    out = ""
    for p in parts:
        p = p.strip()
        if p:
            out = join_cjk(out, p, no_space=_CJKISH)
    return out


def cell_like(s: str, limit: int = MAX_STREAM_LINE) -> bool:
    s = s.strip()
    # (``concurrent`` False positionally: the ``regex`` module would release the GIL for each
    # of these ~2,000 lines a pass of the dev texts - a worker has one thread)
    return bool(s) and len(s) <= limit and "|" not in s and SENTENCE.search(s, None, None, False) is None


_PAD_BARS = regex.compile(r"(?<=\|)[\s|]*$")


def bar_stream_cells(lines: list[str]) -> list[str]:
    """Cells of a one-cell-per-line stream written with bars (``规章 |`` / ``0 |`` / ``|``,
    or ``本年新收… | 25 |`` / ``|`` … ``| 25 |``), blank cells kept as ``""``: a cell lies
    between two bars, and a line break between two bars is a blank cell as a blank is
    (``0 |`` then ``|``: one blank cell).  Bars padding the end of a line (``8 | ||||``,
    a line of ``||``) are merged or spanned cells and give no cell.  The cells are
    placed into columns later by the template-guided readers (a row's trailing blanks
    beyond its columns are its end)."""
    text = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if len(s) > 1 and not s.replace("|", "").strip():
            continue  # a line of padding bars
        text.append(_PAD_BARS.sub("", s) if s != "|" else s)
    parts = "\n".join(text).split("|")
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    cells = [join_wrapped(p.split("\n")) for p in parts]
    if cells and not cells[0]:
        cells = cells[1:]  # a leading bar is a border
    return cells


def stream_table(cells: list[str]) -> Table:
    return Table.from_rows([[c] for c in cells], source="stream")
