"""Rows of a table (a grid, or rows rebuilt from text) -> a draft score table.

``read_rows`` finds the header row(s), lays out the columns (columns.py), reads each
row's labels, criterion, max and score, and the 总计/合计 row (``read_total``) or a total
line right after the table; a table continued on the next page is read with the
previous part's layout (``ctx``) and its cut first row joined by ``merge_fragment``.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ...model import Document
from .columns import Layout, align, column_layout, fit, fix_minus, header_roles, trim
from .draft import Draft, Item, stated_before
from .regions import CellRef, Region, sheet_cuts
from .vocabulary import (FULL_MARKS, P_ROLES, annotations, assessor_table, clean_label, is_blank, is_deduct, is_total,
                         points, rounded, vocab)


def read_rows(doc: Document, reg: Region, ctx: dict | None) -> tuple[Draft | None, dict | None]:
    """Read a rows region; ``ctx`` carries the layout of a table continued from the
    previous block (a table crossing a page)."""
    v = vocab()
    rows = reg.rows
    if not rows:
        return None, ctx
    # header: one of the first rows
    segments: list[tuple[int, list[str | None]]] = []
    for h in range(min(4, len(rows))):
        roles = header_roles(rows[h])
        if roles:
            segments.append((h, roles))
            break
    start_row = segments[0][0] + 1 if segments else 0
    # later sub-headers (倒扣分值 sections) start a new segment; the segment's own header
    # printed again (a table across a page break) is no row and starts nothing: the rows go
    # on under the same columns, a category cell written once above it still theirs
    again: set[int] = set()
    for h in range(start_row, len(rows)):
        roles = header_roles(rows[h])
        if roles:
            if segments and not reg.grid and _head_texts(rows[h]) == _head_texts(rows[segments[-1][0]]):
                again.add(h)
                continue
            segments.append((h, roles))
    table = Draft(start=reg.start, end=reg.end, page=reg.page, block_index=reg.block_index,
                   last_block=reg.last_block, from_table=reg.from_table)
    pieces: list[tuple[int, int, Layout | None]] = []
    if segments and segments[0][0] > 0 and ctx is None:
        # rows above the header: "测评总得分: | 81.34" printed with the unit's name
        stated_before([c for row in rows[:segments[0][0]] for c in row if c.text.strip()], table)
    if not segments:
        if ctx is None:
            return None, None
        pieces.append((0, len(rows), ctx["layout"]))
    else:
        if segments[0][0] > 0 and ctx is not None:
            pieces.append((0, segments[0][0], ctx["layout"]))
        for k, (h, roles) in enumerate(segments):
            end = segments[k + 1][0] if k + 1 < len(segments) else len(rows)
            body = [r for i, r in enumerate(rows[h + 1:end], h + 1) if i not in again]
            lay = column_layout(fix_minus(roles, body), body, reg.grid)
            lay.assessor = assessor_table([c.text for c in rows[h]])
            pieces.append((h + 1, end, lay))
            named = set(roles)
            if "max" in named and named & {"self_score", "score"}:
                table.named_scale = True
    prev = ctx.get("prev") if ctx else None
    last_layout = None
    done = False
    for a, b, lay in pieces:
        if done:
            break
        if lay is None:
            continue
        if last_layout is not None and lay is not last_layout:
            prev = None
        last_layout = lay
        for note in lay.notes:
            if not any(c["message"] == note for c in table.checks):
                table.checks.append({"level": "warning", "message": note})
        seg_rows = [r for i, r in enumerate(rows[a:b], a) if i not in again]
        deduct_seg = any(r in ("deduct", "bonus") for r in lay.roles)
        aligned: list[tuple[list[CellRef], list[CellRef | None], list[bool]]] = []
        section: str | None = None
        sections: list[str | None] = []
        for row in seg_rows:
            texts = [c.text for c in row if c.text.strip()]
            if not texts:
                continue
            if is_total(texts[0]) or (len(texts) > 1 and "index" in lay.roles
                                      and ROW_NUMBER.fullmatch(texts[0]) and is_total(texts[1])):
                # the 总计 row, also after its number in a 序号 column ("27 | 总计 | 90分")
                read_total(row, lay, reg.grid, table, at_end=not doc.text[row[-1].end:].strip(" |｜\t\r\n"))
                done = True
                break
            keys = {c.key for c in row if c.text.strip()}
            if len(texts) == 1 and (len(keys) == 1 or not reg.grid) and points(texts[0]) is None \
                    and (v.stream_category.match(texts[0]) or annotations(texts[0])):
                section = clean_label(texts[0])
                prev = None
                continue
            res = None
            if reg.grid:
                cells = list(row[: lay.n_cols]) + [None] * max(0, lay.n_cols - len(row))
                inh = [bool(c is not None and not c.first) for c in cells]
                if fit([c if c is not None else CellRef("", 0, 0) for c in cells], lay.roles, 0, True) is not None:
                    res = (cells, inh)
                else:  # a flattened layout inside a real table: align it
                    res = align([c for c in row if c.first], lay, prev)
            else:
                res = align(row, lay, prev)
            if res is None:
                continue
            cells, inh = res
            aligned.append((row, cells, inh))
            sections.append(section)
            prev = cells
        # which label cells cover only their own row
        use: dict[int, int] = {}
        for _, cells, _ in aligned:
            for k, c in enumerate(cells):
                if c is not None and lay.roles[k] == "label" and c.text:
                    kid = id(c) if not reg.grid else c.key
                    use[kid] = use.get(kid, 0) + 1
        has_max_col = "max" in lay.roles
        items: list[tuple[Item, str | None, float | int | None]] = []  # (item, "printed": a deduct row with its max cell, score col)
        prev_labels: dict[int, str] = {}
        prev_sec = None
        for ai, ((row, cells, inh), sec) in enumerate(zip(aligned, sections)):
            labels = []
            own_ann = None
            fresh = False  # a label cell of this row seen: lower blank levels are blank
            if sec != prev_sec:
                prev_labels, prev_sec = {}, sec
            cur_labels: dict[int, str] = {}
            for k, c in enumerate(cells):
                if lay.roles[k] != "label":
                    continue
                if c is None or not c.text:
                    # a blank label cell under a label of the same level: same category
                    if not fresh and k in prev_labels:
                        cur_labels[k] = prev_labels[k]
                        if not labels or labels[-1] != prev_labels[k]:
                            labels.append(prev_labels[k])
                    continue
                if not inh[k]:
                    fresh = True
                lab = clean_label(c.text)
                cur_labels[k] = lab
                if lab and (not labels or labels[-1] != lab):
                    labels.append(lab)
                kid = id(c) if not reg.grid else c.key
                span = c.span_rows if reg.grid else use.get(kid, 1)
                ann = annotations(c.text)
                if ann and span <= 1:
                    own_ann = ann[-1]
            prev_labels = cur_labels
            crit_cells = [c for k, c in enumerate(cells) if c is not None and lay.roles[k] == "criterion"]
            criterion = " ".join(c.text for c in crit_cells if c.text).strip()
            crit_ann = [x for c in crit_cells for x in annotations(c.text)]
            if own_ann is not None and crit_ann and ai == len(aligned) - 1 and not done \
                    and abs(sum(crit_ann) - own_ann) > 1e-9:
                # the table's last row (no row below shows where its label ends, no total
                # closes it): a label that seems to cover it alone but disagrees with the
                # row's notes may cover rows cut off below (a page opening ending inside the
                # category). Worth more than the notes: the notes are the row's; less: unknown
                crit_ann = crit_ann if sum(crit_ann) < own_ann else []
                own_ann = None
            vals: dict[str, float | int | None] = {}
            full = False
            for k, c in enumerate(cells):
                r = lay.roles[k]
                if r in P_ROLES and c is not None and not inh[k] and c.text:
                    if c.text.strip() in FULL_MARKS and r in ("self_score", "score"):
                        full = True
                        continue
                    vals.setdefault(r, points(c.text))
            path = ([sec] if sec and (not labels or labels[0] != sec) else []) + labels
            deduct = deduct_seg or is_deduct(path + [criterion[:20]])
            # a category NAMED 扣分项 whose row prints its points in the max column is
            # points deducted from a printed max, not a deduction-only row (no fixed max)
            printed = has_max_col and not deduct_seg and vals.get("max") is not None
            score = vals.get("self_score", vals.get("score"))
            if deduct and not deduct_seg and has_max_col and vals.get("max") is None and score is None \
                    and "minus" not in vals and items and items[-1][0].path == path and items[-1][1] == "printed":
                # the next rule under one merged points cell (the cell blank or repeated
                # below its first row): a sub-rule of the item above, not an item of its own
                prev_it = items[-1][0]
                if criterion:
                    prev_it.criterion = (prev_it.criterion + " " + criterion).strip()
                ends = [c.end for c, i in zip(cells, inh) if c is not None and not i and c.text]
                prev_it.end = max([prev_it.end] + ends)
                continue
            if has_max_col:
                mx = vals.get("max")
                if mx is None:
                    mx = own_ann if own_ann is not None else (sum(crit_ann) if crit_ann else None)
            elif own_ann is not None:
                mx = own_ann
            elif crit_ann:
                mx = sum(crit_ann)
            else:
                mx = None
            if deduct and not printed:
                mx = None
            if full and score is None:
                score = mx  # 满分: the row's max (null when the max is unknown)
            if score is None and "minus" in vals and vals["minus"] is not None and not lay.assessor \
                    and not any(r in ("self_score", "score") for r in lay.roles) and mx is not None:
                if vals["minus"] <= mx:
                    score = rounded(mx - vals["minus"])
                else:
                    table.checks.append({"level": "warning", "message":
                                         f"deduction {vals['minus']} above max {mx}: {'/'.join(labels)} {criterion[:20]}"})
            if mx is None and score is None and not (deduct and criterion):
                continue
            if not criterion and not labels:
                continue
            cs = [c for c in cells if c is not None and c.text and not (c.start < 0)]
            own = [c for c, i in zip(cells, inh) if c is not None and not i and c.text]
            spans = own or cs
            it = Item(path or [], criterion, mx, score, min(c.start for c in spans), max(c.end for c in spans))
            items.append((it, "printed" if (deduct and printed) else None,
                          vals.get("score") if "self_score" not in vals else None))
        # a bare 得分 column with no other max source is the scale of each row
        if items and not has_max_col and "self_score" not in lay.roles and "score" in lay.roles \
                and all(it.max is None for it, _, _ in items):
            for it, _, _ in items:
                it.max, it.score = it.score, None
            if table.stated_score is not None and table.stated_max is None:
                table.stated_max, table.stated_score = table.stated_score, None
        table.items.extend(it for it, _, _ in items)
    if not table.items:
        return None, None
    if not done and last_layout is not None and table.stated_score is None and table.stated_max is None:
        # the total written on its own line right after the table ("合计:95.5")
        nb = reg.last_block + 1
        if 0 <= nb < len(doc.blocks) and doc.blocks[nb].kind == "paragraph":
            line = doc.blocks[nb].text.strip().split("\n")[0]
            if is_total(line) and TOTAL_NUM.search(line):
                read_total_cell(line, last_layout, table)
                table.end = max(table.end, doc.blocks[nb].end)
                done = True
    new_ctx = None if done else {"layout": last_layout, "prev": prev}
    return table, new_ctx


ROW_NUMBER = regex.compile(r"\s*\d{1,3}\s*[.、]?\s*")
TOTAL_NUM = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _head_texts(row: list[CellRef]) -> list[str]:
    return ["".join(c.text.split()) for c in row if c.text.strip()]


def read_total_cell(text: str, lay: Layout, table: Draft) -> None:
    """'合计:95.5' / '总分 95.5分' in one cell: one figure only, else nothing (which is which
    is not certain)."""
    t = text.strip()
    nums = TOTAL_NUM.findall(t)
    if len(nums) != 1:
        return
    x = points(nums[0])
    if x is None:
        return
    if any(r in ("self_score", "score") for r in lay.roles) and "max" in lay.roles:
        table.stated_score = x
    elif "max" in lay.roles:
        table.stated_max = x


def read_total(row: list[CellRef], lay: Layout, grid: bool, table: Draft, at_end: bool = False) -> None:
    """The 总计/合计 row's figures, in the points columns; in text rows the figures are
    taken from the right. A text row that ends the text with fewer figures than the table
    has points columns may be cut after its first figures (合计 | 100 | 86 -> 合计 | 100):
    which column a figure is in is not known then, and nothing is read."""
    pcols = [k for k, r in enumerate(lay.roles) if r in ("max", "self_score", "score", "minus")]
    vals: dict[str, float | int] = {}
    if not grid and at_end and len([c for c in row[1:] if points(c.text) is not None]) < len(pcols):
        table.end = max(table.end, row[-1].end if row else table.end)
        table.checks.append({"level": "warning", "message": "total row at the end of the text with fewer "
                             "figures than points columns (cut?): its figures not read"})
        return
    if grid:
        for k in pcols:
            if k < len(row) and row[k].first and points(row[k].text) is not None:
                vals[lay.roles[k]] = points(row[k].text)  # type: ignore[assignment]
    else:
        nums = [points(c.text) for c in row[1:] if points(c.text) is not None]
        for k, x in zip(pcols[::-1], nums[::-1]):
            vals[lay.roles[k]] = x  # type: ignore[assignment]
    if not vals and row:
        read_total_cell(row[0].text, lay, table)
    if "max" in vals:
        table.stated_max = vals["max"]
    sc = vals.get("self_score", vals.get("score"))
    if sc is None and "minus" in vals and "max" in vals and not lay.assessor \
            and not any(r in ("self_score", "score") for r in lay.roles):
        sc = rounded(vals["max"] - vals["minus"])
    if sc is not None:
        table.stated_score = sc
    table.end = max(table.end, row[-1].end if row else table.end)


def merge_fragment(reg: Region, last: Draft) -> Region:
    """A row cut by a page break: the first row of the continuation holds only the
    rest of the previous row's text (one cell, no points): join it to that item."""
    first = [c for c in reg.rows[0] if c.text.strip() and c.first]
    if len(first) != 1 or points(first[0].text) is not None or header_roles(reg.rows[0]):
        return reg
    it = last.items[-1]
    it.criterion = (it.criterion + first[0].text).strip()
    it.end = max(it.end, first[0].end)
    if it.max is None and not is_deduct(it.path):
        ann = annotations(it.criterion)
        if ann:
            it.max = sum(ann)
    return replace(reg, rows=reg.rows[1:])


