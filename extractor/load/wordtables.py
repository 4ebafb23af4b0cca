"""Tables of Word's own formats (.doc, RTF) as the .docx loader builds them.

Both formats describe a table as a stream of paragraphs with a nesting depth, cell
ends and row ends, and give each row its cell edges (twips) and merge flags. This
module turns that stream into grid tables:

* columns come from the union of all rows' cell edges, so a cell wider than the grid
  gets a colspan (what ``w:gridSpan`` says in a .docx);
* a vertically merged cell is absorbed into the cell that starts the merge (rowspan),
  a legacy horizontal merge into the cell before it;
* a table nested in a cell is emitted as its own table right after the table that
  contains it (depth first, in reading order), and the outer cell keeps only its own
  paragraphs — the order the .docx loader uses;
* a 1×1 table is a framed text box: its text becomes a paragraph.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..model import Cell, Table

MAX_GRID_COLS = 1000
MAX_DEPTH = 64
MAX_ROW_CELLS = 1000  # Word rows have at most 63 cells
EDGE_SLACK = 4  # twips: edges this close are one edge (rounding in the writer)

# TC flags (the .doc TC80 ``tcgrf`` bits, also used for RTF's \clmgf/\clvmgf…)
H_FIRST, H_NEXT, V_MERGED, V_RESTART = 0x01, 0x02, 0x20, 0x40


@dataclass
class RowProps:
    bounds: list[int] | None = None  # cell edges: left edge of cell 0, then right edges
    tcgrf: list[int] = field(default_factory=list)  # per-cell merge flags
    vmerge: dict[int, int] = field(default_factory=dict)  # cell index -> 1 continue / 3 restart


@dataclass
class Row:
    cells: list[str]
    props: RowProps


def build_grid_table(rows: list[Row]) -> Table:
    """Grid table from rows: columns from the union of the rows' cell edges."""
    geo = []
    for row in rows:
        b = row.props.bounds
        ok = b is not None and len(b) == len(row.cells) + 1 and all(x < y for x, y in zip(b, b[1:]))
        geo.append(ok)
    edges = sorted({x for row, ok in zip(rows, geo) if ok for x in row.props.bounds})  # type: ignore[union-attr]
    grid: list[int] = []
    for x in edges:
        if grid and x - grid[-1] <= EDGE_SLACK:
            continue
        grid.append(x)
    use_geo = 1 < len(grid) <= MAX_GRID_COLS + 1

    def col_of(x: int) -> int:
        return max(bisect_right(grid, x + EDGE_SLACK) - 1, 0)

    cells: list[Cell] = []
    open_v: dict[int, Cell] = {}
    n_cols = 0
    for r, (row, ok) in enumerate(zip(rows, geo)):
        seen: set[int] = set()
        col = 0
        for k, text in enumerate(row.cells):
            if use_geo and ok:
                b = row.props.bounds  # type: ignore[assignment]
                col = max(col_of(b[k]), col)
                span = max(col_of(b[k + 1]) - col, 1)
            else:
                span = 1
            grf = row.props.tcgrf[k] if k < len(row.props.tcgrf) else 0
            vm = row.props.vmerge.get(k)
            v_continue = (grf & V_MERGED and not grf & V_RESTART) or vm == 1
            v_restart = (grf & V_MERGED and grf & V_RESTART) or vm == 3
            h_next = bool(grf & H_NEXT) and not grf & H_FIRST
            if h_next and cells and cells[-1].row == r and cells[-1].col + cells[-1].colspan == col:
                cells[-1].colspan += span
                if text.strip():
                    cells[-1].text = (cells[-1].text + " " + text).strip()
            elif v_continue and col in open_v and open_v[col].colspan == span:
                above = open_v[col]
                above.rowspan = r - above.row + 1
                if text.strip():
                    above.text = (above.text + " " + text).strip()
            else:
                c = Cell(r, col, text, rowspan=1, colspan=span)
                cells.append(c)
                if v_restart:
                    open_v[col] = c
                else:
                    open_v.pop(col, None)
            seen.update(range(col, col + span))
            col += span
        for k in list(open_v):
            if k not in seen:
                open_v.pop(k)
        n_cols = max(n_cols, col)
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, source="grid")


@dataclass
class _Level:
    rows: list[Row] = field(default_factory=list)
    row_cells: list[str] = field(default_factory=list)
    cell_parts: list[str] = field(default_factory=list)
    children: list = field(default_factory=list)  # finished nested tables, reading order


@dataclass
class _Node:
    table: Table | None
    children: list


class TableStack:
    """Collects table paragraphs by depth and hands finished tables to a DocumentBuilder."""

    def __init__(self, builder):
        self.b = builder
        self.levels: list[_Level] = []

    def _at(self, depth: int) -> _Level | None:
        depth = min(max(depth, 0), MAX_DEPTH)
        while len(self.levels) > depth:
            node = self._finish(self.levels.pop())
            if self.levels:
                self.levels[-1].children.append(node)
            else:
                self._emit(node)
        while len(self.levels) < depth:
            self.levels.append(_Level())
        return self.levels[-1] if self.levels else None

    def _finish(self, lvl: _Level) -> _Node:
        if lvl.cell_parts or lvl.row_cells:  # a row without its end mark (damage)
            if lvl.cell_parts:
                lvl.row_cells.append(" ".join(lvl.cell_parts))
            lvl.rows.append(Row(lvl.row_cells, RowProps()))
        return _Node(build_grid_table(lvl.rows) if lvl.rows else None, lvl.children)

    def _emit(self, node: _Node) -> None:
        t = node.table
        if t is not None:
            if t.n_rows == 1 and t.n_cols == 1:
                if t.cells and t.cells[0].text.strip():
                    self.b.add_paragraph(t.cells[0].text)
            else:
                self.b.add_table(t)
        for child in node.children:
            self._emit(child)

    def close(self) -> None:
        """End every open table (a paragraph outside tables follows, or the text ends)."""
        self._at(0)

    def text(self, depth: int, text: str) -> None:
        """A paragraph inside a cell at ``depth`` (≥ 1)."""
        lvl = self._at(depth)
        if lvl is not None and text.strip():
            lvl.cell_parts.append(text.strip())

    def cell_end(self, depth: int, text: str) -> None:
        lvl = self._at(depth)
        if lvl is None:
            return
        if text.strip():
            lvl.cell_parts.append(text.strip())
        if len(lvl.row_cells) < MAX_ROW_CELLS:
            lvl.row_cells.append(" ".join(lvl.cell_parts))
        elif lvl.cell_parts:  # damage: more cells than any Word table has; keep the text
            lvl.row_cells[-1] = (lvl.row_cells[-1] + " " + " ".join(lvl.cell_parts)).strip()
        lvl.cell_parts = []

    def row_end(self, depth: int, text: str, props: RowProps) -> None:
        lvl = self._at(depth)
        if lvl is None:
            return
        if text.strip():
            lvl.cell_parts.append(text.strip())
        if lvl.cell_parts:
            lvl.row_cells.append(" ".join(lvl.cell_parts))
            lvl.cell_parts = []
        lvl.rows.append(Row(lvl.row_cells, props))
        lvl.row_cells = []
