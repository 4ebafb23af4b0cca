"""表四 (``flat_row``, administrative reconsideration and litigation): the flat row of
fifteen cells under a three-route header, and the transposed print (results as rows,
routes as columns); each group's 总计 is the sum of its four results.
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import regex

from ...regexkit import compiled as _rx
from ..split import Rule
from ..templates import Template
from .cells import Scan, cell_reading, scan_values
from .context import Ctx
from .rows import resolve_row


def _routes(raw: dict) -> regex.Pattern:
    """The three routes (行政复议 / 未经复议直接起诉 / 复议后起诉): the template's ``route_columns``."""
    return _rx("|".join(raw["route_columns"]))


def _heads(raw: dict) -> str:
    """The header's route heads, with the spanning 行政诉讼: its ``header_labels`` that are no result."""
    return "|".join(h for h in raw["header_labels"] if h not in raw["result_rows"])


def _t4_rules() -> list:
    """表四: in each of the three groups of five the fifth cell (总计) is the sum of the four."""
    return [Rule(tuple(range(g * 5, g * 5 + 4)), (g * 5 + 4,), "==", "表四 总计 = sum of the group")
            for g in range(3)]


def _transposed_head(raw: dict) -> str:
    """The header of the transposed print: 3–5 route heads right before the first result row."""
    return r"(?P<h>(?:[|｜]*(?:" + _heads(raw) + r")[|｜]*){3,5})(?=(?:" + raw["result_rows"][0] + r"))"


def triggers(tpl: Template) -> tuple[str, ...]:
    """The regexes whose matches in the squeezed text start all of :func:`read_flat_row`'s
    work: its three readings are each a loop over the matches of one of them (the
    transposed print's header, ``required_header``, the last route of the cut heads), and
    every fact, warning, span and blocked key is made inside one of those loops: the
    stage's gate (stats/__init__)."""
    raw = tpl.raw
    out = [raw["required_header"][0]]
    if raw.get("result_rows"):
        out.append(_transposed_head(raw))
        if raw.get("route_columns"):
            out.append(raw["route_columns"][-1])
    return tuple(out)


def read_transposed(ctx: Ctx, tpl: Template):
    """表四 printed with the results as rows (结果维持 | a | b | c …) and the three
    routes (行政复议 / 未经复议直接起诉 / 复议后起诉) as columns."""
    s = ctx.sq.s
    raw = tpl.raw
    groups = raw["groups"]
    results = raw.get("result_rows")
    if not results:
        return
    col_rx = [_rx(c) for c in raw["route_columns"]]
    head = _rx(_transposed_head(raw))
    for hm in head.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(hm.start())):
            continue
        htxt = hm.group("h")
        # the order of the three routes in the header; 行政诉讼 is a spanning head
        order = []
        for m in _routes(raw).finditer(htxt):
            g = next(k for k, rx in enumerate(col_rx) if rx.fullmatch(m.group()))
            if g not in order:
                order.append(g)
        if sorted(order) != [0, 1, 2]:
            continue
        a = ctx.sq.orig_start(hm.start())
        pos = hm.end()
        rows = []
        ok = True
        for r, lab in enumerate(results):
            m = _rx(r"[|｜]*(?:" + lab + r")").match(s, pos)
            if m is None:
                ok = False
                break
            le = ctx.sq.orig_end(m.end())
            scan = scan_values(ctx.text, le)
            res = resolve_row(ctx, scan, 3, where=f"表四 {lab}", label_start=ctx.sq.orig_start(m.start()))
            if res is None or any(c == "ambiguous" for c in res) or (scan.pipe is False and len(scan.cells) != 3):
                ok = False
                break
            rows.append((res, ctx.sq.orig_start(m.start())))
            pos = max(ctx.sq.sq_pos(max(scan.end, le)), m.end())
        if ok and not any(c is not None for res, _ in rows for c in res):
            # the result heads are cells of one header row (the 15-column layout:
            # 结果维持 | 结果纠正 | … after the route heads), not rows: read_flat_row's
            continue
        if not ok:
            # a shape we cannot read with certainty: nothing, and say so
            ctx.warn("table_row_shape", "表四 (results as rows): rows could not be read", (a, a + len(htxt)))
            ctx.spans.append((a, ctx.sq.orig_end(pos)))
            for g in groups:
                ctx.out.blocked_keys.update(g)
            continue
        ctx.spans.append((a, ctx.sq.orig_end(pos)))
        # a route whose printed 总计 contradicts its four results: the results are kept,
        # the total is left out (as in a printed or forced row, see _printed_sums)
        bad_total = set()
        for c, g in enumerate(order):
            vals = [rows[r][0][c][0] if rows[r][0][c] is not None else None for r in range(5)]
            if all(isinstance(v, Decimal) for v in vals) and vals[4] != sum(vals[:4]):
                ctx.warn("table_row_sum", f"表四 {groups[g][4]}: 总计 {vals[4]} ≠ {'+'.join(str(v) for v in vals[:4])}; "
                         "the total is left out", (a, ctx.sq.orig_end(pos)))
                bad_total.add(c)
                ctx.out.blocked_keys.add(groups[g][4])
        for r, (res, la) in enumerate(rows):
            for c, g in enumerate(order):
                cell = res[c]
                if cell is None or (r == 4 and c in bad_total):
                    continue
                ctx.emit(groups[g][r], _count(ctx, groups[g][r], cell[1], la), "件", cell[1].text, la, cell[1].end,
                         "litigation")


