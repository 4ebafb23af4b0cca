"""Cells in reading order without reliable rows (a stream) -> a draft score table.

``read_stream`` takes the header names (after what is printed above them), then an
item per text cell followed by figures in the header's column order; a column name it
does not know stops the reading of figures from that column on; a stream of numbered
criteria each ending "(N)" is read by ``_numbered_criteria``.
"""
from __future__ import annotations

import regex

from ...model import Document
from .draft import Draft, Item, stated_before
from .regions import CellRef, Region, sheet_cuts
from .vocabulary import (HEADER_P_ROLES, MID_SENTENCE, P_ROLES, T_ROLES, annotations, assessor_table, clean_label,
                         header_role, is_deduct, is_total, memo_for, points, rounded, vocab)


_HAN = regex.compile(r"\p{Han}")
MAX_STREAM_CRITERION = 200  # a criterion cell of a stream under a criterion header

def read_stream(doc: Document, reg: Region) -> Draft | None:
    """Cells in reading order, no reliable rows: an item is a label cell followed by
    a points cell (its max), optionally a second points cell (its score)."""
    v = vocab()
    cells = [c for c in reg.cells if c.text.strip()]
    if not cells:
        return None
    # header cells: at the start, or after a few cells of what is printed above the
    # table (the unit's name, "测评总得分: 81.34"); a run of header names with a points role
    h0 = _stream_header_start(cells)
    roles, headers, k, unknown = _read_header(cells, h0)
    if unknown is not None:
        cut = roles.index("")
        roles = roles[:cut] + ["ignore" if r in P_ROLES else r for r in roles[cut:]]
    roles = _sub_header_levels(roles, headers)
    p_roles = [r for r in roles if r in P_ROLES]
    has_score_col = any(r in ("self_score",) for r in p_roles) or p_roles.count("score") and "max" in p_roles
    # a 扣分 column right after the max column and no score column: score = max − 扣分,
    # unless the table is an assessor's (its 扣分 is not a claim of the scored body)
    minus_next = (not has_score_col and "max" in roles and "minus" in roles
                  and roles.index("minus") > roles.index("max"))
    assessor = minus_next and assessor_table(headers)
    first_p = next((x for x, r in enumerate(roles) if r in P_ROLES), len(roles))
    first_role = roles[first_p] if first_p < len(roles) else None
    last_p = max((x for x, r in enumerate(roles) if r in P_ROLES), default=-1)
    # the columns after the max up to the last column of figures, in the header's order
    after_max = roles[first_p + 1:last_p + 1]
    if first_role == "minus":
        assessor = assessor_table(headers)
    table = Draft(start=reg.start, end=reg.end, page=reg.page, block_index=reg.block_index,
                   last_block=reg.last_block, from_table=reg.from_table)
    if h0:
        stated_before(cells[:h0], table)
    if unknown is not None:
        table.checks.append({"level": "warning", "message":
                             f"header_unrecognised: column {unknown!r} is no known header; "
                             "its figures and those after it are not read"})
    if k == 0:
        numbered = _numbered_criteria(cells)
        if numbered is not None:
            table.items = numbered
            table.end = max(it.end for it in numbered)
            return table
    section: str | None = None
    i = k
    cur: Item | None = None
    crit_parts: list[CellRef] = []

    def close():
        nonlocal cur, crit_parts
        if cur is not None:
            if crit_parts:
                cur.criterion = "".join(c.text for c in crit_parts)
                cur.end = max(cur.end, crit_parts[0].end)
            table.items.append(cur)
        cur, crit_parts = None, []

    # a header naming a criterion column after label columns (考核项目 | 考核内容 | 分值 …):
    # the text cell right before the points is the criterion, the text cells between
    # two items are the next item's labels (right-aligned on the label columns: a
    # category cell appears only in the first row it spans)
    crit_mode = "criterion" in roles and any(r in P_ROLES for r in roles[roles.index("criterion"):])
    n_levels = sum(1 for r in roles[:roles.index("criterion")] if r == "label") if crit_mode else 0
    if crit_mode:
        # two text columns of criterion names before the figures (考核内容 | 评分标准 | 分值,
        # 三级指标 | 测评指标与考察点 | 权重): the cell right before the figure is the
        # criterion, the columns before it are levels of the path, as in a grid
        first_fig = next((x for x, r in enumerate(roles) if r in P_ROLES), len(roles))
        crit_at = max((x for x, r in enumerate(roles[:first_fig]) if r == "criterion"), default=None)
        if crit_at is not None:
            n_levels = sum(1 for r in roles[:crit_at] if r in ("label", "criterion"))
    last_p = max((k for k, r in enumerate(roles) if r in P_ROLES), default=-1)
    trailing = sum(1 for r in roles[last_p + 1:] if r) if crit_mode else 0
    pending: list[CellRef] = []  # text cells since the last item (crit_mode)
    levels: list[str] = []  # the label path of the last item (crit_mode)

    def crit_path() -> list[str] | None:
        """Labels of the item about to start, from the pending cells; None when the
        pending cells may be the last row's trailing cells (备注) as well as labels."""
        texts = [x for x in pending if _HAN.search(x.text)]
        if trailing and "index" not in roles and len(texts) <= n_levels and texts and table.items:
            return None  # (before the first item there is no last row: all are labels)
        labels = [clean_label(x.text) for x in texts[len(texts) - min(len(texts), n_levels):]] if n_levels else []
        labels = [x for x in labels if x]
        return levels[:max(0, n_levels - len(labels))] + labels

    n = len(cells)
    next_index = 1
    fig_end = -1
    sections: list[tuple[str, float | int | None, int]] = []  # (name, points, first item)
    two_figures = False  # a row with two figures and no header to say which is which
    while i < n:
        c = cells[i]
        if "index" in roles and points(c.text) == next_index:
            next_index += 1  # the row number of a 序号 column
            pending.clear()  # what came before it belongs to the last row
            i += 1
            continue
        m = v.stream_category.match(c.text)
        if m:
            close()
            section = clean_label(c.text)
            ann = annotations(c.text)
            sections.append((section, ann[-1] if ann else None, len(table.items)))
            i += 1
            continue
        nxt = cells[i + 1] if i + 1 < n else None
        if nxt is not None and not p_roles and "分" not in nxt.text:
            nxt_ok = False
        elif (next_index > 1 and nxt is not None and points(nxt.text) == next_index
              and not (i + 2 < n and points(cells[i + 2].text) is not None)):
            # the figure after this text is the next row's number in the 序号 column, not
            # a max (a row's notes, then "3", then the next row's labels): no item here
            nxt_ok = False
        else:
            nxt_ok = True
        if (nxt_ok and points(c.text) is None and len(c.text) <= (MAX_STREAM_CRITERION if crit_mode else 40)
                and _HAN.search(c.text) and nxt is not None and points(nxt.text) is not None
                and not is_total(c.text)):
            close()
            mx = points(nxt.text)
            score = None
            j = i + 2
            if first_role in ("minus", "self_score") or (first_role == "score" and has_score_col):
                # the first figure is not the max (a 扣分-only or score-only table): the
                # max is the "(N分)" notes of the row's text, if any
                x, ann = mx, annotations(c.text)
                mx = rounded(sum(ann)) if ann else None
                if first_role != "minus":
                    score = x
                elif assessor or mx is None:
                    pass
                elif 0 <= x <= mx:
                    score = rounded(mx - x)
                else:
                    table.checks.append({"level": "warning",
                                         "message": f"deduction {x} above max {mx}: {c.text[:20]}"})
            # the figures after the max, in the header's order: each belongs to the
            # next column that holds figures (a 得分率 or unknown column's figure is
            # passed over, never taken for the score)
            for r in after_max:
                if j >= n:
                    break
                if r in T_ROLES:
                    # a text column between two columns of figures (评分标准): its cell
                    # belongs to this row (unless it was blank: the figure comes next)
                    if points(cells[j].text) is None:
                        j += 1
                    continue
                if r not in P_ROLES:
                    j += 1  # a column of other figures or notes (得分率, 备注): its cell
                    continue
                if points(cells[j].text) is None:
                    break
                x = points(cells[j].text)
                j += 1
                if r in ("self_score", "score") and has_score_col and score is None:
                    score = x
                elif r == "minus" and minus_next:
                    if assessor:
                        pass  # the assessor's deduction: part of the row, no claimed score
                    elif mx is not None and 0 <= x <= mx:
                        score = rounded(mx - x)
                    else:
                        table.checks.append({"level": "warning",
                                             "message": f"deduction {x} above max {mx}: {c.text[:20]}"})
            if not roles and j < n and points(cells[j].text) is not None:
                two_figures = True
            if crit_mode:
                labels = crit_path()
                levels = labels or []
                path = ([section] if section else []) + levels
                pending.clear()
                crit = c.text
            else:
                path = ([section] if section else []) + [clean_label(c.text)]
                crit = ""
            # a category NAMED 扣分项 whose row prints its points in the max column keeps
            # them (points deducted from a printed max); other deduction rows have no max
            if is_deduct(path + [crit[:20]]) and not (first_role == "max" and "deduct" not in roles
                                                      and "bonus" not in roles):
                mx = None
            cur = Item(path, crit, mx, score, c.start, cells[j - 1].end)
            fig_end = j  # the cells after the last item's figures start here
            i = j
            continue
        if is_total(c.text) and nxt is not None and points(nxt.text) is not None:
            close()
            after = cells[i + 2] if i + 2 < n else None
            if has_score_col and after is not None and points(after.text) is not None:
                # 总分 | max | score: the columns' order, as for every item
                table.stated_max, table.stated_score = points(nxt.text), points(after.text)
                i += 3
                continue
            if has_score_col and "max" in roles and after is None and not doc.text[nxt.end:].strip(" |｜\t\r\n"):
                # 总分 | one figure, and the text ends there: the row may be cut after its
                # max (总分 | 100 | 86 -> 总分 | 100): which figure it is is not known
                table.checks.append({"level": "warning", "message": "total row at the end of the text with "
                                     "one figure of two columns (cut?): not read"})
                i += 2
                continue
            if has_score_col:
                table.stated_score = points(nxt.text)
            else:
                table.stated_max = points(nxt.text)
            i += 2
            continue
        if crit_mode:
            pending.append(c)
        elif cur is not None and len(crit_parts) < 12:
            crit_parts.append(c)
        i += 1
    close()
    # the header names cells after the figures (评估要点, 评分标准, 失分原因…) but the text
    # ends right after the last item's figures: that row was cut by the end of the excerpt
    # (its last figure may be cut too). A description cut after the figures (one line
    # ending mid-sentence) cuts the row too, unless the columns after the figures are
    # notes only (失分原因, 整改情况, 备注: ignored): the row's figures are whole then
    notes_only = not any(r and r != "ignore" for r in roles[last_p + 1:])
    if table.items and any(roles[last_p + 1:]) and fig_end >= n \
            and ((not doc.text[cells[-1].end:].strip() and _stream_open(doc, reg))
                 or (not notes_only and _cut_tail(doc, cells[-1].end))):
        it = table.items.pop()
        table.checks.append({"level": "warning", "message":
                             f"last row cut by the end of the text, left out: {'/'.join(it.path)} {it.criterion[:20]}"})
    # one row is a table only under a header naming both its max and its score column
    table.named_scale = "max" in roles and bool({"self_score", "score"} & set(roles))
    if len(table.items) < 2 and not (table.items and table.named_scale):
        return None
    if not roles and (two_figures or not _sections_add_up(sections, table.items)):
        return None  # no header: which figure is what only the categories' points can say
    table.end = max(it.end for it in table.items)
    return table


