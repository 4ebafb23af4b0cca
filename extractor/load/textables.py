"""Recognise tables that were flattened into plain text lines.

A pure function over lines, shared by the txt and html loaders (and usable by any
loader that ends up with scraped text).  Three shapes occur in scraped reports:

* **pipe rows** — one table row per line, cells separated by ``|`` and usually a
  trailing ``|``; leading merged cells are missing and trailing ``||`` pad the row
  (``有相关责任处室(2分) | 2分 | ||``).  Empty cells are kept as ``""`` so column
  positions survive.  → ``Table(source="pipe")``.
* **separator streams** — one cell per line with a bare ``|`` line between cells
  (``规章`` / ``|`` / ``0`` / ``|`` …); a cell may wrap over 2–3 short lines
  (``本年新`` / ``制作数量``), which are joined into one cell.  Also the variant
  where every line is one cell followed by `` |`` and rows end with ``||``.  A bare
  ``|`` right after another is a blank cell (kept as ``""``, the stream goes on), and a
  cell printed one character per line (``政`` / ``府`` / … / ``21`` / ``分``) is one cell.
  → ``Table(source="stream")``.
* **bare streams** — one cell per line, often separated by blank lines, many cells
  bare numbers.  Detected conservatively: ≥ 8 consecutive short lines (≤ 40
  chars, no sentence punctuation) of which ≥ 25 % are values (numbers, —, /).
  → ``Table(source="stream")``.

* **wrapped-bar rows** — ``a | b | c |`` (or ``| a | b | c |``) with a line break
  before every bar: ``考核项目`` / ``| 考评细项`` / ``| 分值`` / ``|``; a cell may wrap over
  a few lines.  → ``Table(source="pipe")``, one row per row.
* **rows continued on the next line** — a pipe row a crawler broke in two (``1 | 决策 |
  … | 全面公开… |`` / ``10 | 5 | ||||``) and a markdown row wrapped mid-cell
  (``| 1 | 组织领导 | 主要领导听取`` / ``汇报 | 5 | 5 |``) are joined into one row.
* **whitespace columns** — a header line of column names separated by spaces or tabs
  (``考核项目  考核内容  分值  自评得分``), then rows split the same way; only when a row
  holds a figure and a long text, or most rows are grid rows.  → ``Table(source="pipe")``
  with the cells as split (a cell holding a space becomes two: the readers align rows by
  their header, never by position alone).

``Table.open_end`` marks a table whose last row (or a stream whose last cell) lacks
the closing bar the others have: the text was cut there (the score reader leaves such
a row out when its last cell stops mid-sentence).

A stream table has ONE CELL PER ROW (a single column): the real grid is rebuilt later
by the template-guided table readers.  Everything else is a paragraph (one per
non-empty line).  Section headings (``三、收到和处理政府信息公开申请情况``) that sit
between two tables are kept out of the tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import regex

from ..model import Table

__all__ = ["Piece", "split_lines", "add_lines", "join_wrapped", "join_continued", "join_vertical", "CHROME",
           "is_chrome_line", "embedded_markup"]

# text of small elements / short lines that are portal chrome, never report content
CHROME = regex.compile(
    r"(?:当前位置|您的位置|所在位置|您现在的位置)\s*[:：]?"
    r"|^\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页)"
    r"|【\s*(?:打印|关闭|收藏|字体|大|中|小)|打印本页|关闭窗口|打印此页|分享到|扫一扫在手机"
    r"|版权所有|ICP备|网站标识码|公网安备|(?:主办|承办)单位\s*[:：]|技术支持\s*[:：]|网站地图"
    r"|(?:浏览次数|访问量|点击数|阅读次数)\s*[:：]|字体\s*[:：]\s*[\[【]?\s*大|字号\s*[:：]"
    r"|^\s*(?:相关链接|相关文章|相关阅读|相关新闻|相关文件)\s*[:：]?\s*$"
    r"|^\s*(?:来源|发布时间|时间)\s*[:：].{0,40}(?:来源|浏览|字体|点击)"
)


def is_chrome_line(line: str, limit: int = 80) -> bool:
    """A short line of scraped portal chrome (breadcrumb, 打印/关闭, footer, 上一篇…)."""
    s = line.strip()
    return bool(s) and len(s) <= limit and bool(CHROME.search(s))

# --------------------------------------------------------------- markup inside a script

# a page saved as its script: the report is an HTML string in a JS/JSON literal
# (let content = "<p>…</p><table>…"), the rest is data (menus, ids). A literal of at least
# this many characters, with block tags in it, holding this share of the file's Han
_MARKUP_TAG = regex.compile(r"<(?:p|div|table|tr|td|th|br|span|h[1-6]|li)\b[^<>]{0,300}>", regex.I)
_STRING_LIT = regex.compile(r'"((?:[^"\\\n]|\\.){200,})"' + r"|'((?:[^'\\\n]|\\.){200,})'")
_JS_ESCAPE = regex.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", regex.S)
_JS_CHARS = {"n": "\n", "t": "\t", "r": "\r", "b": "", "f": "", "v": ""}
MARKUP_MIN_TAGS = 3
MARKUP_MIN_HAN_SHARE = 0.6


def _js_unescape(s: str) -> str:
    def one(m):
        e = m.group(1)
        if len(e) > 1:
            return chr(int(e[1:], 16))
        return _JS_CHARS.get(e, e)
    return _JS_ESCAPE.sub(one, s)


def _has_tags(s: str) -> bool:
    n = 0
    for _ in _MARKUP_TAG.finditer(s):
        n += 1
        if n >= MARKUP_MIN_TAGS:
            return True
    return False


def embedded_markup(text: str) -> str | None:
    """The HTML a text file carries as a string literal of a script (a crawled page's JS
    or JSON data file: ``let content = "<p>…</p><table>…</table>"``), unescaped, when that
    literal holds most of the file's Chinese text; otherwise None (the text is read as
    lines). Only whole literals with several block tags count: markup quoted in a report
    (a sentence citing ``<br>``) is no page."""
    if not _has_tags(text):
        return None
    han_all = len(_HAN.findall(text))
    if not han_all:
        return None
    best, best_han = None, 0
    for m in _STRING_LIT.finditer(text):
        lit = m.group(1) if m.group(1) is not None else m.group(2)
        if not _has_tags(lit):
            continue
        han = len(_HAN.findall(lit))
        if han > best_han:
            best, best_han = lit, han
    if best is None or best_han < MARKUP_MIN_HAN_SHARE * han_all:
        return None
    return _js_unescape(best)


MAX_STREAM_LINE = 40  # a stream cell longer than this ends a bare stream
MIN_STREAM_LINES = 8
MIN_VALUE_SHARE = 0.25
MIN_VALUES = 3
# a separator stream keeps blank cells (bare "|" lines in a row); this many in a row at most
MAX_BLANK_CELLS = 12

_SENTENCE = regex.compile(r"[。;；!?！？]")
# a value cell: number with optional sign/decimals/percent/unit, a dash, a slash, 无/是/否
_VALUE = regex.compile(
    r"^[+\-−－]?\d+(?:[.,．]\d+)*\s*(?:%|％|‰)?\s*(?:分|条|件|个|人|次|人次|万元|元|篇|项|家|期|份|场)?$"
    r"|^[—–\-－/／\\]+$|^(?:无|是|否|/|—)$"
)
_HEADING = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}[章节部分])")
# a heading that names a report section (not a table row label)
_SECTION_HEADING = regex.compile(
    r"^[一二三四五六七八九十]{1,3}[、.．]\s*[^\d|]{2,40}(?:情况|事项|问题|措施|概述|说明|总体情况)$"
)
_TITLE_LINE = regex.compile(r"^.{6,}(?:报告|总结|情况|如下[:：]?)$")
# the date a report is signed with ("2013年3月15日", "二〇一三年三月十五日"): a whole line
_DATE_LINE = regex.compile(
    r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
_HAN = regex.compile(r"[\p{Han}]")
_CJKISH = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’（）《》]")


@dataclass
class Piece:
    """A paragraph line or a recognised table, with the line range it came from."""

    kind: str  # "paragraph" | "table"
    first_line: int
    last_line: int  # inclusive
    text: str | None = None
    table: Table | None = None


def _kind(line: str) -> str:
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


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.endswith("|"):
        s = s[:-1]
    if s.startswith("|") and s[1:2] != "|":
        # a leading bar before content ("| a | b |") is a border, not an empty cell
        s = s[1:]
    return [c.strip() for c in s.split("|")]


def is_value(s: str) -> bool:
    return bool(_VALUE.match(s.strip()))


def join_wrapped(parts: Iterable[str]) -> str:
    """Join wrapped pieces of one cell: no space between CJK characters."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (_CJKISH.match(out[-1]) or _CJKISH.match(p[0])):
            out += " "
        out += p
    return out