def _t4_header_order(raw: dict, head: str) -> str | None:
    """What is wrong with a flat 表四 header (None when the routes come in the order of
    ``groups`` and each route has its five result heads in the order of ``result_rows``)."""
    routes = [m.group() for m in _routes(raw).finditer(head)]
    order = [r for k, r in enumerate(routes) if r not in routes[:k]]
    if order != list(raw["route_columns"]):
        return f"routes in the order {order}"
    results = raw["result_rows"]
    found = regex.findall("|".join(f"(?:{r})" for r in results), head)
    if found != list(results) * len(raw["groups"]):
        return f"result heads {'|'.join(found)}"
    return None


def _index_head(raw: dict, s: str, a_sq: int) -> bool:
    """A row-number column (``index_heads``: 序号, 编号) is the header cell right before the
    anchor (行政复议): nothing but cell borders between them (``s`` has no whitespace)."""
    heads = "|".join(map(regex.escape, raw.get("index_heads", ())))
    return bool(heads) and _rx(rf"(?:{heads})[|｜]*$").search(s, max(0, a_sq - 12), a_sq) is not None


def read_flat_row(ctx: Ctx, tpl: Template):
    read_transposed(ctx, tpl)
    s = ctx.sq.s
    raw = tpl.raw
    head_rx = _rx("|".join(f"(?:{h})" for h in raw["header_labels"]))
    req = _rx(raw["required_header"][0])
    groups = raw["groups"]
    n = sum(len(g) for g in groups)
    for am in req.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(am.start())):
            continue
        back = s[max(0, am.start() - 80):am.start()]
        if raw["anchor"] not in back:
            continue
        pos = am.end()
        while True:
            # empty cells between the heads (merged cells of the 3-row header) are bars
            # only; after the last head they may be empty value cells: pos stays before them
            p = pos
            while p < len(s) and s[p] in "|｜":
                p += 1
            m = head_rx.match(s, p)
            if m is None:
                # allow one short junk cell (e.g. "数量")
                m2 = head_rx.search(s, p, p + 16)
                if m2 is None or m2.start() > p + 3:
                    break
                m = m2
            pos = m.end()
        a_sq = s.rfind(raw["anchor"], 0, am.start())
        a = ctx.sq.orig_start(a_sq)
        le = ctx.sq.orig_end(pos)
        scan = _padded_header_row(ctx.text, le, n) or scan_values(ctx.text, le)
        if not scan.cells:
            continue
        bad = _t4_header_order(raw, s[a_sq:pos])
        if bad:
            # the 15 figures are assigned by the header's order: a header in another order
            # (or with heads missing) is not the template's, and position is no answer
            ctx.warn("header_unrecognised", f"表四: {bad}; the row is not read", (a, le))
            ctx.spans.append((a, max(scan.end, le)))
            continue
        if _index_head(raw, s, a_sq) and _row_number_first(scan, n):
            # a 序号 column before 行政复议: the row's first cell is its number, not a figure
            scan = Scan(scan.cells[1:], scan.end, scan.pipe, scan.unit, stream=scan.stream)
        res = resolve_row(ctx, scan, n, rules=_t4_rules() if n == 15 else (), where="表四", label_start=a,
                          after_header=True, money_cols=())
        ctx.spans.append((a, max(scan.end, le)))
        if res is None:
            continue
        flat_keys = [k for g in groups for k in g]
        for k, key in enumerate(flat_keys):
            cell = res[k]
            if cell == "ambiguous":
                ctx.out.blocked_keys.add(key)
                continue
            if cell is None:
                continue
            ctx.emit(key, _count(ctx, key, cell[1], a), "件", cell[1].text, a, cell[1].end, "litigation")
        vals = [c[0] if c not in (None, "ambiguous") else None for c in res]
        if not all(c != "ambiguous" for c in res):
            continue
        for g in range(3):
            grp = vals[g * 5:(g + 1) * 5]
            if all(isinstance(v, Decimal) for v in grp) and grp[4] != sum(grp[:4]):
                ctx.warn("table_row_sum",
                         f"表四 {groups[g][4]}: 总计 {grp[4]} ≠ {grp[0]}+{grp[1]}+{grp[2]}+{grp[3]}",
                         (a, scan.end))
    read_cut_heads(ctx, tpl)