def _read_header(cells: list[CellRef], h0: int) -> tuple[list[str], list[str], int, str | None]:
    """The header run from ``h0``: (roles, names, index of the first cell after it, the
    first column name the vocabulary does not know)."""
    roles: list[str] = []
    headers: list[str] = []
    k = h0
    unknown: str | None = None
    while k < len(cells):
        if _stream_header_cell(cells[k].text):
            roles.append(header_role(cells[k].text) or "")
        elif roles and k + 1 < len(cells) and _unknown_header_cell(cells[k].text) \
                and _stream_header_cell(cells[k + 1].text):
            # a column name the vocabulary does not know, between known ones: its place
            # is certain, its meaning is not; no figure from it on is read by position
            roles.append("")
            unknown = unknown or cells[k].text
        else:
            break
        headers.append(cells[k].text)
        k += 1
    return roles, headers, k, unknown


def stream_sheets(reg: Region) -> list[Region]:
    """A stream holding several sheets under one header: a sheet's title between two
    rows ("2020年第三版市、县、区直部门评分表", ``sheet_title``), after rows with figures
    and not followed by a figure itself, starts a table of its own, read with the same
    header. Each part is a region of the header's cells and its own."""
    cells = [c for c in reg.cells if c.text.strip()]
    h0 = _stream_header_start(cells)
    roles, _, k, _ = _read_header(cells, h0)
    if not any(r in P_ROLES for r in roles):
        return [reg]
    title = vocab().sheet_title

    def has_figure(i):
        return points(cells[i].text.strip()) is not None

    def is_title(i):  # a sheet's title, not followed by a figure of its own
        return bool(title.search(cells[i].text.strip().replace(" ", ""))) \
            and not (i + 1 < len(cells) and has_figure(i + 1))

    cuts = sheet_cuts(k, len(cells), has_figure, is_title)
    if not cuts:
        return [reg]
    out = []
    bounds = [h0] + cuts + [len(cells)]
    for a, b in zip(bounds, bounds[1:]):
        own = cells[a:b]
        part = own if a == h0 else cells[h0:k] + own
        out.append(Region("stream", cells=part, start=own[0].start, end=own[-1].end,
                          block_index=reg.block_index, last_block=reg.last_block, page=reg.page,
                          from_table=reg.from_table))
    out[-1].end = reg.end
    return out