MAX_BROKEN_HEADER_ROWS = 6


def join_broken_header(reg: Region) -> Region:
    """A header whose cells were broken over lines in text rows ("| 考核\n项目 | 考核\n内容 |
    分值 | 自评\n得分 |"): the loader cut its row at each break, giving rows of one to a
    few cells above the first row with a figure. Joined back (each row's first cell
    continues the previous row's last cell), they are the header when the joined row
    names header roles and has as many cells as the widest data row; else the region
    is left as it is."""
    if reg.grid or len(reg.rows) < 3:
        return reg
    first = next((i for i, r in enumerate(reg.rows) if any(points(c.text) is not None for c in r)), None)
    if first is None or not 2 <= first <= MAX_BROKEN_HEADER_ROWS:
        return reg
    width = max(len(r) for r in reg.rows[first:])
    head = [trim(r) for r in reg.rows[:first]]
    if any(not r for r in head) or any(len(r) >= width for r in head):
        return reg
    merged = list(head[0])
    for r in head[1:]:
        a, b = merged[-1], r[0]
        merged[-1] = CellRef(a.text + b.text, a.start, b.end, key=a.key)
        merged.extend(r[1:])
    if len(merged) != width or header_roles(merged) is None:
        return reg
    return replace(reg, rows=[merged] + reg.rows[first:])


