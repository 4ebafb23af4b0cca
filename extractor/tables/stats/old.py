"""The old (2008–2018) 统计表 (``old``): one or two value columns (本年 / 累计) under a
header, rows found by label with their 序号 cells, and the channel checks (a sub-row
never exceeds its parent; application channels add up to the applications received).
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ...regexkit import compiled as _rx
from ..split import Rule
from ..templates import Row, Template, load_lexicon
from .cells import MONEY_MULT, Scan, cell_reading, reader_words, scan_values
from .context import Ctx, RowReading
from .labels import earliest_label, junk_ok, label_ends_cell
from .rows import cell_number, resolve_row


# the 序号 cell before an old 统计表 row label (what lies between the previous row and it)
_INDEX_JUNK = regex.compile(r"(?<![\d.])(\d{1,3})[|｜]*$")
_INDEX_TOK = regex.compile(r"\d{1,3}")


def _head_source(tpl: Template) -> str:
    """The header cells that open an old 统计表 (any one of them)."""
    return "|".join(f"(?:{h})" for h in tpl.raw["header"])


def triggers(tpl: Template) -> tuple[str, ...]:
    """The regexes whose matches in the squeezed text start all of :func:`read_old`'s work
    (every fact, warning and span it makes is made inside its loop over the header's
    matches): the stage's gate (stats/__init__)."""
    return (_head_source(tpl),)


