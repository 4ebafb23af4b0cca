"""One row's cells -> values: ``resolve_row``.

Cells read as printed are kept; digits that ran together are split into the template's
column count by ``split.read_splits`` with the table's rules and the figures the prose
states, and a cell is reported only when every remaining split agrees on it (otherwise
"ambiguous", with a warning). Printed totals contradicting their parts, signs in
unsigned columns and rows whose empty cells were lost are checked here too.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ..split import NUM, PLACEHOLDER, Part, Tok, read_splits, to_decimal
from .cells import Scan
from .context import Ctx, RowReading


_CELL_BREAK = regex.compile(r"[\n|｜]")


def _lost_cells_total(ctx: Ctx, cells: list[Tok], n: int, total_last: str | None, where: str, span):
    """A row whose empty cells vanished (a crawl printing only filled cells): where each
    part stood is unknown, but the last column is the row's 总计 (``total_last``), and the
    last printed figure is that total when the arithmetic says so: with two figures they
    are equal (one part and its total: `3 | 3`, `0 | 0`); with more, and no 小计 column
    (``total_last == "sum"``), the last is the sum of the others. Returns the row with only
    the total read, or None."""
    if total_last is None or len(cells) < 2 or len(cells) >= n:
        return None
    rest = ctx.text[cells[-1].end:cells[-1].end + 200].lstrip(" \t\r\n|｜")
    if not rest or rest[0].isdigit() or rest[0] in "+-—/／":
        # the text stops in this row (an excerpt cut short: its total may be lost), or
        # figures go on after it (a row wrapped onto the next line): not a row of lost cells
        return None
    vals = [_single(c, False) for c in cells]
    if any(v is None or not isinstance(v[0], Decimal) for v in vals):
        return None
    nums = [v[0] for v in vals]
    if len(nums) == 2:
        ok = nums[0] == nums[1]
    else:
        ok = total_last == "sum" and nums[-1] == sum(nums[:-1])
    if not ok:
        return None
    ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected (empty cells lost); "
             f"only the total {cells[-1].text} is read (it is the sum of the figures before it)", span)
    return [None] * (n - 1) + [vals[-1]]


def resolve_row(ctx: Ctx, scan: Scan, n: int, *, rules=(), bounds=None, prose=None, where: str = "",
                label_start: int = 0, bool_row: bool = False, signed_cols=None, soft=(), broken=None,
                total_last: str | None = None, after_header: bool = False, money_cols=None):
    """Cells of one row -> list of n entries: (value, Part) | None (absent) | "ambiguous".

    ``value`` is Decimal for numbers, True/False for 是/否. ``prose`` maps a column
    index to the set of figures the prose states for it (or a function giving it, called
    only when the digits need it: searching the prose is a pass over the text).
    ``rules`` (:class:`split.Rule`) and ``bounds`` (column -> largest value, e.g. the
    parent row's) choose among the ways to split run-together digits; a row read as
    printed, or whose digits allow one reading only, is kept as read (the cross-checks
    report its violations). A split must
    agree with a figure the prose states: when no reading the rules allow does and one
    breaking only rules named in ``soft`` does, that reading is taken and the broken rule
    names are added to ``broken`` (the caller stops using them for this table).
    ``after_header``: the row has no label of its own, its cells follow the table's header
    (表四's flat row): in a stream of one cell a line a bare bar first may be the header
    row's closing bar (see :func:`_bar_ends_shift`).
    ``money_cols``: the columns holding amounts (None: not known) - a row the text ends in
    keeps its last printed cell only when the cut cannot have shortened it (see
    :func:`_first_cells`).
    Returns None when the row cannot be read at all.
    """
    cells = scan.cells
    if scan.pipe:
        present = [c for c in cells if c.text != ""]
        # empty cells of merged label columns before the values, unused columns after
        # (in a stream of one cell a line a leading blank is a cell: never cut)
        while len(cells) > n and cells[0].text == "" and not scan.stream:
            cells = cells[1:]
        if after_header and scan.stream and cells and cells[0].text == "" and _bar_ends_shift(cells, n):
            ctx.warn("table_row_shape", f"{where}: {len(cells)} cells one a line where {n} expected, "
                     "the first a bare bar right after the header: a blank cell or the header row's "
                     "closing bar (a crawl that closes each row with a bare |) - which column a figure "
                     "belongs to is not known", (label_start, scan.end))
            return None
        while len(cells) > n and cells[-1].text == "":
            cells = cells[:-1]
        if len(cells) != n:
            if present:
                if len(cells) < n and len(present) == len(cells):
                    tot = _lost_cells_total(ctx, cells, n, total_last, where, (label_start, scan.end))
                    if tot is not None:
                        return tot
                if len(cells) < n and _text_ends(ctx, scan):
                    return _first_cells(ctx, cells, n, rules, where, label_start, scan, bool_row, signed_cols,
                                        money_cols)
                # cells lost (a crawl that drops empty cells: `3 | 3` for four columns) or
                # extra: which column a figure belongs to is not known, so none is read
                ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected",
                         (label_start, scan.end))
                return None
            return [None] * n
        return _printed_sums(ctx, _sign_ok(ctx, [_single(c, bool_row) for c in cells], signed_cols, where,
                                           label_start, scan), rules, where, (label_start, scan.end))
    cells = [c for c in cells]
    if not cells:
        return [None] * n
    if len(cells) == n:
        return _printed_sums(ctx, _sign_ok(ctx, [_single(c, bool_row) for c in cells], signed_cols, where,
                                           label_start, scan), rules, where, (label_start, scan.end))
    if len(cells) > n:
        ctx.warn("table_row_shape", f"{where}: {len(cells)} values where {n} expected",
                 (label_start, scan.end))
        return None
    if any(not NUM.match(c.text) for c in cells):
        ctx.warn("table_row_shape", f"{where}: {len(cells)} values where {n} expected",
                 (label_start, scan.end))
        return None
    if scan.cut:
        # the row goes on after its last cell read (a figure behind a doubled sign): the
        # cells read are no run-together digits
        ctx.warn("table_row_shape", f"{where}: {len(cells)} values where {n} expected (a cell with an unreadable sign follows)",
                 (label_start, scan.end))
        return None
    digits = " ".join(c.text for c in cells)
    span = (label_start, scan.end)
    if len(cells) > 1 and any(_CELL_BREAK.search(ctx.text, x.end, y.start) for x, y in zip(cells, cells[1:])):
        # figures on separate lines / between bars are whole cells: fewer of them than
        # columns means empty cells vanished (a crawl), and where they stood is unknown
        # (only the total may be known, see _lost_cells_total)
        tot = _lost_cells_total(ctx, cells, n, total_last, where, span)
        if tot is not None:
            return tot
        # (the text ending in this row proves nothing here: a crawl of one cell a line that
        # drops blank cells loses them anywhere in the row - 规章 / 0 / 0 may be | 0 | 0)
        ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected (empty cells lost?)", span)
        return None
    if _text_ends(ctx, scan) and not (_zeros_whole(cells, n, money_cols) or _sums_cover(rules, n)):
        # fewer figures than columns on one line and the text ends there: digits run together
        # or cells lost to the cut (行政规范性文件 18 0 of 18 | 0 | 18) - no split is certain
        # unless the row's sums check every cell (表三's 总计 = the row: a cut breaks it)
        ctx.warn("table_row_shape", f"{where}: {len(cells)} values where {n} expected and the text "
                 "ends in the row (cells cut off, or digits run together): not read", span)
        return None
    signed = set(signed_cols or ())
    raw = read_splits(cells, n, signed=signed)
    if raw.status == "over_budget":
        ctx.warn("ambiguous_split", f"{where}: digits {digits} have too many readings to weigh (work budget spent)", span)
        return ["ambiguous"] * n
    if raw.status != "ok":
        ctx.warn("ambiguous_split", f"{where}: digits {digits} cannot be cut into {n} cells", span)
        return ["ambiguous"] * n
    if raw.count == 1:
        # the digits force the reading: keep its cells; a rule it breaks is a warning, and
        # the total of a broken sum is left out (the printed total contradicts its parts)
        out = [raw.unique(k) for k in range(n)]
        vals = [c[0] for c in out]
        for r in rules:
            if not r.holds(vals):
                ctx.warn("table_row_sum" if r.op == "==" else "table_check",
                         f"{where}: the only reading of {digits} breaks {r.name or 'a rule'} "
                         f"({'+'.join(str(vals[k]) for k in r.left)} {r.op} {'+'.join(str(vals[k]) for k in r.right)})",
                         span)
                if r.op == "==":
                    for k in r.right:
                        out[k] = "ambiguous"
        return out
    res = read_splits(cells, n, rules=rules, bounds=bounds, signed=signed)
    if res.status == "over_budget":
        ctx.warn("ambiguous_split", f"{where}: digits {digits} have too many readings to weigh (work budget spent)", span)
        return ["ambiguous"] * n
    allowed: dict = {}
    disagree: set = set()
    stated: dict = {}
    for col, vals in (prose or {}).items():
        if callable(vals):  # the figures the prose states, found only for a row that needs them
            vals = vals()
        stated[col] = vals
        if not vals:
            continue
        trial = read_splits(cells, n, rules=rules, bounds=bounds, signed=signed, allowed={**allowed, col: vals})
        if trial.status == "ok":
            if res.count > 1:
                res = trial
                allowed[col] = vals
            continue
        if len(vals) != 1 or read_splits(cells, n, signed=signed, allowed={col: vals}).status != "ok":
            continue  # the stated figure is not in these digits: it is about something else
        # the digits can say what the prose says, the table's rules say otherwise
        hard = [r for r in rules if r.name not in soft]
        trial = read_splits(cells, n, rules=hard, bounds=bounds, signed=signed, allowed={**allowed, col: vals})
        if trial.status == "ok" and len(hard) < len(rules):
            names = sorted({r.name for r in rules if r.name in soft})
            ctx.warn("table_check", f"{where}: the prose states {next(iter(vals))}, which reading {digits} "
                     f"gives only against the table's {', '.join(names)} rule; that rule is not used for this table",
                     span)
            if broken is not None:
                broken.update(names)
            res = trial
            allowed[col] = vals
        else:
            disagree.add(col)
    if res.status != "ok":
        ctx.warn("ambiguous_split", f"{where}: no reading of {digits} satisfies the table's rules", span)
        return ["ambiguous"] * n
    out = [res.unique(k) or "ambiguous" for k in range(n)]
    for col in disagree:
        ctx.warn("ambiguous_split", f"{where}: the prose states {sorted(stated[col])} for column {col}, "
                 f"no reading of {digits} the table's rules allow agrees; column left out", span)
        out[col] = "ambiguous"
    amb = [k for k in range(n) if out[k] == "ambiguous" and k not in disagree]
    if amb:
        ctx.warn("ambiguous_split",
                 f"{where}: {res.count} ways to split {digits}; columns {amb} left out", span)
    return out


def _text_ends(ctx: Ctx, scan: Scan) -> bool:
    """Nothing but blanks and bars after the row's last cell: the text (an excerpt cut short
    at its page's end) ends inside this row."""
    return not ctx.text[scan.end:].strip(" \t\r\n|｜")


def _zeros_whole(cells: list[Tok], n: int, money_cols) -> bool:
    """Run-together digits at the text's end that are n zeros for n count columns
    (行政事业性收费00, b7 q22; 行政诉讼数件00, dev g08): each cell is a 0, and a cut cannot
    have shortened the row - a lost figure would have to follow a 0 in its cell (a count
    has no leading 0; an amount's 0 may be 0.5 cut, so the last column must be a count)."""
    return (money_cols is not None and n - 1 not in money_cols
            and all(c.text and set(c.text) == {"0"} for c in cells) and sum(len(c.text) for c in cells) == n)


def _sums_cover(rules, n: int) -> bool:
    """The row's sum rules (==) reach each of its n cells: a split of digits a cut has
    shortened breaks one of them (8100009 at the end of the text is 8 | 1 | 0 | 0 | 0 | 0 | 9
    of a 表三 row only because 8 + 1 = 9)."""
    seen = set()
    for r in rules:
        if r.op == "==":
            seen.update(r.left)
            seen.update(r.right)
    return len(seen) == n


_BAR_AFTER = regex.compile(r"[ \t\u3000]*[|｜]")


def _first_cells(ctx: Ctx, cells: list[Tok], n: int, rules, where: str, label_start: int, scan: Scan,
                 bool_row: bool, signed_cols, money_cols=None):
    """A row the text ends in, fewer cells than columns (规章 | 0 | 0 and nothing after, three
    columns): the cells printed are its first columns, in order; the rest is lost. An
    excerpt is cut at a length, inside a line too (pool s10 p160: ``规范性文件 | 0 | 1`` and
    the text ends): its last cell is kept only when it is whole - a cell border follows it,
    or it is a count's 0 (no figure goes on after a lone 0; an amount's 0 may be 0.5 cut)."""
    last = cells[-1]
    k = len(cells) - 1
    whole = last.text == "" or _BAR_AFTER.match(ctx.text, last.end) is not None or (
        last.text == "0" and money_cols is not None and k not in money_cols)
    kept = cells if whole else cells[:-1]
    ctx.warn("table_row_shape", f"{where}: {len(cells)} cells where {n} expected "
             "(the text ends in the row: its first cells read"
             + ("" if whole else f", the last, {last.text}, perhaps cut short, left out") + ")",
             (label_start, scan.end))
    return _printed_sums(ctx, _sign_ok(ctx, [_single(c, bool_row) for c in kept]
                                       + [None] * (n - len(kept)), signed_cols, where,
                                       label_start, scan), rules, where, (label_start, scan.end))


def _bar_ends_shift(cells: list[Tok], n: int) -> bool:
    """A row of one cell a line right after its table's header (``总计 |`` / ``|`` / ``5 |`` /
    ``|`` / ``|`` / ``2 |`` …) whose first cell is blank and which has only blank cells
    beyond its ``n`` columns: the first bare bar is a blank first cell, or the header row's
    closing bar (a crawl closing each row with a bare ``|``, as b1 x10's ``规章 |`` / ``0 |``
    / ``0 |`` / ``0 |`` / ``|`` and x07's) and then every figure stands one column further
    left. True when the two readings put a figure in different columns."""
    if len(cells) <= n or any(c.text != "" for c in cells[n:]):
        return False
    first = [c.text for c in cells[:n]]
    second = [c.text for c in cells[1:n + 1]]
    return first != second


def _printed_sums(ctx: Ctx, row, rules, where: str, span):
    """A row read as printed whose total contradicts its parts is treated like a reading
    the digits force: the parts are kept, the total is left out (its keys blocked) and a
    ``table_row_sum`` warning says so; the row states two different totals and which
    one is wrong is not known (the gold convention too: g17's 总计 is not scored)."""
    if row is None:
        return None
    vals = [c[0] if isinstance(c, tuple) and isinstance(c[0], Decimal) else None for c in row]
    for r in rules:
        if r.op != "==" or r.holds(vals):
            continue
        ctx.warn("table_row_sum",
                 f"{where}: printed {'+'.join(str(vals[k]) for k in r.left)} ≠ "
                 f"{'+'.join(str(vals[k]) for k in r.right)} ({r.name or 'a sum'}); the total is left out",
                 span)
        for k in r.right:
            row[k] = "ambiguous"
    return row


def _sign_ok(ctx: Ctx, row: list, signed_cols, where, label_start, scan):
    """A sign starts a cell of a signed column (本年增/减) only: a row breaking that is not read."""
    for k, x in enumerate(row):
        if x and isinstance(x[0], Decimal) and x[1].text[:1] in "+-" and not (signed_cols and k in signed_cols):
            ctx.warn("table_check", f"{where}: signed figure {x[1].text} in an unsigned column",
                     (label_start, scan.end))
            return None
    return row


def _single(c: Tok, bool_row: bool):
    if c.text == "" or PLACEHOLDER.match(c.text):
        return None
    if c.text in ("是", "否"):
        return (c.text == "是", Part(c.text, c.start, c.end)) if bool_row else None
    d = to_decimal(c.text)
    if d is None:
        return None
    return (d, Part(c.text, c.start, c.end))


def cell_number(rr: RowReading | None, k: int):
    if rr is None:
        return None
    c = rr.cells[k]
    if c is None or c == "ambiguous":
        return None
    return c[0] if isinstance(c[0], Decimal) else None