def _header_index(reg: Region) -> int | None:
    """The first of the region's first four rows that names header roles."""
    return next((i for i, r in enumerate(reg.rows[:4]) if header_roles(r)), None)


def join_split_notes(reg: Region) -> Region:
    """Text rows split at every space (a whitespace-columns table whose cells hold a
    space: ``组织领导 (20分) 主要负责人亲自抓 (5分) 主要领导… 5分``): a cell that is only a
    points note ("(20分)", "【5分】") right after a text cell is that cell's note - joined
    back, in rows wider than the header only (a row as wide as the header keeps its
    cells: a "(10分)" there may be a 分值 cell of its own)."""
    if reg.grid or len(reg.rows) < 2:
        return reg
    h = _header_index(reg)
    if h is None:
        return reg
    width = len([c for c in reg.rows[h] if c.text.strip()])
    ann = vocab().annotation
    out = list(reg.rows[:h + 1])
    joined = False
    for row in reg.rows[h + 1:]:
        if len([c for c in row if c.text.strip()]) > width:
            new: list[CellRef] = []
            for c in row:
                if new and new[-1].text.strip() and points(new[-1].text) is None \
                        and ann.fullmatch(c.text.strip()):
                    a = new[-1]
                    new[-1] = CellRef(a.text + c.text, a.start, c.end, key=a.key)
                    joined = True
                    continue
                new.append(c)
            row = new
        out.append(row)
    if not joined:
        return reg
    return replace(reg, rows=out)