def read_old(ctx: Ctx, tpl: Template):
    s = ctx.sq.s
    head_rx = _rx(_head_source(tpl))
    second = tpl.raw.get("second_column")
    for hm in head_rx.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(hm.start())):
            continue
        # the header row: up to the first row label (a 累计 inside a row label is no column)
        first_row = earliest_label(ctx, tpl.rows, hm.end(), hm.end() + 60)
        window = s[hm.end():first_row[1].start() if first_row else hm.end() + 60]
        n = 2 if second and _rx(second).search(window) else 1
        if first_row is not None and "。" not in window:
            cells = load_lexicon().unlabelled("old", window)
            if cells:
                # a value column the header names but the template does not know (上年数,
                # 同比 …): the figures of a row cannot be told apart by position
                a = ctx.sq.orig_start(hm.start())
                ctx.warn("header_unrecognised",
                         f"统计表: header cell {'|'.join(cells)!r} is no known column; the table is not read",
                         (a, ctx.sq.orig_end(first_row[1].start())))
                continue
        pos = hm.end()
        scope = None
        done: set = set()
        resolved: dict[str, list] = {}
        # rules of this table a prose-confirmed reading showed broken (年度 ≤ 历年累计 in a
        # table whose 累计 column was filled with zeros): they no longer choose splits
        broken: set = set()
        readings: list[tuple[Row, str, RowReading]] = []
        t_start = ctx.sq.orig_start(hm.start())
        # a 序号 column before 统计指标: in a stream (one cell per line) the next row's
        # number follows a row's figures (…条 | 1058 | 2 | 其中…)
        indexed = any(h in s[max(0, hm.start() - 6):hm.start()] for h in reader_words()["old_index_heads"])
        cur_index = None
        cand_rows = None  # the rows not done in the current scope (rebuilt when the scope changes)
        while True:
            if cand_rows is None:
                cand_rows = [r for r in tpl.rows if (r.index, scope if r.scoped else None) not in done]
            hit = earliest_label(ctx, cand_rows, pos, pos + 150)
            if hit is None:
                break
            row, m = hit
            if not junk_ok(ctx, pos, m.start(), 80):
                break
            if not label_ends_cell(ctx, m.end()):
                # the label is the head of a longer phrase (a heading "五、行政复议、行政诉讼情况",
                # a note): not this row; look further on
                pos = m.end()
                continue
            done.add((row.index, scope if row.scoped else None))
            cand_rows = [r for r in cand_rows if r is not row]
            if row.scope is not None:
                scope = None if row.scope == "none" else row.scope
                cand_rows = None
            key = row.keys.get("", [None])[0] if row.keys.get("") else None
            if row.scoped:
                key = row.scoped.get(scope) if scope else None
            a = ctx.sq.orig_start(m.start())
            le = ctx.sq.orig_end(m.end())
            if row.text:
                pos = m.end()
                continue
            if indexed:
                jm = _INDEX_JUNK.search(s, pos, m.start())
                if jm:
                    cur_index = int(jm.group(1))
            scan = scan_values(ctx.text, le, lead_unit=True)
            index_blocked = False
            if indexed and not scan.pipe and scan.cells:
                last_tok = scan.cells[-1]
                nxt = (cur_index + 1) if cur_index is not None else None
                if len(scan.cells) == n + 1 and _INDEX_TOK.fullmatch(last_tok.text) and int(last_tok.text) == nxt:
                    # the next row's 序号, not a figure of this row
                    scan = Scan(scan.cells[:-1], scan.cells[-2].end, False, scan.unit)
                    cur_index = nxt
                elif nxt is not None and last_tok.text == str(nxt):
                    # a figure equal to the next row's 序号: a blank cell followed by the
                    # number, or the figure itself; which is not certain
                    index_blocked = True
            rules = []
            if n == 2 and "cumulative" not in broken:
                rules.append(Rule((0,), (1,), "<=", "cumulative"))
            bounds = None
            if row.parent and row.parent in resolved:
                pv = resolved[row.parent]
                bounds = {k: pv[k] for k in range(n) if isinstance(pv[k], Decimal)}
            prose = {}
            if row.prose.get(""):
                prose[0] = lambda cues=row.prose[""]: ctx.prose_values(cues)
            res = resolve_row(ctx, scan, n, rules=rules, bounds=bounds, prose=prose,
                              soft=("cumulative",), broken=broken,
                              where=f"统计表 {s[m.start():m.end()]}", label_start=a, bool_row=row.bool_,
                              money_cols=range(n) if row.money or scan.unit in MONEY_MULT else ())
            end = max(scan.end, le)
            ctx.spans.append((t_start, end))
            pos = max(ctx.sq.sq_pos(end), m.end())
            if res is None:
                continue
            if index_blocked:
                res = ["ambiguous"] * n
                cur_index = (cur_index or 0) + 1
            if key:
                resolved[key] = [c[0] if c not in (None, "ambiguous") else None for c in res]
            cell = res[0]
            rr = RowReading(row, a, le, res, scan.unit)
            readings.append((row, key, rr))
            if not key:
                continue
            if cell == "ambiguous":
                ctx.out.blocked_keys.add(key)
                continue
            if cell is None:
                continue
            if row.bool_:
                if isinstance(cell[0], bool):
                    ctx.emit(key, cell[0], scan.unit, cell[1].text, a, cell[1].end, "old")
                continue
            if not row.money and scan.unit in MONEY_MULT:
                continue
            r = cell_reading(ctx.text, cell[1], money=row.money, column_unit=scan.unit)
            if r.conflict:
                ctx.warn("unit_conflict", f"统计表 {key}: {r.conflict}; not read", (a, r.end))
                continue
            if r.assumed:
                # as in 表二/表四 (gb_header): a money figure with no unit in its cell, its row
                # or the header is read as 元, and says so
                ctx.warn("unit_assumed", f"统计表 {key}: no unit printed, read as 元", (a, r.end))
            ctx.emit(key, r.value, r.unit, cell[1].text, a, r.end, "old")
        _check_old(ctx, readings)


def _check_old(ctx: Ctx, readings):
    by_key = {k: rr for row, k, rr in readings if k}
    # a channel / sub-row never exceeds its parent row
    for row, key, rr in readings:
        if not row.parent or row.parent not in by_key:
            continue
        v, p = cell_number(rr, 0), cell_number(by_key[row.parent], 0)
        if v is not None and p is not None and v > p:
            ctx.warn("table_channel", f"统计表: {key or ctx.text[rr.label_start:rr.label_end]} {v} exceeds {row.parent} {p}",
                     (rr.label_start, rr.label_end))
    # application channels add up to the applications received
    chans = [rr for row, key, rr in readings if row.channel == "applications"]
    total = by_key.get("applications.received")
    if chans and total is not None:
        vals = [cell_number(rr, 0) for rr in chans]
        t = cell_number(total, 0)
        if t is not None and all(v is not None for v in vals) and sum(vals) != t:
            ctx.warn("table_channel_sum", f"统计表: application channels add up to {sum(vals)}, total says {t}",
                     (total.label_start, chans[-1].label_end))
