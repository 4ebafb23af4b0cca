"""An indicator table whose points are written in its cells, with no points column.

Some assessment indexes (指标体系) have a header of level names only (部门 | 三级指标 |
四级指标 | 备注) and give every level its points inside the cell: "区扶贫办(10.5分)",
"扶贫信息(10.5分)", "是否公开扶贫清单(4.5分)".  ``read_annotated`` reads such rows (from
table blocks, pipe rows or comma rows, patterns/score_tables.yaml ``annotated``):

* a row's leaf is its last cell with points (cells after it are notes: 备注), the
  cells with points before it are its categories; a row with fewer of them (merged
  cells left out by a crawl) inherits its leading categories from the row above;
* a one-cell row "(三)依申请公开(二级指标10分)" opens a section (the head of the paths);
* a range "(0.5-3.5分)" is points that depend on the body assessed: max null;
* the header row(s) are skipped; rows without points are notes.

Precision: the region must hold a header of level names and no points column (the
grid reader reads those), and some category with several sub-items must add up to its
points (ranges add up bound by bound) while no closed category contradicts them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Document
from .draft import Draft, Item
from .regions import CellRef, Region
from .vocabulary import P_ROLES, clean_label, header_role, points, rounded, vocab

MAX_HEADER_CELL = 10  # characters of a level name in the header


@dataclass
class _Node:
    name: str
    lo: float | int
    hi: float | int | None
    level: int
    kids: list = field(default_factory=list)
    leaf: Item | None = None


def cell_points(text: str) -> tuple[float | int, float | int | None] | None:
    """A cell's own points: (lo, hi) — hi None for one figure; None when the cell has no
    bracketed points or more than one (which one is the cell's is not certain)."""
    ms = list(vocab().annotated["cell_points"].finditer(text))
    if len(ms) != 1:
        return None
    m = ms[0]
    lo = rounded(float(m.group("lo")))
    hi = rounded(float(m.group("hi"))) if m.group("hi") else None
    if hi is not None and hi <= lo:
        return None
    return lo, hi


def _name(text: str) -> str:
    """A cell's name: the text before its points, numbering and notes removed."""
    m = vocab().annotated["cell_points"].search(text)
    head = text[:m.start()] if m else text
    return clean_label(head) or clean_label(text)


def is_level_header(row: list[CellRef]) -> bool:
    """A header of level names: >= 2 short cells naming a label or criterion column,
    none naming a points column, no figure."""
    cells = [c for c in row if c.text.strip()]
    if len(cells) < 2 or any(len(c.text.replace(" ", "")) > MAX_HEADER_CELL or points(c.text) is not None
                             or cell_points(c.text) is not None for c in cells):
        return False
    roles = [header_role(c.text) for c in cells]
    if any(r in P_ROLES for r in roles):
        return False
    return sum(1 for r in roles if r in ("label", "criterion")) >= 2


def read_annotated(doc: Document, regions: list[Region]) -> list[Draft]:
    out = []
    for reg in regions:
        if reg.kind != "rows" or not reg.rows or not any(is_level_header(r) for r in reg.rows[:12]):
            continue
        t = _read(doc, reg)
        if t is not None:
            out.append(t)
    return out


def _read(doc: Document, reg: Region) -> Draft | None:
    a = vocab().annotated
    items: list[Item] = []
    roots: list[_Node] = []  # top categories in order (sections and first-level cells)
    chain: list[_Node] = []  # the categories of the row above, by level
    section: _Node | None = None
    skipped: list[str] = []  # rows with points whose place in the table is unclear
    # a merged cell repeated in the rows it covers (a real grid) is the row above's
    # category: blank, as a crawl leaves it
    rows = [[c if c.first else CellRef("", c.start, c.start) for c in row] for row in reg.rows]
    depths = _depths(rows)
    for ri, row in enumerate(rows):
        depth = depths[ri]
        cells = [c for c in row]
        texts = [c.text for c in cells if c.text.strip()]
        if not texts or is_level_header(row):
            continue
        if len(texts) == 1 and a["section"].match(texts[0]) and (p := cell_points(texts[0])) is not None:
            section = _Node(_name(texts[0]), p[0], p[1], -1)
            roots.append(section)
            chain = []
            continue
        # the leading cells with points (an empty leading cell: a merged category)
        lead = 0
        while lead < len(cells) and not cells[lead].text.strip():
            lead += 1
        pts = []
        k = lead
        while k < len(cells) and (p := cell_points(cells[k].text)) is not None:
            pts.append((cells[k], p))
            k += 1
        if not pts:
            continue  # a note row ("指南中有信函申请渠道1分,…")
        if any(cell_points(c.text) is not None for c in cells[k:]):
            skipped.append(pts[0][0].text)
            continue  # points after a cell without points: the row's shape is unclear
        first_level = depth - len(pts)
        if first_level < 0 or first_level > len(chain) or (lead and first_level < lead):
            skipped.append(pts[0][0].text)
            continue  # more levels than the table has, or a gap above this row
        chain = chain[:first_level]
        for i, (c, (lo, hi)) in enumerate(pts):
            node = _Node(_name(c.text), lo, hi, first_level + i)
            parent = chain[-1] if chain else section
            if parent is not None:
                parent.kids.append(node)
            else:
                roots.append(node)
            chain.append(node)
        leaf_cell, (lo, hi) = pts[-1]
        path = ([section.name] if section is not None else []) + [n.name for n in chain[:-1]]
        it = Item(path, chain[-1].name, lo if hi is None else None, None,
                  min(c.start for c, _ in pts), max(c.end for c, _ in pts))
        chain[-1].leaf = it
        items.append(it)
    if len(items) < 2 or not _adds_up(roots):
        return None
    t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
              block_index=reg.block_index, last_block=reg.last_block, from_table=reg.from_table)
    t.items = items
    for text in skipped:
        t.checks.append({"level": "warning", "message": f"row with points not placed, not read: {text[:20]}"})
    ranged = sum(1 for n in _leaves(roots) if n.hi is not None)
    if ranged:
        t.checks.append({"level": "warning", "message":
                         f"{ranged} item(s) with a points range (a-b分, by the body assessed): max null"})
    return t