MAX_LABEL = 30
_SENTENCE_MARK = regex.compile(r"[。;；,，:：]")


def join_figure_rows(reg: Region) -> Region:
    """Text rows broken before their figures (a crawler or a wrapped markdown row put the
    row's points on a line of their own: ``组织领导 (20分) | 主要负责人亲自抓 (5分) | 主要领导
    …(2分)。 |`` / ``5分 |``): a row whose cells are points and blanks only, right after a
    row of text cells without any points, continues that row when the two together are no
    wider than the header; so does a row opening with its figure (``职能整合和机构建设 |`` /
    ``0.24 | 重点考核… |``) after a row of short labels only, no more of them than the
    header has label columns before its first points column, in a table without a 序号
    column (a row number is a figure too). A figures row after a row that has figures of its own, or one
    that would make the row wider than the header, stays as it is (the readers then align
    it or leave it)."""
    if reg.grid or len(reg.rows) < 3:
        return reg
    h = _header_index(reg)
    if h is None:
        return reg
    width = len([c for c in reg.rows[h] if c.text.strip()])
    roles = header_roles(reg.rows[h]) or []
    # the label columns before the first points column: a row of these alone, then a row
    # opening with the figure (分值 before the criterion: 具体项目 | 分值 | 评分说明 - b1 x19)
    first_p = next((k for k, r in enumerate(roles) if r in P_ROLES), len(roles))
    n_before = len([r for r in roles[:first_p] if r])
    out = list(reg.rows[:h + 1])
    joined = False
    for row in reg.rows[h + 1:]:
        filled = [c for c in row if c.text.strip()]
        prev = trim(out[-1]) if len(out) > h + 1 else []
        figures = bool(filled) and all(points(c.text) is not None for c in filled)
        prev_text = [c for c in prev if c.text.strip()]
        # (a label is a short name: a sentence is a criterion's continuation line)
        lead = bool(filled) and points(filled[0].text) is not None and "index" not in roles \
            and 0 < len(prev_text) <= n_before \
            and all(len(c.text) <= MAX_LABEL and not _SENTENCE_MARK.search(c.text) for c in prev_text)
        if (figures or lead) and prev_text \
                and not any(points(c.text) is not None or is_blank(c.text) for c in prev_text) \
                and not is_total(prev_text[0].text) and len(prev) + len(trim(row)) <= width:
            out[-1] = prev + trim(row)
            joined = True
            continue
        out.append(row)
    if not joined:
        return reg
    return replace(reg, rows=out)


