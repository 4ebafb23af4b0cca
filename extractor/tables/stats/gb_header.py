"""表二 of gb2019 / gb2021 (``header_rows``): the column header read through the template's
labels and the lexicon (``patterns/tables/labels.yaml``), which decides the era and the
columns; then each row's cells. A header cell nothing recognises gives a
``header_unrecognised`` warning and no values for the columns it could shift.
"""
from __future__ import annotations

import regex

from ...numbers import COUNT_UNITS, MONEY_UNITS
from ...regexkit import compiled as _rx
from ..split import Rule
from ..templates import Column, Template, load_lexicon
from .cells import MONEY_MULT, UNIT_NOTE, UNIT_WORDS, cell_reading, reader_words, row_unit, scan_values
from .context import Ctx
from .labels import earliest_label, junk_ok
from .rows import resolve_row


_UNIT_ALT = "|".join(map(regex.escape, UNIT_WORDS))   # the table's measure words (patterns/numbers.yaml)
_UNIT_PAREN = regex.compile(rf"\((?:单位[:：]?)?({_UNIT_ALT})\)")
_MONEY_ALT = "|".join(map(regex.escape, MONEY_MULT))
# a money column's unit note crawled into a cell of its own (「本年收费金额 | (单位:万元)」):
# the note closes the cell the crawl split, so it is that column's
_UNIT_CELL = regex.compile(rf"[|｜]+\((?:单位[:：]?)?({_MONEY_ALT})\)")
# a unit note for the whole table in its title line (「第二十条第(八)项(单位:万元)」) or
# between the title and the header: the unit of the table's money column
_TABLE_NOTE = regex.compile(rf"单位[:：]?({_MONEY_ALT})")

# unit notes, and any short note in brackets (现行有效件数(历史累计), a pinyin gloss 数(shù)量)
_HEADER_NOISE = regex.compile(rf"单位[:：]?(?:{_UNIT_ALT})|\([^()|]{{1,12}}\)")
_HAN = regex.compile(r"\p{Han}")


def _gap_break(tpl: Template) -> regex.Pattern:
    """What ends a header however short the gap: a figure, a full stop, or the next
    sub-table's title word (the template's ``anchor``, 第二十条)."""
    return _rx(r"\d|。|" + regex.escape(tpl.raw["anchor"]))


_DIGIT = regex.compile(r"\d")
# a note in brackets written right after a 表二 column label, inside its cell: no bar,
# no nested bracket, some Chinese in it
_COLUMN_NOTE = regex.compile(r"\((?=[^()|｜]{0,80}\p{Han})[^()|｜]{1,80}\)")
# a figure with its measure word right after a column label, on its line with no cell
# border between (「行政许可处理决定数量40宗;」, 「…处理决定数量为11件」): the label is a
# phrase of a sentence, no header cell (a header is followed by row labels, not figures);
# the measure words are those of patterns/numbers.yaml (numbers.py)
_STATED_FIGURE = regex.compile(
    r"[ \t\u3000]*(?:" + "|".join(reader_words()["stated_figure_fillers"]) + r")?[ \t\u3000]*\d+(?:[.,]\d+)*[ \t\u3000]*(?:"
    + "|".join(map(regex.escape, sorted([*MONEY_UNITS, *COUNT_UNITS], key=len, reverse=True))) + ")")


def _delimited(gap: str, cells: list[str]) -> bool:
    """Every unrecognised cell stands between separators in the header text."""
    return all(regex.search(r"[|｜]" + regex.escape(c) + r"[|｜]", gap) for c in cells)


def _unlabelled_cells(gap: str) -> list[str]:
    """表二 header cells in a stretch of header text that no column label matched."""
    return load_lexicon().unlabelled("gb", gap, _HEADER_NOISE)