def _cell_like(s: str, limit: int = MAX_STREAM_LINE) -> bool:
    s = s.strip()
    return bool(s) and len(s) <= limit and not _SENTENCE.search(s) and "|" not in s


_PAD_BARS = regex.compile(r"(?<=\|)[\s|]*$")


def _bar_stream_cells(lines: list[str]) -> list[str]:
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


def _stream_table(cells: list[str]) -> Table:
    return Table.from_rows([[c] for c in cells], source="stream")


# ---------------------------------------------------------------- pipe rows


def _pipe_runs(kinds: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of pipe/sep lines (blank lines inside are transparent)."""
    runs = []
    i, n = 0, len(kinds)
    while i < n:
        if kinds[i] not in ("pipe", "sep"):
            i += 1
            continue
        j = i
        last = i
        while j < n and kinds[j] in ("pipe", "sep", "blank"):
            if kinds[j] != "blank":
                last = j
            j += 1
        runs.append((i, last))
        i = last + 1
    return runs


# ------------------------------------------------- rows continued on a new line


def _filled(row: list[str]) -> list[str]:
    return [c for c in row if c]


def _trimmed(row: list[str]) -> list[str]:
    k = len(row)
    while k and not row[k - 1]:
        k -= 1
    return row[:k]


def join_continued(rows: list[list[str]]) -> list[list[str]]:
    """Join pipe rows that a crawler broke in two: a row whose cells are all text (but
    for a leading row number) followed by a line that starts with two or more figures
    (``1 | 决策 | … | 全面公开…`` / ``10 | 5 | |||``), or with one figure and a blank
    cell that is not the next row number (``4 | | 未公开``), is one row, when the two
    together are no wider than the header (the table's first row, all text).  Rows as
    written stay as they are otherwise."""
    if len(rows) < 3:
        return rows
    head = _filled(rows[0])
    if len(head) < 3 or any(is_value(c) for c in head):
        return rows
    out: list[list[str]] = [rows[0]]
    k = 1
    while k < len(rows):
        row = rows[k]
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        cells = _filled(row)
        if nxt is not None and len(cells) >= 2 and not any(is_value(c) for c in cells[1:]):
            more = _filled(nxt)
            lead = 0
            while lead < len(more) and is_value(more[lead]):
                lead += 1
            # one figure then a blank cell (an empty score) continues the row too, unless
            # the figure is the next row number (``2 | | 规范性文件…``)
            nxt_index = cells[0].isdigit() and nxt[0].strip() == str(int(cells[0]) + 1)
            blank_after = lead == 1 and len(nxt) > 1 and not nxt[1].strip() and not nxt_index
            if (lead >= 2 or blank_after) and nxt and is_value(nxt[0]) and len(cells) + len(more) <= len(head):
                out.append(_trimmed(row) + nxt)
                k += 2
                continue
        out.append(row)
        k += 1
    return out


# ------------------------------------------------ markdown rows wrapped mid-cell


def _is_md_row(s: str) -> bool:
    s = s.strip()
    return len(s) > 2 and s.startswith("|") and s.endswith("|") and "|" in s[1:-1]


def _wrapped_md_rows(lines: list[str], kinds: list[str]) -> dict[int, list[int]]:
    """Markdown rows (``| a | b |``) whose text wrapped: a row line that opens with a bar
    but does not close with one continues on the next lines up to the one that closes
    (``| 1 | 组织领导 | 主要领导听取`` / ``汇报并研究部署 | 5 | 5 |``).  Only inside a
    markdown table (a complete ``| … |`` row just above).  → open line → its
    continuation lines."""
    out: dict[int, list[int]] = {}
    n = len(lines)
    last_md = -10
    for k in range(n):
        if kinds[k] != "pipe":
            continue
        s = lines[k].strip()
        if _is_md_row(s):
            last_md = k
            continue
        if not s.startswith("|") or s.endswith("|") or k - last_md > MAX_WRAP_LINES + 1:
            continue
        conts: list[int] = []
        j = k + 1
        while j < n and len(conts) < MAX_WRAP_LINES and kinds[j] in ("text", "pipe", "lead"):
            t = lines[j].strip()
            if conts and t.startswith("|"):
                break  # a row of its own
            conts.append(j)
            if t.endswith("|"):
                break
            j += 1
        if conts and lines[conts[-1]].strip().endswith("|"):
            out[k] = conts
            last_md = conts[-1]
    return out


# ------------------------------------------------------ rows with wrapped bars


MIN_LEAD_ROWS = 3
MAX_WRAP_LINES = 3


def _next_nonblank(kinds: list[str], j: int) -> int:
    while j < len(kinds) and kinds[j] == "blank":
        j += 1
    return j


MAX_VERTICAL_LINES = 24  # a cell printed one character per line ("政/府/信/息/公/开/21/分")


def _vertical(lines: list[str], ks: list[int]) -> bool:
    """Lines that are one cell printed one character per line (a merged category cell of
    a crawled table: ``政`` / ``府`` / … / ``21`` / ``分``): every line one Han character
    or a short figure, more lines than an ordinary wrap."""
    return (len(ks) <= MAX_VERTICAL_LINES
            and all(len(lines[k].strip()) == 1 or regex.fullmatch(r"\d{1,3}(?:\.\d)?", lines[k].strip())
                    for k in ks)
            and sum(1 for k in ks if _HAN.match(lines[k].strip())) >= 2)


MIN_VERTICAL_CHARS = 3


def join_vertical(cells: list[str]) -> list[str]:
    """Cells of a bare stream where one cell was printed one character per line: a run of
    >= 3 single Han characters (none a value such as 无/是/否) is one cell, with a figure
    and a lone 分 right after it ("组/织/保/障/20/分" → "组织保障20分")."""
    out: list[str] = []
    k, n = 0, len(cells)
    while k < n:
        j = k
        while j < n and len(cells[j]) == 1 and _HAN.match(cells[j]) and not is_value(cells[j]):
            j += 1
        if j - k >= MIN_VERTICAL_CHARS:
            if j + 1 < n and regex.fullmatch(r"\d{1,3}(?:\.\d)?", cells[j]) and cells[j + 1] == "分":
                j += 2
            out.append("".join(cells[k:j]))
            k = j
            continue
        out.append(cells[k])
        k += 1
    return out


def _lead_zone(lines: list[str], kinds: list[str], i: int) -> tuple[int, list[list[str]], list[bool], int, bool]:
    """The rows of a wrapped-bar zone starting at line ``i`` → (last line, rows, whether
    each row's first cell was a plain line)."""
    n = len(lines)
    rows: list[list[str]] = []
    text_heads: list[bool] = []
    last = i
    head = [i] if kinds[i] == "text" else []  # the lines of the row's first cell
    start = i
    empties = 0  # empty leading cells ("|" lines before the row's first "| cell")
    n_closed = 0  # rows closed by a bar line so far
    last_closed = False
    while start >= 0:
        row = [""] * empties + ([join_wrapped(lines[k] for k in head)] if head else [])
        parts: list[str] = []
        j = _next_nonblank(kinds, head[-1] + 1) if head else start
        closed = False
        wrapped = 0
        while j < n:
            if kinds[j] == "lead":
                if parts:
                    row.append(join_wrapped(parts))
                parts = [lines[j].strip()[1:]]
                wrapped = 0
            elif kinds[j] == "sep":
                closed = True
                break
            elif kinds[j] == "text" and parts and wrapped < MAX_WRAP_LINES:
                # a continuation of the cell only when the row's closing bar follows
                # (a plain line before a "| cell" line is the next row's first cell)
                k, m = j, 0
                while k < n and kinds[k] == "text" and m < MAX_WRAP_LINES - wrapped:
                    k, m = _next_nonblank(kinds, k + 1), m + 1
                # ... or, in a layout whose rows close with a bar, when the next "| cell"
                # line follows (a new row only ever starts after a closing bar)
                if k >= n or not (kinds[k] == "sep" or (kinds[k] == "lead" and n_closed)):
                    break
                parts.append(lines[j])
                wrapped += 1
            else:
                break
            j = _next_nonblank(kinds, j + 1)
        if parts:
            row.append(join_wrapped(parts))
        # a row of "| cell" lines only must be closed by its bar line
        if len(row) < 2 or (not head and not closed):
            break
        rows.append(row)
        text_heads.append(bool(head))
        n_closed += closed
        last_closed = closed
        last = j if closed else j - 1
        while kinds[last] == "blank":
            last -= 1
        # the next row: its first cell's lines, then a "| cell" line; more bar lines
        # after the closing one are empty leading cells
        k = _next_nonblank(kinds, j + 1) if closed else j
        empties = 0
        while closed and k < n and kinds[k] == "sep" and empties < MAX_WRAP_LINES:
            k = _next_nonblank(kinds, k + 1)
            empties += 1
        head = []
        start = -1
        while k < n and kinds[k] == "text" and (len(head) < (MAX_WRAP_LINES if closed else 1)
                                                 or (closed and _vertical(lines, head + [k]))):
            head.append(k)
            k = _next_nonblank(kinds, k + 1)
        if empties and head:
            break  # "|" lines then a plain line: not this layout
        if k < n and kinds[k] == "lead" and (head or closed):
            start = head[0] if head else k
    return last, rows, text_heads, n_closed, last_closed


def _lead_rows(lines: list[str], kinds: list[str]) -> list[tuple[int, int, list[list[str]], bool]]:
    """Pipe rows whose bars were wrapped onto the next line: every cell after the first
    is a line ``| cell``, the row's closing bar is a line holding only ``|``, and the
    first cell is a plain line (``考核项目`` / ``| 考评细项`` / ``| 分值`` / ``|``, from
    ``a | b | c |``) or a ``| cell`` line too (from ``| a | b | c |``; a ``|`` line
    before it is an empty first cell).  A cell may wrap over a few plain lines: after a
    closing bar, the plain lines before the next ``| cell`` line are the next row's
    first cell; plain lines between a ``| cell`` line and the closing bar continue that
    cell.  → zones of (first line, last line, rows, whether the last row lacks the
    closing bar the others have)."""
    n = len(lines)
    out: list[tuple[int, int, list[list[str]], bool]] = []
    i = 0
    while i < n:
        nxt = _next_nonblank(kinds, i + 1)
        if not ((kinds[i] == "text" and nxt < n and kinds[nxt] == "lead") or kinds[i] == "lead"):
            i += 1
            continue
        first = i
        last, rows, text_heads, n_closed, last_closed = _lead_zone(lines, kinds, i)
        if kinds[i] == "text" and len(rows) > 1 and not any(text_heads[1:]):
            # every other row starts with a "| cell" line: the plain line before the
            # first one is a title, not a cell
            first = nxt
            last, rows, text_heads, n_closed, last_closed = _lead_zone(lines, kinds, nxt)
        # two rows, each closed by its bar line, one of >= 3 cells, are a table too (a
        # header whose cells wrapped, above rows of another layout)
        if len(rows) >= MIN_LEAD_ROWS or (len(rows) == 2 and n_closed == 2 and max(map(len, rows)) >= 3):
            out.append((first, last, rows, n_closed > 0 and not last_closed))
            i = last + 1
        elif kinds[i] == "lead":
            # no zone starts inside this run of "| cell" lines either: skip it
            while i < n and kinds[i] in ("lead", "blank"):
                i += 1
        else:
            i += 1
    return out


# --------------------------------------------------------- whitespace columns

_WS = regex.compile(r"[ \t\u3000\u00a0]+")
MAX_HEADER_CELL = 12
MAX_SUBHEADERS = 2
# a row of a whitespace table holds a figure and a text this long (a criterion, a
# description): prose with spaces ("全年 主动公开信息 126 条") has no such cell
MIN_TEXT_CELL = 15


def _tokens(line: str) -> list[str]:
    return [t for t in _WS.split(line.strip()) if t]


def _header_cell(t: str) -> bool:
    """A column name: short, Chinese, not a figure, not a sentence or a 'key: value'."""
    return (len(t) <= MAX_HEADER_CELL and bool(_HAN.search(t)) and not is_value(t)
            and not _SENTENCE.search(t) and not regex.search(r"[:：,，、\d]", t))


def _space_tables(lines: list[str], kinds: list[str]) -> list[tuple[int, int, list[list[str]]]]:
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
        head = _tokens(lines[i]) if kinds[i] == "text" else []
        if len(head) < 3 or not all(_header_cell(t) for t in head):
            i += 1
            continue
        rows = [head]
        j = i + 1
        while j < n and kinds[j] == "text" and len(rows) <= MAX_SUBHEADERS:
            t = _tokens(lines[j])
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
            t = _tokens(lines[j])
            if len(t) == 1 and len(rows) > n_head and lines[j][:1] in " \t\u3000" \
                    and _HAN.search(t[0]) and not is_value(t[0]):
                # an indented line of text alone: the previous row's text cell wrapped
                prev = rows[-1]
                k = max((x for x, c in enumerate(prev) if _HAN.search(c) and not is_value(c)), default=None)
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
                    and any(_HAN.search(x) and not is_value(x) for x in t):
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


# ---------------------------------------------------------- separator streams


def _sep_stream(lines: list[str], kinds: list[str], taken: list[bool]) -> list[tuple[int, int, list[str], bool]]:
    """Zones of text groups separated by bare ``|`` lines → (first, last, cells, whether
    the last cell is one no bar closes)."""
    out = []
    n = len(lines)
    seps = [i for i in range(n) if kinds[i] == "sep" and not taken[i]]
    if len(seps) < 3:
        return out

    def group(a: int, b: int) -> list[int]:  # non-blank text lines strictly between a and b
        return [k for k in range(a + 1, b) if kinds[k] != "blank"]

    zones: list[list[int]] = []
    cur = [seps[0]]
    blanks = 0  # consecutive bare "|" lines: blank cells (a row's empty or merged cells)
    for s in seps[1:]:
        g = group(cur[-1], s)
        ok = 1 <= len(g) <= 3 and all(kinds[k] == "text" and not taken[k] for k in g)
        if ok and len(g) > 1:
            ok = all(_cell_like(lines[k], 20) and not _HEADING.match(lines[k].strip()) for k in g)
        if not ok and len(g) > 3 and all(kinds[k] == "text" and not taken[k] for k in g):
            ok = _vertical(lines, g)  # one cell printed one character per line
        if not g and cur[-1] == s - 1 and blanks < MAX_BLANK_CELLS:
            ok = True  # "|" right after "|": a blank cell, the stream goes on
            blanks += 1
        elif ok:
            blanks = 0
        if ok:
            cur.append(s)
        else:
            zones.append(cur)
            cur = [s]
            blanks = 0
    zones.append(cur)

    for z in zones:
        if len(z) < 3:
            continue
        first, last = z[0], z[-1]
        cells: list[str] = []
        # the cell before the first separator: the adjacent line only, if cell-like
        k = first - 1
        while k >= 0 and kinds[k] == "blank":
            k -= 1
        if k >= 0 and kinds[k] == "text" and not taken[k] and _cell_like(lines[k]) and not _SECTION_HEADING.match(lines[k].strip()):
            cells.append(lines[k].strip())
            first = k
        for a, b in zip(z, z[1:]):
            cells.append(join_wrapped(lines[k] for k in group(a, b)))
        k = last + 1
        while k < n and kinds[k] == "blank":
            k += 1
        open_end = False
        if k < n and kinds[k] == "text" and not taken[k] and _cell_like(lines[k]) and not _HEADING.match(lines[k].strip()):
            cells.append(lines[k].strip())
            last = k
            open_end = True  # the stream ends with a cell no bar closes
        out.append((first, last, cells, open_end))
    return out


# --------------------------------------------------------------- bare streams


def _bare_streams(lines: list[str], kinds: list[str], taken: list[bool]) -> list[tuple[int, int]]:
    out = []
    n = len(lines)
    i = 0
    while i < n:
        if taken[i] or kinds[i] != "text" or not _cell_like(lines[i]):
            i += 1
            continue
        run = []
        j = i
        while j < n and not taken[j] and (kinds[j] == "blank" or (kinds[j] == "text" and _cell_like(lines[j]))):
            if kinds[j] != "blank":
                run.append(j)
            j += 1
        i = j
        for part in _split_at_sections(lines, run):
            part = _trim(lines, part)
            if len(part) < MIN_STREAM_LINES:
                continue
            n_val = sum(1 for k in part if is_value(lines[k]))
            if n_val >= MIN_VALUES and n_val / len(part) >= MIN_VALUE_SHARE:
                out.append((part[0], part[-1]))
    return out


def _split_at_sections(lines: list[str], run: list[int]) -> list[list[int]]:
    """Cut a run of short lines at report-section headings followed by a non-value."""
    parts, cur = [], []
    for idx, k in enumerate(run):
        s = lines[k].strip()
        nxt = lines[run[idx + 1]].strip() if idx + 1 < len(run) else ""
        if _SECTION_HEADING.match(s) and not is_value(nxt):
            parts.append(cur)
            cur = []
            continue
        cur.append(k)
    parts.append(cur)
    return [p for p in parts if p]


def _trim(lines: list[str], part: list[int]) -> list[int]:
    # leading section headings and document titles are not table cells
    while part and (_HEADING.match(lines[part[0]].strip()) or _TITLE_LINE.search(lines[part[0]].strip())) and not is_value(
        lines[part[1]] if len(part) > 1 else ""
    ):
        part = part[1:]
    while part and _HEADING.match(lines[part[-1]].strip()):
        part = part[:-1]
    # a report that ends with its table is signed right after it (the agency, the date):
    # those lines are not cells. The agency line is the one non-value line between the
    # table's last figure and the date (a row label would be followed by its figures).
    if part and _DATE_LINE.match(lines[part[-1]]):
        part = part[:-1]
        if len(part) >= 2 and not is_value(lines[part[-1]]) and is_value(lines[part[-2]]):
            part = part[:-1]
    return part


# ---------------------------------------------------------------------- main


def _unclosed_last(texts: list[str]) -> bool:
    """The last of these lines lacks the closing bar most of the others end with."""
    ends = [t.rstrip().endswith("|") for t in texts]
    return bool(ends) and not ends[-1] and sum(ends[:-1]) >= max(2, 0.67 * (len(ends) - 1))


def split_lines(lines: list[str]) -> list[Piece]:
    """Split text lines into paragraph pieces and flattened-table pieces, in order."""
    n = len(lines)
    kinds = [_kind(x) for x in lines]
    taken = [False] * n
    found: list[Piece] = []

    # 0. pipe rows whose bars were wrapped onto lines of their own
    for a, b, rows, open_end in _lead_rows(lines, kinds):
        for k in range(a, b + 1):
            taken[k] = True
        table = Table.from_rows(rows, source="pipe")
        table.open_end = open_end
        found.append(Piece("table", a, b, table=table))
    # rows in whitespace-separated columns under a header of column names
    for a, b, rows in _space_tables(lines, kinds):
        if any(taken[a:b + 1]):
            continue
        for k in range(a, b + 1):
            taken[k] = True
        found.append(Piece("table", a, b, table=Table.from_rows(rows, source="pipe")))
    # elsewhere a "| cell" line is an ordinary pipe line
    kinds = [("pipe" if x == "lead" else x) if not t else "taken" for x, t in zip(kinds, taken)]

    # 1. pipe rows (and one-cell-per-line variants written with trailing bars); a
    # markdown row wrapped mid-cell is one row
    wrapped = _wrapped_md_rows(lines, kinds)
    cont = {j for js in wrapped.values() for j in js}
    logical = {k: join_wrapped([lines[k]] + [lines[j] for j in js]) for k, js in wrapped.items()}
    run_kinds = ["pipe" if k in cont else x for k, x in enumerate(kinds)]
    for a, b in _pipe_runs(run_kinds):
        content = [k for k in range(a, b + 1) if run_kinds[k] == "pipe" and k not in cont]
        if len(content) < 2:
            continue
        rows = [_pipe_cells(logical.get(k, lines[k])) for k in content]
        single = sum(1 for r in rows if sum(1 for c in r if c) <= 1)
        if single == len(rows) and not any(kinds[k] == "sep" for k in range(a, b + 1)):
            # lines that merely end with a bar, no row ever has 2 cells and no separators:
            # a stream only if long enough, otherwise leave as paragraphs
            if len(rows) < MIN_STREAM_LINES:
                continue
        # bare "|" lines between cells ending in bars: blank cells of a one-cell-per-line
        # stream; a "| 25 |" line then continues the row above (x42: 25 |/|/…/| 25 |)
        bars = not wrapped and len(rows) >= 4 and any(lines[k].strip() == "|" for k in range(a, b + 1))
        lead_cont = bars and any(lines[k].strip()[:1] == "|" and lines[k].strip() != "|"
                                 and lines[k].strip()[1:2] != "|" and lines[k].replace("|", "").strip()
                                 for k in range(a, b + 1))
        if len(rows) >= 4 and (single >= 0.7 * len(rows) or lead_cont):
            if bars:
                cells = _bar_stream_cells([lines[k] for k in range(a, b + 1)])
            else:
                cells = [c for r in rows for c in r if c]
            table = _stream_table(cells)
            table.open_end = _unclosed_last([logical.get(k, lines[k]) for k in content])
        else:
            if max(sum(1 for c in r if c) for r in rows) < 2:
                continue
            table = Table.from_rows(join_continued(rows), source="pipe")
            table.open_end = _unclosed_last([logical.get(k, lines[k]) for k in content])
        for k in range(a, b + 1):
            taken[k] = True
        found.append(Piece("table", a, b, table=table))

    # 2. cells separated by bare "|" lines
    for a, b, cells, open_end in _sep_stream(lines, kinds, taken):
        for k in range(a, b + 1):
            taken[k] = True
        table = _stream_table(cells)
        table.open_end = open_end
        found.append(Piece("table", a, b, table=table))

    # 3. bare streams of short lines with many values
    for a, b in _bare_streams(lines, kinds, taken):
        cells = join_vertical([lines[k].strip() for k in range(a, b + 1) if kinds[k] != "blank"])
        for k in range(a, b + 1):
            taken[k] = True
        found.append(Piece("table", a, b, table=_stream_table(cells)))

    # paragraphs: every non-blank line not inside a table
    for k in range(n):
        if not taken[k] and kinds[k] != "blank":
            found.append(Piece("paragraph", k, k, text=lines[k]))
    found.sort(key=lambda p: p.first_line)
    return found


def add_lines(builder, lines: list[str], page: int | None = None) -> None:
    """Add ``lines`` to a DocumentBuilder as paragraphs and recognised tables."""
    for p in split_lines(lines):
        if p.kind == "table":
            builder.add_table(p.table, page=page)
        else:
            builder.add_paragraph(p.text, page=page)