def _sub_header_levels(roles: list[str], headers: list[str]) -> list[str]:
    """A two-row header written one cell per line: the second row names the levels of a
    merged column of the first ("序号 | 公开事项 | 内容要求 | 分值 | 得分 | 失分原因 |
    整改情况" then "一级指标 | 二级指标 | 三级指标", the levels under 公开事项). Level names
    (``level_name``) after the last column of figures and of notes are no columns after
    the figures: they are the category levels before the criterion."""
    level = vocab().level_name
    n = 0
    while n < len(headers) and level.match(headers[len(headers) - 1 - n].replace(" ", "")):
        n += 1
    if n < 2 or n == len(roles):
        return roles
    rest = roles[: len(roles) - n]
    if rest[-1] not in P_ROLES and rest[-1] != "ignore":
        return roles  # the levels follow text columns: a one-row header of its own
    at = rest.index("criterion") if "criterion" in rest else 0
    if not any(r in P_ROLES for r in rest[at:]):
        return roles
    return rest[:at] + ["label"] * n + rest[at:]


def _sections_add_up(sections: list, items: list[Item]) -> bool:
    """A stream without a header is read only under categories stating their points
    ("一、机制建设(20分)") that its items' figures add up to: some category adds up and no
    complete one (followed by another) contradicts; the last may be cut by the text's end."""
    ok = False
    for k, (_, pts, first) in enumerate(sections):
        last = sections[k + 1][2] if k + 1 < len(sections) else len(items)
        mine = items[first:last]
        if pts is None or not mine or any(it.max is None for it in mine):
            continue
        total = sum(it.max for it in mine)
        if abs(total - pts) < 1e-9:
            ok = True
        elif k + 1 < len(sections):
            return False
    return ok