def has_header(reg: Region) -> bool:
    return _header_index(reg) is not None


def row_sheets(reg: Region) -> list[Region]:
    """A table holding several sheets under one header (a crawled page's grid, a Word
    table): a row whose one cell titles a sheet ("2020年第三版市、县、区直部门评分表",
    ``sheet_title``), after rows with figures, starts a score table of its own, read with
    the same header, as ``stream.stream_sheets`` does for a stream of cells. The title row
    is no row of either part. Returns ``[reg]`` when there is no such row."""
    rows = reg.rows
    h = next((i for i in range(min(4, len(rows))) if header_roles(rows[i])), None)
    if h is None or not any(r in P_ROLES for r in header_roles(rows[h]) or ()):
        return [reg]
    title = vocab().sheet_title

    def filled(i):
        return [c for c in rows[i] if c.text.strip()]

    def is_title(i):  # one cell (a merged one counts once) that titles a sheet
        f = filled(i)
        return len({c.key if reg.grid else id(c) for c in f}) == 1 and bool(title.search(f[0].text.replace(" ", "")))

    cuts = sheet_cuts(h + 1, len(rows), lambda i: any(points(c.text) is not None for c in filled(i)), is_title)
    if not cuts:
        return [reg]
    out = []
    bounds = [h] + cuts + [len(rows)]
    for a, b in zip(bounds, bounds[1:]):
        own = rows[a + 1:b]
        cells = [c for r in own for c in r if c.text.strip()]
        if not cells:
            continue
        start = reg.start if a == h else min(c.start for r in rows[a:a + 1] for c in r if c.text.strip())
        out.append(Region(reg.kind, rows=rows[:h + 1] + own, start=start,
                          end=max(c.end for c in cells), block_index=reg.block_index,
                          last_block=reg.last_block, page=reg.page, grid=reg.grid, from_table=reg.from_table))
    if len(out) < 2:
        return [reg]
    out[-1].end = reg.end
    return out