def _truncated(tpl: Template, h: dict, cells: list[str], at: int, after: Column | None) -> list[Column] | None:
    """Header cells cut short alike (a crawl kept "本年新 | 本年新" of 本年新制作数量 and
    本年新公开数量): the template's columns they stand for when the lexicon reads them one
    way only (:meth:`Lexicon.truncated_columns`) and they sit where the template puts those
    columns: right before the recognised column that follows them, or right after the one
    that precedes them. Otherwise None (the cells stay unrecognised)."""
    order = [c.id for c in tpl.columns]
    ids = load_lexicon().truncated_columns(tpl.name, cells, order)
    if not ids:
        return None
    by_id = {c.id: c for c in tpl.columns}
    cols = [by_id[i] for i in ids]
    if any(c in h["cols"] for c in cols):
        return None
    first, last = order.index(ids[0]), order.index(ids[-1])
    before = h["cols"][at - 1] if at > 0 else None
    if after is None and before is None:
        return None
    if after is not None and (last + 1 >= len(order) or order[last + 1] != after.id):
        return None
    if before is not None and (first == 0 or order[first - 1] != before.id):
        return None
    return cols


def _resolve_header_cells(tpl: Template, h: dict, cells: list[str], at: int, delimited: bool,
                          after: Column | None = None) -> bool:
    """Header cells the labels missed, read through the lexicon (aliases, misspellings,
    bounded fuzzy match) and put in the header at ``at``. A cell not recognised makes the
    header unusable (``h["bad"]``: its table gives no values) unless the header's cells are
    delimited (`a | b | c`): then each cell's place is printed, the cell becomes a column
    with no keys, and a warning names it (``h["unknown"]``)."""
    cut = _truncated(tpl, h, cells, at, after)
    if cut is not None:
        h.setdefault("truncated", []).append((cells, cut))
        h["cols"][at:at] = cut
        h["units"][at:at] = [None] * len(cut)
        return True
    lex = load_lexicon()
    by_id = {c.id: c for c in tpl.columns}
    found = []
    for cell in cells:
        cid, why = lex.match_column(tpl.name, _HEADER_NOISE.sub("", cell))
        col = by_id.get(cid) if cid else None
        if col is not None and col not in h["cols"] and col not in found and col is not after:
            found.append(col)
            continue
        # a cell that names no column by itself: a column's label printed again (a source's
        # typo, 本年新制作数量 | 本年新制作数量 | 对外公开总数量, b23 ao28) or cut to a stem
        # of one or more columns' labels (本年新制作数量 | 本年新 | 对外公开, b20 ah16); which
        # column it is the template's order decides once the header is complete
        # (_unnamed_cells), or the table is not read
        stems = _stem_columns(tpl, cell) if col is None else set()
        if col is not None or stems:
            found.append(Column(f"?{cell}", None, ""))
            h.setdefault("unnamed", {})[cell] = ("repeat", col.id) if col is not None else ("stem", stems)
            if delimited and col is None:
                h.setdefault("unnamed_delimited", set()).add(cell)
            continue
        if delimited and col is None:
            found.append(Column(f"?{cell}", None, ""))
            h.setdefault("unknown", []).append(f"{cell} ({why})")
            continue
        h["bad"] = f"{cell} ({why or 'repeated column'})"
        return False
    h["cols"][at:at] = found
    h["units"][at:at] = [None] * len(found)
    return True


def _stem_columns(tpl: Template, cell: str) -> set[str]:
    """The template columns whose printed label (the lexicon's) the cell begins, cut short
    (at least ``truncation.min_stem`` characters)."""
    lex = load_lexicon()
    stem = "".join(_HEADER_NOISE.sub("", cell).split())   # (cells come from the normalised text)
    if len(stem) < int((lex.raw.get("truncation") or {}).get("min_stem", 3)):
        return set()
    labels = lex.columns.get(tpl.name) or {}
    return {c.id for c in tpl.columns if any(lab.startswith(stem) and lab != stem for lab in labels.get(c.id, []))}


