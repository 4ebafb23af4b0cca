"""Whitespace columns: a header line of column names separated by spaces or tabs, then
rows split the same way (``space_tables``), accepted only when a row holds a figure and
a long text, or most rows are grid rows."""
from __future__ import annotations

import regex

from .textcells import HAN, SENTENCE, is_value, join_wrapped


_WS = regex.compile(r"[ \t\u3000\u00a0]+")
MAX_HEADER_CELL = 12
MAX_SUBHEADERS = 2
# a row of a whitespace table holds a figure and a text this long (a criterion, a
# description): prose with spaces ("全年 主动公开信息 126 条") has no such cell
MIN_TEXT_CELL = 15


# a wide gap: a tab, an ideographic space or a run of two spaces or more
_WIDE = regex.compile(r"[ \u00a0]*(?:[\t\u3000]|[ \u00a0]{2,})[ \t\u3000\u00a0]*")


def _tokens(line: str, wide: bool = False) -> list[str]:
    """The cells of a line; ``wide``: only wide gaps separate cells (a header whose names
    are all set apart by wide gaps: one space is then a space inside a cell, as in OCR
    text "功能° (4分)"), unless the line has no wide gap at all."""
    # (``concurrent`` False positionally: the GIL kept, ~2,200 lines a pass of the dev texts)
    if wide and _WIDE.search(line.strip(), None, None, False):
        return [t for t in _WIDE.split(line.strip(), 0, False) if t]
    return [t for t in _WS.split(line.strip(), 0, False) if t]


def _wide_header(line: str) -> bool:
    gaps = _WS.findall(line.strip())
    return bool(gaps) and all(_WIDE.fullmatch(g) for g in gaps)


# a column name's points in brackets at its end: 总得分(100), 在线服务得分(9), 公开率得分 (3)
# (b8 m02; the score reader's columns name their points so)
_POINTS = regex.compile(r"\s?[(（]\d{1,3}(?:\.\d)?(?:分)?[)）]$")


def _header_cell(t: str) -> bool:
    """A column name: short, Chinese, not a figure, not a sentence or a 'key: value';
    its points in brackets at its end are no figure of a row (``总得分(100)``)."""
    t = _POINTS.sub("", t, 1)
    return (len(t) <= MAX_HEADER_CELL and bool(HAN.search(t)) and not is_value(t)
            and not SENTENCE.search(t) and not regex.search(r"[:：,，、\d]", t))


def _head(line: str) -> tuple[list[str], bool]:
    """The header's names and whether only wide gaps separate cells: a line with two
    wide gaps or more whose wide-gap cells are all names is split at its wide gaps only -
    a single space inside a name is a cell wrapped in the source (``信息内容  本年新 制作数量
    本年新 公开数量  对外公开总数量``, a 表二 header whose cells broke into two lines); else
    every gap separates (the wide header: all its gaps wide)."""
    s = line.strip()
    if len(_WIDE.findall(s)) >= 2:
        t = [x for x in _WIDE.split(s) if x]
        if len(t) >= 3 and all(_header_cell(x) for x in t):
            return t, True
    return _tokens(line), _wide_header(line)


def space_tables(lines: list[str], kinds: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """Rows whose cells are separated by runs of spaces or tabs (a crawler's rendering
    of a table): a header line of >= 3 column names (optionally 1–2 header lines more),
    then rows of >= 2 cells; at least one row of >= 3 cells holds a figure and a long
    text (``MIN_TEXT_CELL``), or most rows (>= 3) are grid rows: 3 cells up to one more
    than the header names, a figure and a Chinese text among them.  Prose with spaces
    ("全年 主动公开信息 126 条" under no header of names) stays as it is.
    One row per line; the cells as split (no guess about columns the split lost).
    → zones of (first line, last line, rows)."""
    n = len(lines)
    out: list[tuple[int, int, list[list[str]]]] = []
    i = 0
    while i < n:
        head, wide = _head(lines[i]) if kinds[i] == "text" else ([], False)
        if len(head) < 3 or not all(_header_cell(t) for t in head):
            i += 1
            continue
        rows = [head]
        j = i + 1
        while j < n and kinds[j] == "text" and len(rows) <= MAX_SUBHEADERS:
            t = _tokens(lines[j], wide)
            if len(t) < 2 or not all(_header_cell(x) for x in t):
                break
            rows.append(t)
            j += 1
        n_head = len(rows)
        last = j - 1
        good = 0
        grid = 0  # rows of >= 3 cells with a figure and a Chinese text
        while j < n and kinds[j] in ("text", "blank"):
            if kinds[j] == "blank":
                j += 1
                continue
            t = _tokens(lines[j], wide)
            if len(t) == 1 and len(rows) > n_head and lines[j][:1] in " \t\u3000" \
                    and HAN.search(t[0]) and not is_value(t[0]):
                # an indented line of text alone: the previous row's text cell wrapped
                prev = rows[-1]
                k = max((x for x, c in enumerate(prev) if HAN.search(c) and not is_value(c)), default=None)
                if k is not None:
                    prev[k] = join_wrapped([prev[k], t[0]])
                    last = j
                    j += 1
                    continue
            if len(t) < 2 or all(_header_cell(x) for x in t):
                break
            rows.append(t)
            if len(t) >= 3 and any(is_value(x) for x in t) and any(len(x) >= MIN_TEXT_CELL for x in t):
                good += 1
            if 3 <= len(t) <= len(rows[0]) + 1 and any(is_value(x) for x in t) \
                    and any(HAN.search(x) and not is_value(x) for x in t):
                grid += 1
            last = j
            j += 1
        n_data = len(rows) - n_head
        if n_data and (good or (grid >= 3 and grid >= 0.6 * n_data)):
            out.append((i, last, rows))
            i = last + 1
        else:
            i += 1
    return out
