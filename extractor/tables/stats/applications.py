"""表三 (``fixed_columns``, applications by applicant): the header's column order (自然人
first or after the 法人或其他组织 block, an optional 小计), the rows, and the sums the
table must satisfy (总计 = 自然人 + 法人或其他组织, 小计), checked with warnings.
"""
from __future__ import annotations

from decimal import Decimal

from ...regexkit import compiled as _rx
from ..split import Rule
from ..templates import Template, load_lexicon
from .cells import cell_reading, reader_words, scan_values
from .context import Ctx, RowReading
from .labels import earliest_label, junk_ok
from .rows import cell_number, resolve_row


def _t3_validator(n: int, subtotal_at: int | None, natural_at: int = 0):
    """总计 (the last column) = 自然人 + the 法人或其他组织 columns; with a 小计 column,
    小计 = the 法人 columns and 总计 = 自然人 + 小计."""
    def ok(vals):
        if any(v is None or not isinstance(v, Decimal) for v in vals):
            return True
        if subtotal_at is None:
            return vals[n - 1] == sum(vals[: n - 1])
        legal = [v for i, v in enumerate(vals[:n - 1]) if i not in (subtotal_at, natural_at)]
        return vals[subtotal_at] == sum(legal) and vals[n - 1] == vals[natural_at] + vals[subtotal_at]
    return ok


def _t3_rules(n: int, subtotal_at: int | None, natural_at: int = 0) -> list:
    """The sums of :func:`_t3_validator` as split rules."""
    if subtotal_at is None:
        return [Rule(tuple(range(n - 1)), (n - 1,), "==", "总计 = sum of the row")]
    legal = tuple(i for i in range(n - 1) if i not in (subtotal_at, natural_at))
    return [Rule(legal, (subtotal_at,), "==", "小计 = 法人或其他组织"),
            Rule((natural_at, subtotal_at), (n - 1,), "==", "总计 = 自然人 + 小计")]


def _t3_header(tpl: Template, back: str) -> str | None:
    """The run of 表三 header cells right before the first row (None when there is none)."""
    rx = _header_run_rx(tpl)
    if rx is None:
        return None
    last = None
    for m in rx.finditer(back):
        last = m
    if last is None or len(back) - last.end() > 12 or reader_words()["applications_header_anchor"] not in last.group():
        return None
    return last.group()


def _t3_unrecognised(tpl: Template, back: str) -> str | None:
    """What of a 表三 header (the text before its first row, from 自然人 on) no header
    word names, or None when the header is all known (or there is no 自然人 header)."""
    k = back.rfind(reader_words()["applications_header_anchor"])
    if k < 0:
        return None
    run = _t3_header(tpl, back)
    if run is None:
        return repr(back[max(0, k - 20):][:80])
    tail = back[back.rfind(run) + len(run):]
    cells = load_lexicon().unlabelled("applications", tail)
    return repr("|".join(cells)) if cells else None


def _t3_columns(tpl: Template, back: str):
    """Column ids of a 表三 in the order printed, or None when no header is found.

    The national template prints 自然人 | 法人或其他组织 (商业企业 … 其他 [| 小计]) | 总计;
    some tables put the 法人或其他组织 block first and 自然人 after it (the heads then
    come before 自然人 in reading order, whatever the number of header rows)."""
    k = back.rfind(reader_words()["applications_header_anchor"])
    if k < 0:
        return None
    run = _t3_header(tpl, back)
    header = run if run is not None else back[k:]
    col_ids = list(tpl.raw["columns"])
    if tpl.raw.get("subtotal_label") and _rx(tpl.raw["subtotal_label"]).search(header):
        col_ids = col_ids[:-1] + ["subtotal", col_ids[-1]]
    if run is not None:
        np_pos = run.find(reader_words()["applications_header_anchor"])
        legal = [run.find(w) for w in tpl.raw.get("legal_heads") or []]
        if any(0 <= p < np_pos for p in legal):
            col_ids.remove("natural_person")
            col_ids.insert(len(col_ids) - 1, "natural_person")
    return col_ids


def triggers(tpl: Template) -> tuple[str, ...]:
    """The regexes (sources) whose matches in the squeezed text start all of
    :func:`read_fixed_columns`' work: every fact, warning, span and blocked key it makes
    is made inside its loop over the first row's matches (the stage's gate, stats/__init__)."""
    return (tpl.rows[0].pattern,)