def read_cut_heads(ctx: Ctx, tpl: Template):
    """表四 from a PDF page's text whose result heads are cut apart: 「结果 结果 其他 尚未 总」
    over 「维持 纠正 结果 审结 计 …」, or one character a line (「结 结 其 尚」 / 「果 果 他 未」 …).

    The header is the template's when its three routes come in the order of ``groups``
    and the characters after 复议后起诉 are exactly those of the five ``result_rows``
    three times over; which column is which can no longer be seen, so the 15 figures are
    read only when every one is 0 (then every order of the columns reads the same). Any
    other row gives ``header_unrecognised`` and no value."""
    raw = tpl.raw
    results = raw.get("result_rows")
    routes = list(raw.get("route_columns") or ())
    groups = raw["groups"]
    if not results or not routes:
        return
    s = ctx.sq.s
    need = Counter("".join(results) * len(groups))
    n = sum(len(g) for g in groups)
    flat_keys = [k for g in groups for k in g]
    for m in _rx(routes[-1]).finditer(s):
        a_sq = s.rfind(raw["anchor"], max(0, m.start() - 80), m.start())
        if a_sq < 0:
            continue
        a = ctx.sq.orig_start(a_sq)
        if ctx.consumed(a) or ctx.consumed(ctx.sq.orig_start(m.start())):
            continue
        seen = [r.group() for r in _routes(raw).finditer(s, a_sq, m.end())]
        if [r for k, r in enumerate(seen) if r not in seen[:k]] != routes:
            continue
        j = m.end()
        while j < len(s) and (s[j] in need or s[j] in "|｜"):
            j += 1
        if Counter(c for c in s[m.end():j] if c in need) != need:
            continue
        le = ctx.sq.orig_end(j)
        scan = scan_values(ctx.text, le)
        if not scan.cells:
            continue
        res = resolve_row(ctx, scan, n, rules=_t4_rules(), where="表四", label_start=a)
        ctx.spans.append((a, max(scan.end, le)))
        if res is None or any(c is None or c == "ambiguous" for c in res) or any(c[0] != 0 for c in res):
            ctx.warn("header_unrecognised", "表四: the result heads are cut apart (a PDF page's text), "
                     "so which column is which cannot be checked; the row is not read", (a, max(scan.end, le)))
            ctx.out.blocked_keys.update(flat_keys)
            continue
        for key, cell in zip(flat_keys, res):
            ctx.emit(key, _count(ctx, key, cell[1], a), "件", cell[1].text, a, cell[1].end, "litigation")


# the rest of a header's line when it holds bars only: the padding a crawl writes after a
# row's last cell for the merged cells (``总计 | ||||||``; b1 x04 ``总计 | ||||||||||||||``,
# pool s11 q049 ``总计 | |||||||``, b1 x10 ``第二十条第(一)项 |`` / ``||||``)
_PADDING_TO_EOL = regex.compile(r"[ \t\u3000]*[|｜][ \t\u3000|｜]*\r?\n")


def _padded_header_row(text: str, le: int, n: int) -> Scan | None:
    """The flat row on the line after a header whose line closes with padding bars: read
    from that line when it holds exactly ``n`` cells by itself (blank ones at its end
    aside), the first a figure - then the bars before it cannot be cells of the row (it
    would have more than ``n``). None otherwise (the cells are read from the header's
    end, as written)."""
    m = _PADDING_TO_EOL.match(text, le)
    if m is None:
        return None
    # read from the line's end: the row is the next line, its printed blank cells kept in
    # their columns (cells.scan_values)
    scan = scan_values(text, text.rfind("\n", le, m.end()))
    cells = list(scan.cells)
    while len(cells) > n and cells[-1].text == "":
        cells.pop()
    if len(cells) != n or cells[0].text == "":
        return None
    return scan


def _count(ctx: Ctx, key: str, part, label_start: int):
    """A 表四 cell's count (None: no value); a unit written in the cell (万, 元) rules it
    out, with a warning."""
    r = cell_reading(ctx.text, part)
    if r.conflict:
        ctx.warn("unit_conflict", f"表四 {key}: {r.conflict}; not read", (label_start, r.end))
        return None
    return r.value


def _row_number_first(scan: Scan, n: int) -> bool:
    """The cells are one more than the table's columns, the first being the row number 1
    (trailing empty cells aside)."""
    cells = list(scan.cells)
    while len(cells) > n + 1 and cells[-1].text == "":
        cells.pop()
    return len(cells) == n + 1 and cells[0].text.strip() == "1"
