"""Row sources for the score-table reader.

The readers (``grid.py``, ``stream.py``) work on *row lists*: ``list[list[CellRef]]`` where a
CellRef is a cell's text with its span in ``doc.text``.  This module produces them

* from Table blocks (``table_rows``): expanded grids when the table has merged cells
  (a merged cell is repeated in every row it covers, with ``span_rows`` > 1), the
  cells as written otherwise (flattened layouts whose merged leading cells are missing);
* from paragraphs when a loader left a flattened table as text (``paragraph_regions``):
  one row per line (``a | b | c |``), one cell per line with ``||`` row ends, cells
  separated by lines holding only ``|``, or one cell per line without any bar after a
  header (分值 / 评分标准 ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ...model import Block, Document, Table


@dataclass
class CellRef:
    text: str
    start: int
    end: int
    span_rows: int = 1  # rows this (merged) cell covers in a real grid
    first: bool = True  # False when this is a repeat of a merged cell from above/left
    key: int = -1  # identity of the underlying cell (same for repeats)


@dataclass
class Region:
    """A candidate table: rows (kind "rows") or a flat cell sequence (kind "stream")."""

    kind: str  # "rows" | "stream"
    rows: list[list[CellRef]] = field(default_factory=list)
    cells: list[CellRef] = field(default_factory=list)
    start: int = 0
    end: int = 0
    block_index: int = -1  # first block of the region
    last_block: int = -1
    page: int | None = None
    grid: bool = False  # rows come from an expanded grid (positions are exact)
    from_table: bool = False


def _strip(text: str, start: int, end: int) -> CellRef:
    """CellRef with surrounding whitespace trimmed (offsets follow)."""
    a = len(text) - len(text.lstrip())
    b = len(text.rstrip())
    if b <= a:
        return CellRef("", start + a, start + a)
    return CellRef(text[a:b], start + a, start + b)


def table_rows(block: Block, index: int) -> Region:
    t: Table = block.table  # type: ignore[assignment]
    merged = any(c.rowspan > 1 or c.colspan > 1 for c in t.cells)
    reg = Region("rows", start=block.start, end=block.end, block_index=index, last_block=index,
                 page=block.page, from_table=True)
    if t.source == "stream":
        reg.kind = "stream"
        for c in sorted(t.cells, key=lambda c: (c.row, c.col)):
            reg.cells.append(CellRef(c.text.strip(), c.start, c.end, key=id(c)))
        return reg
    if merged:
        reg.grid = True
        g = t.grid()
        for r, row in enumerate(g):
            out: list[CellRef] = []
            prev = None
            for k, c in enumerate(row):
                if c is None:
                    out.append(CellRef("", block.start, block.start))
                    prev = None
                    continue
                if c is prev:  # horizontal span: keep one cell, blank the rest
                    out.append(CellRef("", c.end, c.end, key=id(c), first=False))
                    continue
                prev = c
                out.append(CellRef(c.text.strip(), c.start, c.end, span_rows=c.rowspan,
                                   first=(c.row == r), key=id(c)))
            reg.rows.append(out)
    else:
        for row in t.rows():
            reg.rows.append([CellRef(c.text.strip(), c.start, c.end, key=id(c)) for c in row])
    return reg


# ---------------------------------------------------------------- paragraphs
_PIPES_ONLY = regex.compile(r"^\s*[|｜]+\s*$")


def _split_line(text: str, start: int) -> list[CellRef]:
    cells = []
    pos = 0
    for part in text.split("|"):
        cells.append(_strip(part, start + pos, start + pos + len(part)))
        pos += len(part) + 1
    # a trailing bar closes the last cell: drop the empty remainder
    if len(cells) > 1 and not cells[-1].text:
        cells.pop()
    return cells


def paragraph_regions(doc: Document, header_re: regex.Pattern, points_re: regex.Pattern, max_gap: int = 3) -> list[Region]:
    """Flattened tables left as paragraphs (the loader did not make them Table blocks)."""
    blocks = doc.blocks
    regions: list[Region] = []
    i = 0
    n = len(blocks)
    while i < n:
        b = blocks[i]
        if b.kind != "paragraph" or "|" not in b.text:
            i += 1
            continue
        # a run of paragraphs with bars, tolerating short gaps of bar-less lines
        j = i
        last_bar = i
        k = i + 1
        while k < n and blocks[k].kind == "paragraph":
            if "|" in blocks[k].text:
                last_bar = k
            elif k - last_bar > max_gap:
                break
            k += 1
        j = last_bar
        # include the bar-less cell lines right before the first bar line of a
        # separator-style stream (s26 style: cell / "|" / cell / "|")
        run = list(range(i, j + 1))
        regions.extend(_regions_from_run(doc, run))
        i = j + 1
    # bar-less streams after a header of one short cell per line
    regions.extend(_barless_streams(doc, header_re, points_re))
    return regions


def _regions_from_run(doc: Document, run: list[int]) -> list[Region]:
    """Rows layouts are cut at bar-less lines (a title or note between two tables);
    separator streams keep their bar-less cell lines."""
    reg = _region_from_run(doc, run)
    if reg is None:
        return []
    if reg.kind == "stream":
        return [reg]
    parts: list[list[int]] = [[]]
    for k in run:
        if "|" in doc.blocks[k].text:
            parts[-1].append(k)
        elif parts[-1]:
            parts.append([])
    if len(parts) == 1:
        return [reg]
    out = []
    for part in parts:
        if part:
            r = _region_from_run(doc, part)
            if r is not None:
                out.append(r)
    return out


def _region_from_run(doc: Document, run: list[int]) -> Region | None:
    blocks = doc.blocks
    lines = [blocks[k] for k in run]
    content = [b for b in lines if not _PIPES_ONLY.match(b.text)]
    if not content:
        return None
    inner = sum(1 for b in content if "|" in b.text.rstrip().rstrip("|"))
    trailing = sum(1 for b in content if b.text.rstrip().endswith("|") and "|" not in b.text.rstrip()[:-1])
    reg = Region("rows", start=lines[0].start, end=lines[-1].end, block_index=run[0],
                 last_block=run[-1], page=lines[0].page)
    if inner * 2 >= len(content):
        # one row per line
        for b in lines:
            if _PIPES_ONLY.match(b.text):
                continue
            reg.rows.append(_split_line(b.text, b.start))
        return reg
    if trailing * 2 >= len(content):
        # one cell per line ("x |"), rows closed by bar-only lines
        row: list[CellRef] = []
        for b in lines:
            if _PIPES_ONLY.match(b.text):
                if row:
                    reg.rows.append(row)
                row = []
                continue
            row.extend(_split_line(b.text, b.start))
        if row:
            reg.rows.append(row)
        return reg
    # cells separated by bar-only lines; a cell may span several lines
    reg.kind = "stream"
    # extend backwards over bar-less lines directly before the first bar line
    k = run[0] - 1
    first_lines: list[Block] = []
    while k >= 0 and blocks[k].kind == "paragraph" and "|" not in blocks[k].text and len(first_lines) < 3:
        first_lines.insert(0, blocks[k])
        k -= 1
    # only the nearest line(s) belong to the first cell: keep the last one
    pre = first_lines[-1:] if first_lines else []
    cur: list[Block] = list(pre)
    for b in lines:
        if _PIPES_ONLY.match(b.text) or "|" in b.text:
            if cur:
                reg.cells.append(_join_cell(doc, cur))
            cur = []
            if not _PIPES_ONLY.match(b.text):
                for c in _split_line(b.text, b.start):
                    if c.text:
                        reg.cells.append(c)
            continue
        cur.append(b)
    if cur:
        reg.cells.append(_join_cell(doc, cur))
    # trailing bar-less lines after the last bar (the last cell's continuation)
    if pre:
        reg.start = pre[0].start
        reg.block_index = run[0] - 1
    k = run[-1] + 1
    if k < len(blocks) and blocks[k].kind == "paragraph" and "|" not in blocks[k].text and blocks[k].text.strip():
        reg.cells.append(_join_cell(doc, [blocks[k]]))
        reg.end = blocks[k].end
        reg.last_block = k
    return reg


def _join_cell(doc: Document, lines: list[Block]) -> CellRef:
    text = "".join(b.text.strip() for b in lines)
    c = _strip(lines[0].text, lines[0].start, lines[0].end)
    return CellRef(text, c.start, lines[-1].end)


def _barless_streams(doc: Document, header_re: regex.Pattern, points_re: regex.Pattern) -> list[Region]:
    """One cell per line, no bars: start at a header of >= 2 short header lines."""
    blocks = doc.blocks
    out: list[Region] = []
    n = len(blocks)
    i = 0
    while i < n:
        b = blocks[i]
        if b.kind != "paragraph" or "|" in b.text or len(b.text.strip()) > 8 or not header_re.search(b.text):
            i += 1
            continue
        k = i
        while k < n and blocks[k].kind == "paragraph" and len(blocks[k].text.strip()) <= 8 \
                and header_re.search(blocks[k].text) and "|" not in blocks[k].text:
            k += 1
        if k - i < 2 or not any(points_re.search(blocks[x].text) for x in range(i, k)):
            i += 1
            continue
        reg = Region("stream", start=blocks[i].start, block_index=i, page=blocks[i].page)
        j = i
        while j < n and blocks[j].kind == "paragraph" and "|" not in blocks[j].text and j - i < 400:
            bj = blocks[j]
            reg.cells.append(_strip(bj.text, bj.start, bj.end))
            j += 1
        reg.cells = _join_vertical(reg.cells)
        reg.end = blocks[j - 1].end
        reg.last_block = j - 1
        out.append(reg)
        i = j
    return out


_ONE_HAN = regex.compile(r"^\p{Han}$")
_NOT_A_LETTER = {"无", "是", "否"}  # one-character values, never part of a vertical label
MIN_VERTICAL = 3


def _join_vertical(cells: list[CellRef]) -> list[CellRef]:
    """A cell printed one character per line ("组" / "织" / "领" / "导" / "10" / "分"):
    a run of >= 3 single Han characters, with a figure and a lone 分 right after it, is
    one cell ("组织领导10分"), so no character is taken for a label of the figure."""
    out: list[CellRef] = []
    k, n = 0, len(cells)
    while k < n:
        j = k
        while j < n and _ONE_HAN.match(cells[j].text) and cells[j].text not in _NOT_A_LETTER:
            j += 1
        if j - k >= MIN_VERTICAL:
            if j + 1 < n and regex.fullmatch(r"\d{1,3}(?:\.\d)?", cells[j].text) and cells[j + 1].text == "分":
                j += 2
            out.append(CellRef("".join(c.text for c in cells[k:j]), cells[k].start, cells[j - 1].end))
            k = j
            continue
        out.append(cells[k])
        k += 1
    return out



# ---------------------------------------------------------------- a stream cut in two
MAX_WRAPPED_LINES = 3
MAX_WRAPPED_LINE = 40
_SENTENCE = regex.compile(r"[。;；!?！？]")


def join_cut_streams(doc: Document, regions: list[Region]) -> list[Region]:
    """A one-cell-per-line table the loader cut in two where a cell wrapped over lines
    ("|" / "政府购买" / "服务及社会资本合作(PPP)" / "|" / "0.1000 | …"): two stream tables
    with at most three short lines between them (no sentence, no attachment line or
    table title), the second starting with a figure, are one stream whose cell before that
    figure is the lines joined. ``regions`` sorted by start."""
    out: list[Region] = []
    for reg in regions:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == reg.kind == "stream" and prev.from_table and reg.from_table:
            between = doc.blocks[prev.last_block + 1:reg.block_index]
            first = next((c for c in reg.cells if c.text.strip()), None)
            if 1 <= len(between) <= MAX_WRAPPED_LINES and first is not None and _points_like(first.text) \
                    and all(b.kind == "paragraph" and 0 < len(b.text.strip()) <= MAX_WRAPPED_LINE
                            and not _SENTENCE.search(b.text) for b in between):
                lines = [_strip(b.text, b.start, b.end) for b in between]
                cell = CellRef("".join(c.text for c in lines), lines[0].start, lines[-1].end)
                out[-1] = Region("stream", cells=prev.cells + [cell] + reg.cells, start=prev.start, end=reg.end,
                                 block_index=prev.block_index, last_block=reg.last_block, page=prev.page,
                                 from_table=True)
                continue
        out.append(reg)
    return out


_FIGURE = regex.compile(r"^[+\-]?\d+(?:\.\d+)?\s*分?$")


def _points_like(text: str) -> bool:
    return bool(_FIGURE.match(text.strip()))


def sheet_cuts(start: int, end: int, has_figure, is_title) -> list[int]:
    """Where a table holding several sheets under one header starts a new sheet: item
    ``i`` (a row of a grid, a cell of a stream) in ``start..end`` that titles a sheet
    (``is_title(i)``) after items with figures since the last cut (``has_figure(i)``).
    The readers of both forms (``grid.row_sheets``, ``stream.stream_sheets``) cut here."""
    cuts: list[int] = []
    figures = False
    for i in range(start, end):
        if has_figure(i):
            figures = True
        elif figures and is_title(i):
            cuts.append(i)
            figures = False
    return cuts
