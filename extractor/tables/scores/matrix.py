"""A results table of many assessed bodies (排名表 / 考核成绩表) -> one score table per body.

The evaluator publishes one row per assessed body, the criteria as columns whose header
names a score and states its points ("政务公开及日常更新得分(77)"), a 总得分 column with
the row's total ("总得分(100)"), often a 排名 column:

    排名 | 地市名称 | 总得分(100) | 政务公开及日常更新得分(77) | 在线服务得分(9) | …
    1    | 成都市   | 96.4        | 74.4                     | 8              | …

ANNOTATE.md reads it as one score table per body: items = the criterion columns (max =
the header's points, score = the body's cell), path [the body], stated_score = the row's
total cell, stated_max = the total column's points.  ``read_per_body`` builds that only
as a declared layout whose arithmetic checks out: every criterion column states its points,
a total column exists, the columns' points add up to the total column's (when it states
them), and on every row the criteria's cells add up to the total cell, none above its
column's points.  A header of this shape that fails any of this gives no items and a
warning: its cells are no row's max (a "…得分(N)" column is a SCORE column worth N, never
the scale of a row), and no other reader takes the table.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ...model import Document, Warning_
from .draft import Draft, Item
from .regions import CellRef, Region
from .vocabulary import header_role, is_total, points, rounded, vocab

MAX_HEADER_ROW = 4  # the header is one of the first rows
MIN_CRITERIA = 2
EPS = 1e-6


@dataclass
class _Column:
    k: int
    name: str
    pts: float | int | None


@dataclass
class PerBody:
    """A header of the per-body shape: criterion columns, the total column, the name column."""

    row: int
    criteria: list[_Column]
    total: _Column | None
    n_cols: int
    plain: bool = False  # the header prints no points and no 得分 word (see ``_plain_header``)


def _split_points(text: str) -> tuple[str, float | int | None]:
    """'在线服务得分(9)' -> ('在线服务得分', 9); no bracketed points -> (text, None)."""
    t = text.replace(" ", "")
    m = vocab().per_body["column_points"].search(t)
    if m is None:
        return t, None
    return t[: m.start()], points(m.group("pts"))


def _criterion_name(name: str) -> bool:
    """A score column named after a criterion ('在线服务得分'), not a bare column word
    ('得分', '考核得分': the header words of an ordinary score table)."""
    if header_role(name) != "score" or is_total(name):
        return False
    return not any(name == w for ws in vocab().header.values() for w in ws)


def per_body_header(rows: list[list[CellRef]]) -> PerBody | None:
    """The first header row naming >= 2 criterion score columns and no max column."""
    for h in range(min(MAX_HEADER_ROW, len(rows))):
        cells = rows[h]
        crit: list[_Column] = []
        total = None
        other_points_role = False
        for k, c in enumerate(cells):
            text = c.text.strip()
            if not text:
                continue
            name, pts = _split_points(text)
            if is_total(name):
                total = total or _Column(k, name, pts)
            elif _criterion_name(name):
                crit.append(_Column(k, name, pts))
            elif header_role(name) in ("max", "self_score", "deduct", "bonus", "minus"):
                other_points_role = True
        if len(crit) >= MIN_CRITERIA and not other_points_role:
            return PerBody(h, crit, total, len(cells))
    return None


def _plain_header(cells: list[CellRef]) -> PerBody | None:
    """A header of names only: the bodies' column first, >= 2 criterion columns naming no
    header role and printing no points, the total column (合计/总分) last
    ("县市 | 基础工作情况 | 主动公开信息 | 依申请公开信息 | 其他 | 合计")."""
    named = [(k, c.text.replace(" ", "")) for k, c in enumerate(cells) if c.text.strip()]
    if len(named) < MIN_CRITERIA + 2 or len(named) != len(cells):
        return None
    (_, first), (tk, last) = named[0], named[-1]
    if not is_total(last) or _split_points(last)[1] is not None or header_role(first) not in (None, "label", "index"):
        return None
    crit = []
    for k, t in named[1:-1]:
        if not _column_name(t) or header_role(t) is not None or is_total(t) or _split_points(t)[1] is not None:
            return None
        crit.append(_Column(k, t, None))
    return PerBody(0, crit, _Column(tk, last, None), len(cells), plain=True)


MAX_TITLE_BLOCKS = 3
MAX_TITLE_CHARS = 80


def results_title(doc, reg: Region) -> bool:
    """A title naming the bodies' results (``per_body.plain_title``) in the short
    paragraphs right above the table."""
    title = vocab().per_body["plain_title"]
    k = reg.block_index - 1
    seen = 0
    while k >= 0 and seen < MAX_TITLE_BLOCKS and doc.blocks[k].kind == "paragraph":
        t = doc.blocks[k].text.replace(" ", "")
        if len(t) <= MAX_TITLE_CHARS and title.search(t):
            return True
        k -= 1
        seen += 1
    return False


MAX_BROKEN_ROW = 3  # cells of a "row" the text loader cut at a broken name


def _line_broken_cells(doc, reg: Region) -> Region | None:
    """Cells written one per line after a bar, a long name broken over two lines
    ("| 基础工\n作情况\n| 主动公\n开信息"): the text tables' rows are cut at those breaks.
    Only when the loader's rows have that shape (a few cells in each row cut at a break,
    the rest of the table in the last row), in reading order, a cell followed by another
    with only a line break between them is one cell. None otherwise."""
    if len(reg.rows) < 2 or any(len(r) > MAX_BROKEN_ROW for r in reg.rows[:-1]) \
            or len(reg.rows[-1]) <= MAX_BROKEN_ROW:
        return None  # rows of a table, not a run of cells cut at its broken names
    cells = [c for row in reg.rows for c in row if c.text.strip()]
    out: list[CellRef] = []
    for c in cells:
        gap = doc.text[out[-1].end:c.start] if out else "|"
        if out and "\n" in gap and not gap.strip():
            p = out[-1]
            out[-1] = CellRef(p.text + c.text, p.start, c.end)
        else:
            out.append(c)
    if len(out) == len(cells):
        return None
    return Region("stream", cells=out, start=reg.start, end=reg.end, block_index=reg.block_index,
                  last_block=reg.last_block, page=reg.page, from_table=reg.from_table)


def read_per_body(doc, reg: Region) -> tuple[list[Draft], list[Warning_]] | None:
    """None when the region has no per-body header (other readers take it); else the
    tables (one per body) or no table and a warning saying why."""
    if reg.kind == "rows" and not reg.grid and reg.rows and per_body_header(reg.rows) is None \
            and _plain_header(reg.rows[0]) is None:
        broken = _line_broken_cells(doc, reg)
        if broken is not None:
            reg = broken
    if reg.kind == "stream":
        reg = _stream_rows(reg)
        if reg is None:
            return None
    if reg.kind != "rows" or not reg.rows:
        return None
    head = per_body_header(reg.rows)
    if head is None and reg.rows:
        head = _plain_header(reg.rows[0])
        if head is not None and not results_title(doc, reg):
            return None  # names and a 合计 column under no results title: counts, not scores
    if head is None:
        return None
    where = (reg.start, reg.end)

    def refuse(code: str, why: str):
        return [], [Warning_(code, f"results table of several bodies (one row per body, criteria as "
                                   f"columns): {why}; not read", reg.page, where)]

    missing = [c.name for c in head.criteria if c.pts is None and not head.plain]
    if missing:
        return refuse("header_unrecognised", f"the points of column(s) {', '.join(missing)} are not in the header")
    if head.total is None:
        return refuse("header_unrecognised", "no total column (总得分/合计) to check the rows by")
    col_sum = rounded(sum(c.pts for c in head.criteria)) if not head.plain else None
    if col_sum is not None and head.total.pts is not None and abs(col_sum - head.total.pts) > EPS:
        return refuse("table_row_sum", f"the columns' points add up to {col_sum}, the total column states {head.total.pts}")
    # the header printed again over the rows of the next page (a table across a page
    # break) is the same header, no body's row
    head_texts = [c.text.strip() for c in reg.rows[head.row] if c.text.strip()]
    data = [r for r in reg.rows[head.row + 1:] if any(c.text.strip() for c in r)
            and [c.text.strip() for c in r if c.text.strip()] != head_texts]
    used = {c.k for c in head.criteria} | {head.total.k}
    name_col = _name_column(data, used)
    if name_col is None:
        return refuse("header_unrecognised", "no column names the bodies")
    tables: list[Draft] = []
    warnings: list[Warning_] = []
    for n, row in enumerate(data):
        cells = {k: c for k, c in enumerate(row) if c.text.strip()}
        body = cells.get(name_col)
        figures = {c.k: points(cells[c.k].text) if c.k in cells else None for c in head.criteria}
        stated = points(cells[head.total.k].text) if head.total.k in cells else None
        if body is None or stated is None or any(x is None for x in figures.values()):
            if n == len(data) - 1 and tables and max(cells, default=-1) < head.n_cols - 1:
                # the last row stops short of its cells (the end of an excerpt): left out
                warnings.append(Warning_("table_row_shape", "results table: last row cut by the end of the text, "
                                         f"left out: {body.text if body else ''}", reg.page, where))
                break
            return refuse("table_row_shape", f"row {n + 1} lacks a name, a figure or its total")
        got = rounded(sum(figures.values()))
        if abs(got - stated) > EPS:
            return refuse("table_row_sum", f"{body.text}: its criteria add up to {got}, its total is {stated}")
        over = [c.name for c in head.criteria
                if (c.pts is not None and figures[c.k] > c.pts + EPS) or figures[c.k] < 0]
        if over:
            return refuse("table_row_sum", f"{body.text}: {', '.join(over)} above the column's points")
        t = Draft(start=body.start, end=max(c.end for c in cells.values()), page=reg.page,
                  block_index=reg.block_index, last_block=reg.last_block, from_table=reg.from_table,
                  per_body=True)
        t.items = [Item([body.text], c.name, c.pts, figures[c.k], cells[c.k].start, cells[c.k].end)
                   for c in head.criteria]
        t.stated_score = stated
        t.stated_max = head.total.pts
        tables.append(t)
    return tables, warnings


def _name_column(data: list[list[CellRef]], used: set[int]) -> int | None:
    """The column whose cells name the bodies: the first column outside the criteria and
    the total whose cells are text on (nearly) every row."""
    if not data:
        return None
    width = max(len(r) for r in data)
    for k in range(width):
        if k in used:
            continue
        texts = [r[k].text.strip() for r in data if k < len(r) and r[k].text.strip()]
        named = [t for t in texts if points(t) is None]
        if len(named) * 2 > len(data) and len(named) == len(texts):
            return k
    return None


MAX_HEADER_CELL = 24  # characters of a column name, its points included


def _stream_rows(reg: Region) -> Region | None:
    """Cells in reading order (one cell per line): the header is the run of column names
    right before the first figure; when it is a per-body header, the cells after it are
    cut into rows of its width (a wrong cut fails the rows' sums, so nothing is read)."""
    cells = [c for c in reg.cells if c.text.strip()]
    first = next((i for i, c in enumerate(cells) if points(c.text) is not None), None)
    if first is None or first < MIN_CRITERIA + 1:
        return None
    h = first
    while h > 0 and _column_name(cells[h - 1].text):
        h -= 1
    header = cells[h:first]
    if per_body_header([header]) is None:
        # a header of names only ends with its total column; the cell after it is the
        # first body's name (its column comes first in every row)
        t = max((i for i, c in enumerate(header) if is_total(c.text.replace(" ", ""))), default=None)
        if t is None or len(header) - t > 2 or _plain_header(header[:t + 1]) is None:
            return None
        header = header[:t + 1]
        first = h + t + 1
    width = len(header)
    data = cells[first:]
    rows = [header] + [data[i:i + width] for i in range(0, len(data), width)]
    return Region("rows", rows=rows, start=header[0].start, end=reg.end, block_index=reg.block_index,
                  last_block=reg.last_block, page=reg.page, from_table=reg.from_table)


def _column_name(text: str) -> bool:
    """A short cell with no figure outside its bracketed points ('在线服务得分(9)', '排名')."""
    name, _ = _split_points(text)
    return 0 < len(text.replace(" ", "")) <= MAX_HEADER_CELL and points(name) is None \
        and not any(ch.isdigit() for ch in name)


_COLUMN_GAP = regex.compile(r"\t+|\s{2,}")
MIN_WHITESPACE_CELLS = 3


def whitespace_regions(doc: Document) -> list[Region]:
    """Results tables written in whitespace columns (tabs or runs of spaces), which the
    loader leaves as paragraphs when no cell is a long text: a paragraph whose cells are
    a per-body header, with the paragraphs below it of as many cells or fewer as its rows."""
    out: list[Region] = []
    blocks = doc.blocks
    k = 0
    while k < len(blocks):
        b = blocks[k]
        head = _ws_cells(b) if b.kind == "paragraph" and ("\t" in b.text or "  " in b.text) else None
        if not head or len(head) < MIN_WHITESPACE_CELLS or per_body_header([head]) is None:
            k += 1
            continue
        rows = [head]
        j = k + 1
        while j < len(blocks) and blocks[j].kind == "paragraph":
            cells = _ws_cells(blocks[j])
            if len(cells) < MIN_WHITESPACE_CELLS or len(cells) > len(head):
                break
            rows.append(cells)
            j += 1
        out.append(Region("rows", rows=rows, start=b.start, end=blocks[j - 1].end, block_index=k,
                          last_block=j - 1, page=b.page))
        k = j
    return out


def _ws_cells(b) -> list[CellRef]:
    cells = []
    pos = 0
    for m in list(_COLUMN_GAP.finditer(b.text)) + [None]:
        end = m.start() if m is not None else len(b.text)
        part = b.text[pos:end]
        if part.strip():
            a = len(part) - len(part.lstrip())
            cells.append(CellRef(part.strip(), b.start + pos + a, b.start + pos + a + len(part.strip())))
        if m is not None:
            pos = m.end()
    return cells
