"""Ruled tables on a page, and a table that continues on the next page joined into one.

:class:`PTable` is a table found on one page with its geometry (column and row
boundaries in PDF points), built by the PDF loader (pdfplumber's table finder) and by OCR
(rules found in the image). :func:`join_tables` appends a table's continuation: a
repeated header row is dropped; a row split by the page break (its continuation row only
has text where the previous row has text and leaves some of those cells empty) is glued
back into the previous row, and an empty cell continuing a vertically merged cell
extends that cell's rowspan. Whether two tables continue each other is decided by
:func:`paragraphs.emit` (last on one page, first on the next, :func:`same_columns`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Cell
from .lines import Ch, build_lines
from .text import join_cjk


@dataclass
class PTable:
    """A table found on one page, with its geometry (for cross-page joins)."""

    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    n_rows: int
    n_cols: int
    first_on_page: bool = False
    last_on_page: bool = False
    extra_pages: list[int] = field(default_factory=list)


def cell_text(chars: list[Ch]) -> str:
    """A cell's characters as one string: its visual lines joined (CJK-aware)."""
    lines = build_lines(chars)
    text = ""
    for ln in lines:
        text = join_cjk(text, ln.text.strip())
    return text


def same_columns(a: PTable, b: PTable, tol: float = 3.0) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= tol for x, y in zip(a.xs, b.xs))


def covering(cells: list[Cell], row: int, col: int) -> Cell | None:
    """The cell that covers grid slot (row, col), merged cells included."""
    for c in cells:
        if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
            return c
    return None


def join_tables(a: PTable, b: PTable) -> None:
    """Append table ``b`` (next page) to ``a`` in place."""
    a_first = sorted((c for c in a.cells if c.row == 0), key=lambda c: c.col)
    b_first = sorted((c for c in b.cells if c.row == 0), key=lambda c: c.col)
    b_cells = list(b.cells)
    b_rows = b.n_rows
    # repeated header row
    if (
        b_first
        and [(c.col, c.colspan, c.text) for c in a_first] == [(c.col, c.colspan, c.text) for c in b_first]
        and any(c.text for c in b_first)
        and all(c.rowspan == 1 for c in b_first)
    ):
        b_cells = [c for c in b_cells if c.row != 0]
        for c in b_cells:
            c.row -= 1
        b_rows -= 1
        b_first = sorted((c for c in b_cells if c.row == 0), key=lambda c: c.col)
    last = a.n_rows - 1
    above = {c.col: covering(a.cells, last, c.col) for c in b_first}
    aligned = all(
        above[c.col] is not None and above[c.col].col == c.col and above[c.col].colspan == c.colspan
        for c in b_first
    )
    merged_ids: set[int] = set()
    if b_first and aligned:
        nonempty = [c for c in b_first if c.text]
        above_full = [c for c in b_first if above[c.col].text]
        # a row split by the page break: text only where the row above has text, some
        # single-row cells (scores) already complete above, and most cells empty
        split_row = (
            bool(nonempty)
            and all(above[c.col].text for c in nonempty)
            and any(not c.text and above[c.col].text and above[c.col].rowspan == 1 for c in b_first)
            and len(nonempty) * 2 <= len(above_full)
        )
        for c in b_first:
            up = above[c.col]
            if split_row or (not c.text and up.rowspan > 1):
                if c.text:
                    up.text = join_cjk(up.text, c.text)
                up.rowspan += c.rowspan - 1 + (0 if split_row else 1)
                merged_ids.add(id(c))
        if split_row:
            # the first row of b *is* a's last row: shift b up by one
            for c in b_cells:
                if id(c) not in merged_ids:
                    c.row += a.n_rows - 1
            a.n_rows += b_rows - 1
        else:
            for c in b_cells:
                if id(c) not in merged_ids:
                    c.row += a.n_rows
            a.n_rows += b_rows
    else:
        for c in b_cells:
            c.row += a.n_rows
        a.n_rows += b_rows
    a.cells.extend(c for c in b_cells if id(c) not in merged_ids)
    a.ys = a.ys + b.ys
    a.extra_pages.append(b.page)
    a.last_on_page = b.last_on_page