def _unnamed_cells(tpl: Template, h: dict) -> None:
    """Header cells that name no column by themselves (``_resolve_header_cells``: a label
    printed twice, a stem cut short) are the template's columns by elimination, or the
    header is not read. A stem only one column's label begins is that column; any other
    such cell must stand between two recognised columns with exactly one template column
    between them, not printed elsewhere in the header - that column (a stem must begin its
    label; of a label printed twice, the copy out of place is the one). The header's
    columns must then follow one another in the template's order, one of them matched by
    its label. Sets ``h["bad"]`` otherwise (warning header_unrecognised, no value) - unless
    every such cell is a stem between cell borders: then, as any unrecognised cell of a
    delimited header, each is a column with no keys and the others are read."""
    if "unnamed" not in h or "bad" in h:
        return
    if _name_by_place(tpl, h) is None:
        return
    if set(h["unnamed"]) <= h.get("unnamed_delimited", set()):
        h.setdefault("unknown", []).extend(f"{c} (unknown)" for c in h["unnamed"])
        h.pop("bad")


def _name_by_place(tpl: Template, h: dict):
    """:func:`_unnamed_cells`' reading; None when the header is read (its columns named),
    else True with ``h["bad"]`` set."""
    order = [c.id for c in tpl.columns]
    by_id = {c.id: c for c in tpl.columns}
    cols = list(h["cols"])
    cells = [c.id[1:] if c.id not in order else None for c in cols]
    if any(cell is not None and cell not in h["unnamed"] for cell in cells) or all(cells):
        h["bad"] = f"{next((c for c in cells if c), '?')} (unknown)"
        return True
    for k, cell in enumerate(cells[:-1]):
        # the two copies of a label printed twice side by side read alike: the first is the
        # label's column, the second the cell in question
        if cell is not None and h["unnamed"][cell] == ("repeat", cols[k + 1].id):
            cols[k], cols[k + 1] = cols[k + 1], cols[k]
            cells[k], cells[k + 1] = None, cell
    named = []
    for k, cell in enumerate(cells):
        if cell is not None and h["unnamed"][cell][0] == "stem" and len(h["unnamed"][cell][1]) == 1:
            cols[k] = by_id[next(iter(h["unnamed"][cell][1]))]
            named.append((cell, cols[k].id))
    for k, cell in enumerate(cells):
        if cell is None or cols[k].id in order:
            continue
        kind, what = h["unnamed"][cell]
        prev = cols[k - 1].id if k > 0 else None
        nxt = cols[k + 1].id if k + 1 < len(cols) else None
        if prev not in order or nxt not in order or order.index(nxt) != order.index(prev) + 2:
            h["bad"] = f"{cell} (names no column; not between two recognised columns one apart)"
            return True
        mid = order[order.index(prev) + 1]
        if (kind == "stem" and mid not in what) or (kind == "repeat" and what not in (prev, nxt)):
            h["bad"] = f"{cell} (names no column; the template's column there is {mid})"
            return True
        cols[k] = by_id[mid]
        named.append((cell, mid))
    at = [order.index(c.id) for c in cols]
    if at != list(range(at[0], at[0] + len(at))):
        h["bad"] = f"{named[0][0] if named else '?'} (the header's columns are not the template's in its order)"
        return True
    h["cols"][:] = cols
    h["named"] = named
    return None


def _columns_source(tpl: Template) -> str:
    """Every column label of the template, each its own group (``c<index>``)."""
    return "|".join(f"(?P<c{i}>{c.pattern})" for i, c in enumerate(tpl.columns))


def triggers(tpl: Template) -> tuple[str, ...]:
    """The regexes whose matches in the squeezed text start all of :func:`read_header_rows`'
    work (a header is only ever opened by a column label's match; every fact, warning and
    span is made for a header): the stage's gate (stats/__init__)."""
    return (_columns_source(tpl),)


