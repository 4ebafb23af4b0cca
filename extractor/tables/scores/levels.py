"""An index of levels whose weights stand in brackets inside the labels, one cell per line
(``read_levels``): a page copy of a "一级指标 | 二级指标 | 三级指标 | 指标说明" table with no
points column, every label carrying its weight ("政府信息公开(38)" / "主动公开(29)" /
"概况信息(1)" + its 指标说明 lines / "法规文件(1.5)" + …).

The header is a run of short cells naming the index levels (一级指标, or 一级 … 指标 split
over lines) and a criterion column (指标说明, 评分标准 …), and no points column. In the body a
run of k labels followed by text lines opens the k innermost levels: its last label is an
item (its weight the max, no score), the labels before it its categories; a single label
followed by text is the next item of the same categories. Read only where the arithmetic
allows it: a category closed by the next one must hold exactly its weight; one left open by
the end of the text (an excerpt cut inside the table) at most its weight. A run of more labels
than levels, or a category whose items pass it, gives no table.
"""
from __future__ import annotations

from ...model import Document
from .draft import Draft, Item
from .vocabulary import MID_SENTENCE, P_ROLES, header_role, points, rounded, vocab

# a header cell is short (a level name split over lines: "一级" / "指标")
MAX_HEADER_CELL = 8
MAX_BODY_BLOCKS = 400


def read_levels(doc: Document) -> list[Draft]:
    lv = vocab().levels
    out: list[Draft] = []
    blocks = doc.blocks
    k = 0
    while k < len(blocks):
        h_end, n_levels = _header(doc, k, lv)
        if h_end is None:
            k += 1
            continue
        t, k = _body(doc, h_end, n_levels, lv)
        if t is not None:
            out.append(t)
    return out


def _short(b) -> bool:
    s = b.text.strip()
    return b.kind == "paragraph" and 0 < len(s) <= MAX_HEADER_CELL and not any(ch.isdigit() for ch in s)


def _header(doc: Document, k: int, lv) -> tuple[int | None, int]:
    """The header run starting at block k: (index after it, number of levels) or (None, 0)."""
    blocks = doc.blocks
    if not _short(blocks[k]) or (k > 0 and _short(blocks[k - 1])):
        return None, 0
    j = k
    while j < len(blocks) and _short(blocks[j]):
        j += 1
    cells = [blocks[x].text.strip() for x in range(k, j)]
    levels = sum(1 for c in cells if lv["level_cell"].match(c))
    roles = [None if lv["level_cell"].match(c) else header_role(c) for c in cells]
    if levels < 2 or "criterion" not in roles:
        return None, 0
    # no points column (the weights are in the labels) and no cell of another kind
    if any(r in P_ROLES for r in roles if r) or any(r is None and not lv["level_cell"].match(c)
                                                     for r, c in zip(roles, cells)):
        return None, 0
    return j, levels


def _body(doc: Document, at: int, n_levels: int, lv) -> tuple[Draft | None, int]:
    blocks = doc.blocks
    # the body: (label name, weight, block) or (None, None, block) for a text line
    lines = []
    j = at
    while j < len(blocks) and j - at < MAX_BODY_BLOCKS and blocks[j].kind == "paragraph":
        s = blocks[j].text.strip()
        m = lv["label"].match(s)
        if m is not None and points(m.group("pts")) is not None:
            lines.append((m.group("name"), points(m.group("pts")), blocks[j]))
        elif s:
            lines.append((None, None, blocks[j]))
        j += 1
    # an excerpt cut inside the table: nothing after it and its last line stops mid-sentence
    at_end = (j > at and not doc.text[blocks[j - 1].end:].strip()
              and bool(MID_SENTENCE.search(blocks[j - 1].text.rstrip())))
    path: list[list] = []  # open categories: [name, weight, sum of their children]
    items: list[Item] = []
    i = 0
    while i < len(lines):
        if lines[i][0] is None:
            if not items and not path:
                return None, j  # text before the first label: no index of this shape
            i += 1
            continue
        run = []
        while i < len(lines) and lines[i][0] is not None:
            run.append(lines[i])
            i += 1
        if i >= len(lines):
            break  # labels at the end with no text after them: a cut row, not read
        if len(run) > n_levels or (not path and len(run) != n_levels):
            return None, j
        depth = n_levels - len(run)  # the depth of the run's first label
        if depth > len(path):
            return None, j
        # the categories at this depth and below close here: each must hold its weight
        while len(path) > depth:
            name, w, total = path.pop()
            if rounded(total) != w:
                return None, j
            if path:
                path[-1][2] += w
        for name, w, _ in run[:-1]:
            path.append([name, w, 0])
        name, w, b = run[-1]
        end = b.end
        x = i
        while x < len(lines) and lines[x][0] is None:
            end = lines[x][2].end
            x += 1
        items.append(Item([p[0] for p in path], name, w, None, b.start, end))
        path[-1][2] += w
        if any(rounded(p[2]) > p[1] for p in path):
            return None, j
    # categories still open: cut by the end of the text they may hold less; otherwise each
    # closes here and must hold exactly its weight
    while path and not at_end:
        name, w, total = path.pop()
        if rounded(total) != w:
            return None, j
        if path:
            path[-1][2] += w
    if len(items) < 2:
        return None, j
    t = Draft(start=items[0].start, end=items[-1].end, page=doc.page_at(items[0].start),
              block_index=at, last_block=j - 1)
    t.items = items
    return t, j