def _cut_tail(doc: Document, end: int) -> bool:
    """What follows the table's last figure is one line without bars that ends the text
    mid-sentence: the last row's next cell (评估要点, 评分标准…), cut by the end of the
    excerpt after the loader closed the table ("…| 1 |" / "政府网站发布土地征用或房")."""
    rest = regex.sub(r"^[\s|｜]+", "", doc.text[end:]).rstrip()
    return (bool(rest) and "\n" not in rest and "|" not in rest and len(rest) <= MAX_STREAM_CRITERION
            and bool(MID_SENTENCE.search(rest)))


def _stream_open(doc: Document, reg: Region) -> bool:
    """A stream rebuilt by the loader says whether a bar closed its last cell; one read
    from paragraphs (no bars) has nothing to say otherwise."""
    if not reg.from_table:
        return True
    b = doc.blocks[reg.block_index] if 0 <= reg.block_index < len(doc.blocks) else None
    return b is not None and b.table is not None and b.table.open_end


def join_broken_streams(doc: Document, regions: list[Region]) -> list[Region]:
    """A table written one cell a line, no bars, that the loader broke where cells are long
    (a criterion over 40 characters: a stream table, then lines left as paragraphs, then
    another stream table…): a bar-less stream table whose header names a max column (分值 /
    标准分 / 得分 as the scale), then line after line - no blank line between - paragraphs
    of one line without bars and further stream tables without bars, is one stream.
    Only under a max column: each row then has its figure; without one (a score-only
    column, the max in the criterion's notes) a blank score cell leaves no trace and the
    rows cannot be told apart. ``regions`` sorted by start."""
    blocks = doc.blocks
    out: list[Region] = []
    absorbed: set[int] = set()  # block indices of stream tables taken into a stream
    for reg in regions:
        if reg.from_table and reg.kind == "stream" and reg.block_index in absorbed:
            continue
        if not (reg.from_table and reg.kind == "stream") or not _bare_stream(blocks[reg.block_index]) \
                or not _names_max(reg):
            out.append(reg)
            continue
        cells = list(reg.cells)
        last, k = reg.last_block, reg.last_block + 1
        run: list[CellRef] = []  # paragraphs since the last stream table taken
        while k < len(blocks) and blocks[k].start == blocks[k - 1].end + 1 and "|" not in blocks[k].text:
            b = blocks[k]
            if b.kind == "paragraph" and "\n" not in b.text.strip():
                run.append(CellRef(b.text.strip(), b.start + len(b.text) - len(b.text.lstrip()),
                                   b.start + len(b.text.rstrip())))
            elif _bare_stream(b):
                # lines between two parts of the stream are its cells
                cells.extend(run)
                run = []
                cells.extend(CellRef(c.text.strip(), c.start, c.end, key=id(c))
                             for c in sorted(b.table.cells, key=lambda c: (c.row, c.col)) if c.text.strip())
                absorbed.add(k)
                last = k
            else:
                break
            k += 1
        if run and last > reg.last_block:
            # the lines after its last part, to the first blank line: its last rows
            cells.extend(run)
            last = k - 1
        if last == reg.last_block:
            out.append(reg)
            continue
        # (no bar closes its cells: what ends it says nothing of a cut but its words, as
        # for a stream read from paragraphs)
        out.append(Region("stream", cells=cells, start=reg.start, end=blocks[last].end, block_index=reg.block_index,
                          last_block=last, page=reg.page, from_table=False))
    return out