def read_header_rows(ctx: Ctx, tpl: Template):
    s = ctx.sq.s
    col_rx = _rx(_columns_source(tpl))
    gap_break = _gap_break(tpl)
    opening = reader_words()["disclosure_header_opening"]   # 信息内容 | 本年新制作数量 | …
    title = _rx(regex.escape(tpl.raw["anchor"]))
    # headers: runs of column labels with little in between; what lies between two labels
    # of one header, or between 信息内容 and the first, must be a header cell too (a label,
    # or a lexicon entry): a cell not recognised would shift every column after it
    headers = []
    for m in col_rx.finditer(s):
        ci = int(m.lastgroup[1:])
        if _STATED_FIGURE.match(ctx.text, ctx.sq.orig_end(m.end())):
            continue  # a sentence stating the figure: prose, left to the prose rules
        h = headers[-1] if headers else None
        gap = s[h["end"]:m.start()] if h else ""
        # a gap holding a row and its figures, or the 信息内容 that opens a header, ends
        # the header even when short (a one-row table right before the next header)
        if h and len(h["cols"]) < 4 and tpl.columns[ci] not in h["cols"] and opening not in gap and (
                (len(gap) <= 14 and not (_DIGIT.search(gap) and earliest_label(ctx, tpl.rows, h["end"], m.start())))
                or (len(gap) <= 30 and not gap_break.search(gap)
                    and earliest_label(ctx, tpl.rows, h["end"], m.start()) is None)):
            cells = _unlabelled_cells(gap)
            if cells and "bad" not in h:
                _resolve_header_cells(tpl, h, cells, len(h["cols"]), _delimited(gap, cells),
                                      after=tpl.columns[ci])
        else:
            h = {"start": m.start(), "cols": [], "units": [], "end": m.end()}
            headers.append(h)
            back = s[max(0, m.start() - 30):m.start()]
            k = back.rfind(opening)
            if k >= 0:
                cells = _unlabelled_cells(back[k:])
                if cells:
                    _resolve_header_cells(tpl, h, cells, 0, _delimited(back[k:], cells),
                                          after=tpl.columns[ci])
        unit = None
        um = _UNIT_PAREN.match(s[m.end():m.end() + 12])
        end = m.end()
        if um:
            unit = um.group(1)
            end += um.end()
        elif tpl.columns[ci].money and _UNIT_CELL.match(s, end):
            um = _UNIT_CELL.match(s, end)
            unit = um.group(1)
            end = um.end()
        else:
            # a note in brackets right after the column's label is part of its cell
            # (上一年项目数量(指2019年事项数), 本年增/减(…减用负值表示,如-8)): read past it
            nm = _COLUMN_NOTE.match(s, end)
            if nm:
                u = UNIT_NOTE.search(nm.group())
                unit = (u.group(1) or u.group(2)) if u else None
                end = nm.end()
        h["cols"].append(tpl.columns[ci])
        h["units"].append(unit)
        h["end"] = end
    for hi, h in enumerate(headers):
        nxt = headers[hi + 1]["start"] if hi + 1 < len(headers) else len(s)
        if "bad" not in h:
            # cells after the last label, before the first row
            first = earliest_label(ctx, tpl.rows, h["end"], min(nxt, h["end"] + 40))
            if first is not None and junk_ok(ctx, h["end"], first[1].start(), 30):
                gap = s[h["end"]:first[1].start()]
                cells = _unlabelled_cells(gap)
                if cells:
                    _resolve_header_cells(tpl, h, cells, len(h["cols"]), _delimited(gap, cells))
        _unnamed_cells(tpl, h)
        for cell, cid in h.get("named", ()) if "bad" not in h else ():
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_truncated", f"表二: header cell {cell} names no column by itself (a label printed "
                     f"again or cut short); read as {cid}, the template's column at its place",
                     (a, ctx.sq.orig_end(h["end"])))
        for cells, cut in h.get("truncated", ()) if "bad" not in h else ():
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_truncated", f"表二: header cells {' | '.join(cells)} are cut short; read as "
                     f"{', '.join(c.id for c in cut)}, the only template columns they begin, in the template's order",
                     (a, ctx.sq.orig_end(h["end"])))
        if "unknown" in h and "bad" not in h:
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_unrecognised", f"表二: header cell {'; '.join(h['unknown'])} is no known column; "
                     "its figures are not read", (a, ctx.sq.orig_end(h["end"])))
        if "bad" in h:
            a = ctx.sq.orig_start(h["start"])
            ctx.warn("header_unrecognised", f"表二: header cell {h['bad']} is no known column; the table is not read",
                     (a, ctx.sq.orig_end(h["end"])))
            ctx.spans.append((a, ctx.sq.orig_end(h["end"])))
            continue
        cols = h["cols"]
        _table_note(s, h, headers[hi - 1]["end"] if hi else 0, title)
        eras = {c.template for c in cols if c.template}
        era = eras.pop() if len(eras) == 1 else "gb"
        n = len(cols)
        pos = h["end"]
        done = set()
        while True:
            hit = earliest_label(ctx, [r for r in tpl.rows if r.index not in done], pos, min(nxt, pos + 40))
            if hit is None:
                break
            row, m = hit
            if not junk_ok(ctx, pos, m.start(), 30):
                break
            done.add(row.index)
            a = ctx.sq.orig_start(m.start())
            le = ctx.sq.orig_end(m.end())
            scan = scan_values(ctx.text, le)
            prose = {}
            for k, c in enumerate(cols):
                cues = row.prose.get(c.id)
                if cues:
                    prose[k] = lambda cues=cues: ctx.prose_values(cues)
            res = resolve_row(ctx, scan, n, rules=_t2_rules(cols), prose=prose,
                              where=f"表二 {s[m.start():m.end()]}", label_start=a,
                              signed_cols={k for k, c in enumerate(cols) if c.signed},
                              money_cols={k for k, c in enumerate(cols) if c.money})
            end = max(scan.end, le)
            ctx.spans.append((a, end))
            pos = max(ctx.sq.sq_pos(end), m.end())
            if res is None:
                continue
            for k, c in enumerate(cols):
                keys = row.keys.get(c.id, [])
                if not keys:
                    continue
                cell = res[k]
                if cell == "ambiguous":
                    ctx.out.blocked_keys.update(keys)
                    continue
                if cell is None:
                    continue
                d, part = cell
                r = cell_reading(ctx.text, part, money=c.money, signed=c.signed,
                                 column_unit=h["units"][k] or row_unit(scan.unit, c.money))
                if r.conflict:
                    ctx.warn("unit_conflict", f"表二 {keys[0]}: {r.conflict}; not read", (a, r.end))
                    continue
                if r.assumed:
                    ctx.warn("unit_assumed", f"{keys[0]}: no unit printed, read as 元", (a, part.end))
                val, unit = r.value, r.unit
                if not c.money:
                    unit = unit or ("件" if era == "gb2021" and c.id in ("issued", "abolished", "in_force") else unit)
                for key in keys:
                    ctx.emit(key, val, unit, part.text, a, r.end, era)


