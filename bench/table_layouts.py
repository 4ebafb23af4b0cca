#!/usr/bin/env python3
"""Layout invariance of the statistics tables: a metamorphic check on REAL tables.

A report's 表二/表三/表四 (gb2019/gb2021) or old-era 统计表 reaches the tool as a real grid
(Word, HTML) or as crawled text in one of many layouts.  The figures must not depend on
the layout: a layout the readers understand gives the grid's values, one they do not
understand gives no value - never a different one.

This script takes the grid the tool reads (the document model after loading: every
``Table`` block of two or more columns; a stream table, one cell a line, is left as it
is) of real reports, flattens each table into each crawled layout of :data:`LAYOUTS`
(deterministic), writes the report back as text (its paragraphs one a line, the tables
flattened in place) and runs the tool on every variant.  The table keys' values read
from the grid written as plain pipe rows (facts whose origin is ``table``; the row ``pipe``
compares those with the grid's own record) are the reference: per layout, each is

* ``same``  - the variant gives the same value,
* ``lost``  - the variant gives no value for the key from a table (none at all, or the
  report's prose states another figure: ``lost/prose`` in ``--details``),
* ``WRONG`` - the variant reads another value from the table;

and a table key the variant reads from a table that the grid did not is ``WRONG`` too
unless the grid's own record (from its prose) or the gold file has that value.

Usage::

    python bench/table_layouts.py /work/shared/corpus/real tests/real/b1 ...   # matrix
    python bench/table_layouts.py DIR --show LAYOUT NAME                       # one variant's text
    python bench/table_layouts.py DIR --details                                # every lost/WRONG value

Sources: ``.docx`` / ``.html`` files (real grids) and ``.txt`` files whose loaded tables
are pipe grids; only documents whose gold file has a table key and whose grid rendering
reads one from a table.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# the statistics tables' keys: 表二 (rules … fees), 表三 (applications, outcome), 表四
TABLE_PREFIXES = ("outcome.", "applications.", "normative.", "rules.", "licensing.",
                  "penalty.", "coercion.", "reconsideration.", "litigation.", "fees.admin")
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def is_table_key(key: str) -> bool:
    return key.startswith(TABLE_PREFIXES)


# ------------------------------------------------------------------ the grid of a table


def table_rows(table) -> list[list[tuple[str, int]]]:
    """Rows of (cell text, colspan) as a reader of the grid sees them: a merged cell
    once, in the row and column where it starts."""
    return [[(" ".join(c.text.split()), c.colspan) for c in row] for row in table.rows()]


def _texts(row) -> list[str]:
    return [t for t, _ in row]


def _is_value(s: str) -> bool:
    from extractor.load.textcells import is_value
    return bool(s) and is_value(s)


def _header_rows(rows) -> int:
    """How many leading rows hold no value cell (the table's header)."""
    k = 0
    while k < len(rows) and not any(_is_value(t) for t, _ in rows[k]):
        k += 1
    return k


# ------------------------------------------------------------------ the layouts


def _pipe(cells: list[str]) -> str:
    """Cells set apart by bars; a row ending in blank cells closes with a bar (``a | b | |``)
    so its last blank cell is a cell, not the closing bar of a shorter row."""
    row = " | ".join(cells)
    return row + " |" if cells and cells[-1] == "" else row


def lay_pipe(rows):
    """``a | b | c`` one row a line, empty cells kept."""
    return [_pipe(_texts(r)) for r in rows]


def lay_pipe_bound(rows):
    """``| a | b | c |`` (markdown-like bounds)."""
    return ["| " + _pipe(_texts(r)) + " |" for r in rows]


def lay_pipe_pad(rows, width):
    """``a | b | ||`` - a trailing bar and the ``||`` padding of merged cells."""
    out = []
    for r in rows:
        pad = max(0, width - sum(s for _, s in r))
        out.append(_pipe(_texts(r)) + " |" + (" " + "|" * (pad + 1) if pad else ""))
    return out


def lay_drop_blank(rows):
    """Pipe rows with the blank cells dropped (a crawler that skips empty <td>)."""
    return [_pipe([t for t in _texts(r) if t]) for r in rows if any(_texts(r))]


def lay_cell_lines(rows):
    """One cell a line, blank cells dropped."""
    return [t for r in rows for t in _texts(r) if t]


def lay_cell_lines_blank(rows):
    """One cell a line, a blank cell as an empty line."""
    return [t for r in rows for t in _texts(r)]


def lay_cell_bar(rows, row_end: str | None = "|"):
    """One cell a line with a trailing `` |``; a merged cell's other columns as a line of
    bars (``第二十条第(一)项 |`` / ``|||``), each row closed by a line ``row_end`` (b1 x10,
    x04: a bare ``|``; x07: ``||``; None: not closed)."""
    out = []
    for r in rows:
        for t, span in r:
            out.append((t + " |") if t else "|")
            if span > 1:
                out.append("|" * span)
        if row_end:
            out.append(row_end)
    return out


def lay_sep_lines(rows):
    """Cells one a line between bare ``|`` lines, a blank cell a bar right after a bar
    (``规章`` / ``|`` / ``0`` / ``|`` / ``|`` …); rows end with a ``|||`` line."""
    out = []
    for r in rows:
        for t in _texts(r):
            if t:
                out.append(t)
            out.append("|")
        out[-1] = "|||"
    return out


def lay_spaces(rows):
    """Space-separated rows (cells set apart by two spaces; blank cells dropped)."""
    return ["  ".join(t for t in _texts(r) if t) for r in rows if any(_texts(r))]


def lay_spaces1(rows):
    """Rows of cells set apart by one space (blank cells dropped)."""
    return [" ".join(t for t in _texts(r) if t) for r in rows if any(_texts(r))]


def lay_tabs(rows):
    """Rows of cells set apart by tabs, blank cells kept (a copied spreadsheet)."""
    return ["\t".join(_texts(r)) for r in rows]


def lay_one_line(rows):
    """The whole table run onto ONE line, cells and rows set apart by bars."""
    return [" | ".join(" | ".join(_texts(r)) for r in rows)]


def lay_one_line_spaces(rows):
    """The whole table run onto ONE line, cells set apart by spaces."""
    return [" ".join(t for r in rows for t in _texts(r) if t)]


def lay_one_line_glued(rows):
    """The whole table run onto ONE line with no separator at all: the cells' texts glued
    (``规章000规范性文件000第二十条第(五)项…``, a crawl that dropped every cell border -
    figures of one row run together)."""
    return ["".join(t for r in rows for t in _texts(r))]


def lay_row_glued(rows):
    """One row a line, cells glued with no separator (``规章000``)."""
    return ["".join(_texts(r)) for r in rows if any(_texts(r))]


def _header_again(rows, early: bool):
    """Pipe rows with the header printed again inside the first run of figure rows under
    it (at least four of them): halfway through that run, or right after its first row
    (``early``); None when there is no such run."""
    h = _header_rows(rows)
    end = h
    while end < len(rows) and any(_is_value(t) for t, _ in rows[end]):
        end += 1
    if h == 0 or end - h < 4:
        return None
    at = h + 1 if early else h + (end - h) // 2
    return lay_pipe(rows[:at] + rows[:h] + rows[at:])


def lay_header_repeat(rows):
    """Pipe rows with the header repeated between two rows of figures (a table across a
    page break): inside the first run of figure rows under the header only, so the
    repeated header is still the one over those rows (a 表二 of sections has a header
    row of its own over each section)."""
    return _header_again(rows, early=False)


def lay_header_repeat_early(rows):
    """:func:`lay_header_repeat` with the header printed again right after the first row
    of figures (a page that ends after one row: the rows after it under a category cell
    written once above the repeat, or starting a deeper one)."""
    return _header_again(rows, early=True)


def lay_row_break(rows):
    """Pipe rows broken before their first figure: the label cells on one line, the
    figures on the next (``规章 |`` / ``0 | 0 | 0 |``, pool s11 q049; ``1 | 决策 | … |`` /
    ``10 | 5 | ||||``); a row without a label or a figure stays whole."""
    out = []
    for r in rows:
        t = _texts(r)
        k = next((i for i, c in enumerate(t) if _is_value(c)), None)
        if k and any(t[:k]):
            out.append(_pipe(t[:k]) + " |")
            out.append(_pipe(t[k:]) + " |")
        else:
            out.append(_pipe(t) + " |")
    return out


def lay_fullwidth(rows):
    """Pipe rows with full-width digits."""
    return [_pipe(_texts(r)).translate(FULL) for r in rows]


def lay_signed(rows):
    """Pipe rows with a change column (本年增/减, 增减) written with its sign (``+4``, pool
    and b18 ad12: ``其他对外管理服务事项 | 2 | +2 | 114 | |``): the column under the latest
    header row naming it (a 表二 of sections has a header over each section)."""
    out, changed, cols = [], False, set()
    for r in rows:
        texts = _texts(r)
        if not any(_is_value(t) for t in texts):
            # a header (or title) row: the columns it names 增/减 until the next header
            named, k = set(), 0
            for t, span in r:
                if "增" in t and "减" in t:
                    named.add(k)
                k += span
            if named or any("信息内容" in t for t in texts):
                cols = named
            out.append(_pipe(texts))
            continue
        cells, k = [], 0
        for t, span in r:
            if k in cols and t.isdigit() and int(t) > 0:
                t, changed = "+" + t, True
            cells.append(t)
            k += span
        out.append(_pipe(cells))
    return out if changed else None


LAYOUTS = {
    "pipe": lambda rows, w: lay_pipe(rows),
    "pipe_bound": lambda rows, w: lay_pipe_bound(rows),
    "pipe_pad": lay_pipe_pad,
    "drop_blank": lambda rows, w: lay_drop_blank(rows),
    "cell_lines": lambda rows, w: lay_cell_lines(rows),
    "cell_lines_blank": lambda rows, w: lay_cell_lines_blank(rows),
    "cell_bar": lambda rows, w: lay_cell_bar(rows),
    "cell_bar_open": lambda rows, w: lay_cell_bar(rows, None),
    "cell_bar_dbl": lambda rows, w: lay_cell_bar(rows, "||"),
    "sep_lines": lambda rows, w: lay_sep_lines(rows),
    "spaces": lambda rows, w: lay_spaces(rows),
    "spaces1": lambda rows, w: lay_spaces1(rows),
    "tabs": lambda rows, w: lay_tabs(rows),
    "one_line": lambda rows, w: lay_one_line(rows),
    "one_line_spaces": lambda rows, w: lay_one_line_spaces(rows),
    "one_line_glued": lambda rows, w: lay_one_line_glued(rows),
    "row_glued": lambda rows, w: lay_row_glued(rows),
    "header_repeat": lambda rows, w: lay_header_repeat(rows),
    "header_repeat_early": lambda rows, w: lay_header_repeat_early(rows),
    "row_break": lambda rows, w: lay_row_break(rows),
    "fullwidth": lambda rows, w: lay_fullwidth(rows),
    "signed": lambda rows, w: lay_signed(rows),
}


def cut_rows(rows):
    """The table as an excerpt cut short at its page's end inside its last row of two or
    more figures (aq23: ``规章 | 0 | 0`` and nothing after, three columns): the rows before
    it, then that row up to its ⌈v/2⌉-th figure of v (at least one cell is lost). None when
    the table has no such row."""
    at = max((i for i, r in enumerate(rows) if sum(_is_value(t) for t, _ in r) >= 2), default=None)
    if at is None:
        return None
    row = rows[at]
    v = sum(_is_value(t) for t, _ in row)
    keep, seen = 0, 0
    for k, (t, _) in enumerate(row):
        if _is_value(t):
            seen += 1
            if seen == (v + 1) // 2:
                keep = k + 1
                break
    return rows[:at] + [row[:keep]]


# an excerpt that ends inside a table row, in the layouts such excerpts arrive in: the
# report up to its last table whose last row of figures is cut short (see :func:`cut_rows`)
CUT_LAYOUTS = {
    "cut_pipe": lambda rows, w: lay_pipe(rows),
    "cut_cell_lines": lambda rows, w: lay_cell_lines(rows),
    "cut_cell_lines_blank": lambda rows, w: lay_cell_lines_blank(rows),
    "cut_cell_bar": lambda rows, w: lay_cell_bar(rows, None),
    "cut_spaces": lambda rows, w: lay_spaces(rows),
}
LAYOUTS.update(CUT_LAYOUTS)


def has_blank_cells(doc) -> bool:
    """A grid table has a blank cell after a figure in its row (a layout that drops blank
    cells cannot tell where that row's figures stood: a loss there is the layout's)."""
    for b in doc.tables():
        if b.table is None or b.table.n_cols < 2:
            continue
        for r in table_rows(b.table):
            t = _texts(r)
            k = next((i for i, c in enumerate(t) if _is_value(c)), None)
            if k is not None and any(c == "" for c in t[k:]):
                return True
    return False


def render(doc, layout: str) -> str | None:
    """The document as text with each grid table in ``layout``; None when the layout
    does not apply (no table it changes)."""
    fn = LAYOUTS[layout]
    if layout in CUT_LAYOUTS:
        return _render_cut(doc, fn)
    lines: list[str] = []
    applied = False
    for b in doc.blocks:
        if b.kind == "table" and b.table is not None and b.table.n_cols >= 2:
            rows = table_rows(b.table)
            got = fn(rows, b.table.n_cols)
            if got is None:
                got = lay_pipe(rows)
            else:
                applied = True
            lines.append("")
            lines.extend(got)
            lines.append("")
        elif b.kind == "table" and b.table is not None:
            lines.extend(c.text for c in sorted(b.table.cells, key=lambda c: (c.row, c.col)))
        else:
            lines.append(b.text)
    return "\n".join(lines) + "\n" if applied else None


def _render_cut(doc, fn) -> str | None:
    """The document up to its last grid table that has a row of two or more figures, that
    table cut inside that row (:func:`cut_rows`) and written in ``fn``'s layout, the tables
    before it as pipe rows; the text ends there. None when no table can be cut."""
    blocks = list(doc.blocks)
    grid = [i for i, b in enumerate(blocks) if b.kind == "table" and b.table is not None
            and b.table.n_cols >= 2 and cut_rows(table_rows(b.table)) is not None]
    if not grid:
        return None
    last = grid[-1]
    lines: list[str] = []
    for i, b in enumerate(blocks[:last + 1]):
        if b.kind == "table" and b.table is not None and b.table.n_cols >= 2:
            rows = table_rows(b.table)
            lines.append("")
            lines.extend(fn(cut_rows(rows), b.table.n_cols) if i == last else lay_pipe(rows))
            if i != last:
                lines.append("")
        elif b.kind == "table" and b.table is not None:
            lines.extend(c.text for c in sorted(b.table.cells, key=lambda c: (c.row, c.col)))
        else:
            lines.append(b.text)
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ running


def _table_values(rec: dict) -> dict:
    """The table keys' values a record reads from a table."""
    return {f["key"]: f["value"] for f in rec.get("facts", [])
            if f.get("origin") == "table" and is_table_key(f["key"])}


def _gold(path: Path) -> dict:
    stem = path.name.split(".")[0]
    g = path.parent / f"{stem}.gold.json"
    if not g.exists():
        return {}
    return json.loads(g.read_text(encoding="utf-8")).get("values", {})


def sources(dirs, need_gold: bool = True) -> list[Path]:
    """The reports of ``dirs`` to check: those whose gold file has a table key (all
    ``.docx``/``.html``/``.txt`` files with ``need_gold`` False: an unannotated pool, the
    grid's own reading the only reference)."""
    out = []
    for d in dirs:
        for p in sorted(Path(d).iterdir()):
            if p.suffix not in (".docx", ".html", ".txt") or p.name.endswith((".gold.json", ".meta.json")):
                continue
            if p.name.endswith(".text.txt"):
                continue
            if not need_gold or any(is_table_key(k) for k in _gold(p)):
                out.append(p)
    return out


def check(path: Path, layouts=None, *, keep_text: bool = False):
    """{layout: (same, lost, wrong, details)} for one source; None when the source has
    no grid table the tool reads a table key from."""
    from extractor.load import load_document
    from extractor.pipeline import extract

    doc = load_document(path)
    if not any(b.table is not None and b.table.n_cols >= 2 for b in doc.tables()):
        return None
    name = path.stem.split(".")[0] + ".txt"
    base = extract(path)
    grid_ref = _table_values(base)
    if not grid_ref:
        return None
    # the reference of every other layout: the grid written as plain pipe rows (the
    # paragraphs and one-column stream tables written alike in every variant, so a
    # difference is the layout's); ``pipe`` itself is compared with the grid's record
    pipe_text = render(doc, "pipe")
    pipe_rec = extract(pipe_text.encode("utf-8"), name=name) if pipe_text else base
    gold = _gold(path)
    res = {}
    for lay in layouts or LAYOUTS:
        text = pipe_text if lay == "pipe" else render(doc, lay)
        if text is None:
            continue
        ref_rec = base if lay == "pipe" else pipe_rec
        ref, allv = _table_values(ref_rec), ref_rec.get("values", {})
        if not ref:
            continue
        rec = pipe_rec if lay == "pipe" else extract(text.encode("utf-8"), name=name)
        vals = {k: v for k, v in rec.get("values", {}).items() if is_table_key(k)}
        from_table = _table_values(rec)
        same = lost = wrong = 0
        det = []
        for k, v in ref.items():
            if k not in vals:
                lost += 1
                det.append(("lost", k, v, None))
            elif vals[k] == v:
                same += 1
            elif k in from_table:
                wrong += 1
                det.append(("WRONG", k, v, vals[k]))
            else:
                # the table is not read and the report's prose states another figure: a
                # loss of the table's value, not a misreading of the layout
                lost += 1
                det.append(("lost/prose", k, v, vals[k]))
        for k, v in from_table.items():
            if k in ref or allv.get(k) == v or gold.get(k) == v:
                continue
            wrong += 1
            det.append(("WRONG+", k, allv.get(k, gold.get(k)), v))
        res[lay] = (same, lost, wrong, det, text if keep_text else None)
    res["_blanks"] = has_blank_cells(doc)
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--layouts", default="", help="comma-separated subset of " + ",".join(LAYOUTS))
    ap.add_argument("--details", action="store_true", help="list every lost/WRONG value")
    ap.add_argument("--details-nb", action="store_true", help="with --details: only documents "
                    "whose grids have no blank cell after a figure")
    ap.add_argument("--show", nargs=2, metavar=("LAYOUT", "NAME"), help="print one variant's text")
    ap.add_argument("--json", help="write the per-document results here")
    ap.add_argument("--no-gold", action="store_true", help="every report, gold file or not (the pools)")
    a = ap.parse_args(argv)
    lays = [x for x in a.layouts.split(",") if x] or list(LAYOUTS)
    srcs = sources(a.dirs, need_gold=not a.no_gold)
    if a.show:
        from extractor.load import load_document
        for p in srcs:
            if p.name.startswith(a.show[1]):
                print(render(load_document(p), a.show[0]) or "(layout does not apply)")
                return 0
        return 1
    tot: dict[str, Counter] = defaultdict(Counter)
    dump = {}
    for p in srcs:
        r = check(p, lays)
        if r is None:
            continue
        blanks = r.pop("_blanks")
        dump[str(p)] = {"_blanks": blanks} | {lay: {"same": s, "lost": l, "wrong": w, "details": d} for lay, (s, l, w, d, _) in r.items()}
        for lay, (s, l, w, d, _) in r.items():
            tot[lay].update(same=s, lost=l, wrong=w, docs=1, docs_lost=bool(l), docs_wrong=bool(w),
                            lost_nb=0 if blanks else l)
            if a.details and not (a.details_nb and blanks):
                for kind, k, v0, v1 in d:
                    print(f"  {lay:16} {kind:6} {p.parent.name}/{p.name} {k}: grid {v0} -> {v1}")
        print(f"# {p.parent.name}/{p.name}: " + " ".join(f"{lay}={s}/{l}/{w}" for lay, (s, l, w, d, _) in r.items()),
              flush=True)
    # "lost*": lost in documents whose grids have no blank cell after a figure (a layout
    # dropping blank cells loses the rest with reason)
    print(f"{'layout':18} {'docs':>5} {'same':>6} {'lost':>6} {'lost*':>6} {'WRONG':>6} {'docs lost':>10} {'docs WRONG':>11}")
    for lay in lays:
        c = tot[lay]
        print(f"{lay:18} {c['docs']:5} {c['same']:6} {c['lost']:6} {c['lost_nb']:6} {c['wrong']:6} {c['docs_lost']:10} {c['docs_wrong']:11}")
    if a.json:
        Path(a.json).write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
