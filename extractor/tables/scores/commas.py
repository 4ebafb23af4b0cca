"""Rows of a table crawled as comma-separated text -> row regions.

Some forum and document-site copies print an HTML table as text with `` , `` between
cells and ``,,`` closing each row::

    , 区扶贫办(10.5分) , 扶贫信息(10.5分) , 是否公开扶贫清单和
    12317 扶贫监督电话(4.5分) , 公开扶贫清单2分,公开
    12317 扶贫监督电话2.5分. ,,
    , ,,
    是否公开扶贫政策…(6分) , 公开扶贫政策1分…. ,,

A leading ``, `` marks the start of a row (a row whose merged leading cells are missing
starts without it); a cell may wrap onto the next line (no ``,,`` at the line end); a
line of commas alone separates rows.  A comma inside a cell has no space on both sides
(``…情况5分,发布…``), so only a comma between blanks or a line edge is a separator
(patterns/score_tables.yaml ``comma_rows``).  ``comma_regions`` gives one ``Region`` of
rows per run of such lines; what the rows mean is the readers' business.
"""
from __future__ import annotations

from ...model import Document
from .regions import CellRef, Region
from .vocabulary import vocab

MIN_ROWS = 3  # rows closed by ",," that make a run a comma table
MAX_WRAP = 3  # lines a row may wrap over before its ",,"


def comma_regions(doc: Document) -> list[Region]:
    if ",," not in doc.text:
        return []  # no row closed: the literal every comma table holds (most documents)
    c = vocab().comma_rows
    blocks = doc.blocks
    out: list[Region] = []
    k, n = 0, len(blocks)
    while k < n:
        if not (_row_line(blocks[k], c) or (c["sep"].search(blocks[k].text) and _wraps(blocks, k, c) is not None)):
            k += 1
            continue
        # a run: lines closing a row, separator lines, and up to MAX_WRAP wrapped lines
        # before a closing one
        run: list[int] = []
        j = k
        while j < n and blocks[j].kind == "paragraph":
            if _row_line(blocks[j], c) or c["blank"].match(blocks[j].text):
                run.append(j)
                j += 1
                continue
            nxt = _wraps(blocks, j, c)
            if nxt is None:
                break
            run.extend(range(j, nxt + 1))
            j = nxt + 1
        reg = _region(doc, run)
        if reg is not None:
            out.append(reg)
        k = max(j, k + 1)
    return out


def _wraps(blocks, j: int, c) -> int | None:
    """The line closing the row that line ``j`` opens or continues (a row wrapped over
    at most MAX_WRAP lines), or None."""
    for x in range(j + 1, min(len(blocks), j + 1 + MAX_WRAP)):
        if blocks[x].kind != "paragraph" or c["blank"].match(blocks[x].text):
            return None
        if _row_line(blocks[x], c):
            return x
    return None


def _row_line(b, c) -> bool:
    return b.kind == "paragraph" and bool(c["row_end"].search(b.text)) and not c["blank"].match(b.text)


def _region(doc: Document, run: list[int]) -> Region | None:
    c = vocab().comma_rows
    blocks = doc.blocks
    rows: list[list[CellRef]] = []
    pending: list[tuple[str, int]] = []  # (line text, its start) of the row being built
    for k in run:
        b = blocks[k]
        if c["blank"].match(b.text):
            continue  # a separator line between rows
        pending.append((b.text, b.start))
        if c["row_end"].search(b.text):
            rows.append(_cells(pending, c))
            pending = []
    if sum(1 for r in rows if len(r) >= 2) < MIN_ROWS:
        return None
    first, last = blocks[run[0]], blocks[run[-1]]
    return Region("rows", rows=rows, start=first.start, end=last.end, block_index=run[0],
                  last_block=run[-1], page=first.page)


def _cells(lines: list[tuple[str, int]], c) -> list[CellRef]:
    """One row's cells: separators split, wrapped lines joined, the row-start mark and the
    row end dropped."""
    cells: list[list[tuple[str, int, int]]] = [[]]  # pieces (text, start, end) per cell
    for li, (text, start) in enumerate(lines):
        m = c["row_end"].search(text)
        body = text[:m.start()] if m else text
        pos = 0
        for sm in c["sep"].finditer(body):
            _piece(cells[-1], body, pos, sm.start(), start)
            cells.append([])
            pos = sm.end()
        _piece(cells[-1], body, pos, len(body), start)
    out = [CellRef("".join(t for t, _, _ in ps), ps[0][1], ps[-1][2]) if ps else CellRef("", 0, 0)
           for ps in cells]
    # the leading ", " marks the start of a row: the empty piece before it is no cell
    if len(out) > 1 and not out[0].text and c["row_start"].match(lines[0][0]):
        out = out[1:]
    for k, cell in enumerate(out):
        if not cell.text and k > 0:
            out[k] = CellRef("", out[k - 1].end, out[k - 1].end)
        elif not cell.text:
            out[k] = CellRef("", lines[0][1], lines[0][1])
    return out


def _piece(pieces: list, body: str, a: int, b: int, start: int) -> None:
    seg = body[a:b]
    lead = len(seg) - len(seg.lstrip())
    text = seg.strip()
    if text:
        pieces.append((text, start + a + lead, start + a + lead + len(text)))