def _bare_stream(b) -> bool:
    """A stream table of the loader's bare lines (textstreams.bare_streams: non-blank lines
    only); a stream of bars keeps a blank cell where two bars meet (``|`` / ``|``)."""
    return b.kind == "table" and b.table is not None and b.table.source == "stream" and b.table.n_cols == 1 \
        and all(c.text.strip() for c in b.table.cells)


def _names_max(reg: Region) -> bool:
    """The stream's header names a max column: 分值/标准分, or a bare 得分 with no other
    points column of a max or a claimed score (the scale, as the readers take it)."""
    cells = [c for c in reg.cells if c.text.strip()]
    roles, _, _, _ = _read_header(cells, _stream_header_start(cells))
    return "max" in roles or ("score" in roles and "self_score" not in roles)


MAX_STREAM_PREAMBLE = 40  # cells printed above a stream's header (unit name, totals)


def _stream_header_start(cells: list[CellRef]) -> int:
    """Index of a stream's header: the first run of >= 2 header cells, one of a points
    role, within the first cells; 0 when the stream starts with it or has none (found once
    a run of cell texts: three readers of a region searched its first 41 cells, issue 11)."""
    memo, key = memo_for("start"), tuple([c.text for c in cells])
    if key in memo:
        return memo[key]
    for h in range(min(len(cells), MAX_STREAM_PREAMBLE + 1)):
        roles = []
        k = h
        while k < len(cells) and _stream_header_cell(cells[k].text):
            roles.append(header_role(cells[k].text))
            k += 1
        if len(roles) >= 2 and any(r in HEADER_P_ROLES for r in roles):
            memo[key] = h
            return h
    memo[key] = 0
    return 0


# a column name, its bracketed note left aside ("链接地址(可以是栏目…)"); a longer cell
# (a title "2021年第二季度市(县、区)直部门评分表") is not one
MAX_STREAM_HEADER = 12
_BRACKETED = regex.compile(r"[(（][^()（）]*[)）]")


def _stream_header_cell(text: str) -> bool:
    t = text.replace(" ", "")
    # (``concurrent`` False positionally: the GIL kept, as ``regexkit.lazy`` does)
    return (len(t) <= 40 and len(_BRACKETED.sub("", t, 0, None, None, False)) <= MAX_STREAM_HEADER
            and points(t) is None and bool(header_role(t)))


def _unknown_header_cell(text: str) -> bool:
    """A short column name that names no known role (系数, 得分率…): Chinese, no figure."""
    t = text.replace(" ", "")
    return (0 < len(t) <= 8 and bool(_HAN.search(t)) and not regex.search(r"\d", t)
            and header_role(t) is None and not is_total(t))


_NUMBERED = regex.compile(r"^\s*(\d{1,2})\s*[、.]")
_TRAILING_POINTS = regex.compile(r"[(]\s*(\d{1,3}(?:\.\d+)?)\s*[)]\s*$")


def _numbered_criteria(cells: list[CellRef]) -> list[Item] | None:
    """Rows that are numbered criteria, each ending with its points in brackets
    (``1、及时准确梳理…(10)``), their grade or score cells blank: every cell of the
    stream is such a row, numbered 1, 2, 3 … (at least 3), or it is not this form."""
    if len(cells) < 3:
        return None
    items = []
    for n, c in enumerate(cells, 1):
        m, p = _NUMBERED.match(c.text), _TRAILING_POINTS.search(c.text)
        if not m or int(m.group(1)) != n or not p or not _HAN.search(c.text[: p.start()]):
            return None
        mx = points(p.group(1))
        if mx is None or mx > 100:
            return None
        items.append(Item([], c.text[: p.start()].strip(), mx, None, c.start, c.end))
    return items