def _leaves(nodes: list[_Node]):
    for n in nodes:
        if n.leaf is not None:
            yield n
        yield from _leaves(n.kids)


def _leading_points(row: list[CellRef]) -> int:
    """How many cells with points the row starts with (after empty merged cells)."""
    n = k = 0
    while k < len(row) and not row[k].text.strip():
        k += 1
    while k < len(row) and cell_points(row[k].text) is not None:
        n += 1
        k += 1
    return n


def _depths(rows: list[list[CellRef]]) -> list[int]:
    """The number of levels of each row's section: the most cells with points a row of
    that section starts with (a section row starts a new count)."""
    sec = vocab().annotated["section"]
    out: list[int] = []
    seg: list[int] = []  # row indexes of the current section
    best = 0
    for ri, row in enumerate(rows):
        texts = [c.text for c in row if c.text.strip()]
        if len(texts) == 1 and sec.match(texts[0]) and cell_points(texts[0]) is not None:
            out.extend([best] * len(seg))
            out.append(0)
            seg, best = [], 0
            continue
        seg.append(ri)
        best = max(best, _leading_points(row))
    out.extend([best] * len(seg))
    return out


def _adds_up(roots: list[_Node]) -> bool:
    """Some category with >= 2 sub-items adds up to its points and no closed category
    contradicts them.  A category is closed when another one follows it at its level
    or above (the last category of each level may be cut by the end of the text)."""
    ok = False

    def walk(nodes: list[_Node], last_open: bool) -> bool:
        nonlocal ok
        for i, n in enumerate(nodes):
            closed = i < len(nodes) - 1 or not last_open
            if n.kids:
                lo = sum(k.lo for k in n.kids)
                hi = sum((k.hi if k.hi is not None else k.lo) for k in n.kids)
                n_hi = n.hi if n.hi is not None else n.lo
                same = abs(lo - n.lo) < 1e-9 and abs(hi - n_hi) < 1e-9
                if closed and not same:
                    return False
                if same and len(n.kids) >= 2:
                    ok = True
                if not walk(n.kids, not closed):
                    return False
        return True

    return walk(roots, True) and ok