def read_fixed_columns(ctx: Ctx, tpl: Template):
    s = ctx.sq.s
    first = tpl.rows[0]   # (its rx is its pattern compiled: triggers)
    for am in first.rx.finditer(s):
        if ctx.consumed(ctx.sq.orig_start(am.start())):
            continue
        back = s[max(0, am.start() - 400):am.start()]
        bad = _t3_unrecognised(tpl, back)
        if bad is not None:
            # a header naming 自然人 whose cells the template does not all know: which
            # column is which cannot be told, and column position is no answer
            a = ctx.sq.orig_start(am.start())
            ctx.warn("header_unrecognised", f"表三: header {bad} is not the template's; the table is not read",
                     (a, ctx.sq.orig_end(am.end())))
            continue
        col_ids = _t3_columns(tpl, back)
        if col_ids is None:
            continue
        n = len(col_ids)
        subtotal_at = col_ids.index("subtotal") if "subtotal" in col_ids else None
        natural_at = col_ids.index("natural_person")
        readings: dict[str, RowReading] = {}
        pos = am.start()
        last = -1
        era = "gb2019"
        rep_head = _header_run_rx(tpl)
        while True:
            # a table split over pages repeats its header rows: skip them
            if rep_head is not None:
                hm = rep_head.match(s, pos)
                if hm is not None:
                    pos = hm.end()
            hit = earliest_label(ctx, [r for r in tpl.rows if r.index > last], pos, pos + 120)
            if hit is None:
                break
            row, m = hit
            if not junk_ok(ctx, pos, m.start(), 40):
                break
            last = row.index
            a = ctx.sq.orig_start(m.start())
            le = ctx.sq.orig_end(m.end())
            scan = scan_values(ctx.text, le)
            if row.group == "other":
                era = "gb2021"
            res = resolve_row(ctx, scan, n, rules=_t3_rules(n, subtotal_at, natural_at),
                              where=f"表三 {s[m.start():m.end()]}", label_start=a,
                              total_last="sum" if subtotal_at is None else "pair", money_cols=())
            end = max(scan.end, le)
            ctx.spans.append((ctx.sq.orig_start(am.start()), end))
            pos = max(ctx.sq.sq_pos(end), m.end())
            if res is None:
                continue
            if row.is_parent and all(c is None for c in res):
                continue
            readings[row.id] = RowReading(row, a, le, res, scan.unit)
        for rid, rr in readings.items():
            for k, cid in enumerate(col_ids):
                keys = rr.row.keys.get(cid, [])
                if not keys:
                    continue
                cell = rr.cells[k]
                if cell == "ambiguous":
                    ctx.out.blocked_keys.update(keys)
                    continue
                if cell is None:
                    continue
                r = cell_reading(ctx.text, cell[1])
                if r.conflict:
                    ctx.warn("unit_conflict", f"表三 {keys[0]}: {r.conflict}; not read", (rr.label_start, r.end))
                    continue
                val = r.value
                for key in keys:
                    ctx.emit(key, val, "件", cell[1].text, rr.label_start, r.end, "applications:" + era)
        _check_t3(ctx, readings, col_ids, n, subtotal_at, era, natural_at)


def _header_run_rx(tpl: Template):
    words = tpl.raw.get("header_words")
    if not words:
        return None
    alt = "|".join(f"(?:{w})" for w in words)
    # three or more header cells in a row (possibly after a 续表 mark / page number)
    marks = "|".join(reader_words()["continuation_marks"])
    return _rx(rf"(?:[|｜]*(?:{marks})?[|｜]*)(?:[|｜]*(?:{alt})[|｜]*){{3,}}")


def _check_t3(ctx: Ctx, readings: dict, col_ids: list, n: int, subtotal_at, era: str, natural_at: int = 0):
    tot = n - 1
    # each row: 总计 = sum of the applicant columns (only where every cell was read as printed)
    for rid, rr in readings.items():
        vals = [cell_number(rr, k) for k in range(n)]
        if any(v is None for v in vals):
            continue
        if not _t3_validator(n, subtotal_at, natural_at)(vals):
            ctx.warn("table_row_sum",
                     f"表三 {ctx.text[rr.label_start:rr.label_end]}: 总计 {vals[tot]} ≠ sum of the row {sum(vals[:tot]) if subtotal_at is None else vals[natural_at] + vals[subtotal_at]}",
                     (rr.label_start, rr.label_end))
    # 一 + 二 = 三(七)总计 + 四, column by column
    need = ["received", "carried_over", "total", "carried_forward"]
    if all(r in readings for r in need):
        for k in range(n):
            v = [cell_number(readings[r], k) for r in need]
            if any(x is None for x in v):
                continue
            if v[0] + v[1] != v[2] + v[3]:
                rr = readings["received"]
                ctx.warn("table_balance",
                         f"表三 column {col_ids[k]}: 本年新收 {v[0]} + 上年结转 {v[1]} ≠ 总计 {v[2]} + 结转下年度 {v[3]}",
                         (rr.label_start, readings["carried_forward"].label_end))
    # the outcome rows add up to (七)总计
    if "total" in readings:
        parts, complete = Decimal(0), True
        groups: dict[str, list] = {}
        for rid, rr in readings.items():
            if rr.row.group:
                groups.setdefault(rr.row.group, []).append(rr)
        for rr in groups.get("outcome", []):
            subs = groups.get(rr.row.id, [])
            src = subs if subs else [rr]
            for x in src:
                v = cell_number(x, tot)
                if v is None:
                    complete = False
                else:
                    parts += v
        for gid in ("refused", "unable", "not_processed", "other"):
            if gid in groups and gid not in {r.row.id for r in groups.get("outcome", [])}:
                for x in groups[gid]:
                    v = cell_number(x, tot)
                    if v is None:
                        complete = False
                    else:
                        parts += v
        stated = cell_number(readings["total"], tot)
        if complete and stated is not None and len(groups.get("outcome", [])) >= 2 and parts != stated:
            rr = readings["total"]
            ctx.warn("table_outcome_sum", f"表三: the outcome rows add up to {parts}, (七)总计 says {stated}",
                     (rr.label_start, rr.label_end))