def _table_note(s: str, h: dict, floor: int, title: regex.Pattern) -> None:
    """A money unit noted for the whole table, in its title line or between the title and
    the header (「第二十条第(八)项(单位:万元) 信息内容 | 本年收费金额」), is the unit of the
    table's one money column when that column notes none of its own; with two money
    columns, or none, it is nobody's (no guess). ``title`` finds the sub-table's title
    word (the template's ``anchor``); the note counts from the last one before the header."""
    money = [k for k, c in enumerate(h["cols"]) if c.money]
    if len(money) != 1 or h["units"][money[0]] is not None:
        return
    back = s[max(floor, h["start"] - 40):h["start"]]
    t = max(title.finditer(back), key=lambda m: m.start(), default=None)
    if t is None:
        return  # no title line right before the header: a note there may be another table's
    notes = {m.group(1) for m in _TABLE_NOTE.finditer(back, t.start())}
    if len(notes) == 1:
        h["units"][money[0]] = notes.pop()


def _t2_rules(cols) -> list:
    """gb2021 第二十条第(一)项: what was issued this year and not abolished is in force,
    so 本年制发 ≤ 本年废止 + 现行有效."""
    at = {c.id: k for k, c in enumerate(cols)}
    if all(x in at for x in ("issued", "abolished", "in_force")):
        return [Rule((at["issued"],), (at["abolished"], at["in_force"]), "<=", "制发 ≤ 废止 + 现行有效")]
    return []
