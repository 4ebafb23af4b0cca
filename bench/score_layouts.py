#!/usr/bin/env python3
"""Layout invariance of the score tables: a metamorphic check on REAL score tables.

A self-inspection score table (考核评分表 / 评分细则: criteria with 分值/标准分 and
自评分/得分 columns) reaches the tool as a Word or HTML grid or as crawled text in one of
many layouts.  Its items must not depend on the layout: a layout the readers understand
gives the grid's items, one they cannot decide gives no item - never another item.

This script is ``bench/table_layouts.py`` for score tables and uses its layouts (imported,
not copied: :data:`bench.table_layouts.LAYOUTS`, its cut layouts and ``cut_rows``).  For
every real report whose gold file has score tables it loads the grid rendering (``.docx``
/ ``.html``, or a ``.txt`` whose loaded tables are pipe grids; encoding copies ``.gbk.txt``
/ ``.utf16.txt`` are the ``.txt`` again and are skipped), takes the grid tables the tool
reads score items from (the score grids), writes the report back as text with each score
grid flattened in each layout (the paragraphs one a line, the other grid tables as plain
pipe rows, a one-column stream table one cell a line) and runs the tool on every variant.

The reference of every layout is the tool's reading of the rendering itself (the grid's
own reading; for a ``.txt`` the text as published, which the gold file confirms).  Score tables read alike
when the score grids are left out of the text (prose readings) are set aside in both.
The items of the remaining tables, in document order, are compared by (criterion path,
max, score) - the path's labels compared without spaces and in NFKC form, the criterion
text not at all (the output contract scores max and score; the path is its provenance):

* ``same``  - the variant gives the reference item (longest common subsequence),
* ``short`` - the variant gives its max and score, its path a part of the reference's (a
  category level the layout lost - a merged cell written once: less provenance, no wrong
  label),
* ``PATH``  - the variant gives its max and score in its place, under a path with a label
  the reference's path does not have (another row's category: wrong provenance),
* ``lost``  - the variant gives no item for it,
* ``WRONG`` - the variant gives an item the reference does not have (another max, score
  or path in the reference item's place, or an item of its own).

Each reference table's total (max, score, stated_max, stated_score) is compared with that
of the variant table sharing most items with it: ``same`` (all four equal), ``lost`` (no
such table, or a field the reference has is null), ``part`` (the sums differ only because
the variant's table lost items: all its items are the reference's - still a number the
output gets wrong, counted apart because its cause is the lost items) or ``WRONG``.

The cut layouts (``cut_*``: the text ends inside the last score grid's last row of two
or more figures, :func:`bench.table_layouts.cut_rows`) are compared with the whole
table's reading too: the rows cut away are ``lost`` by construction, and the cut row
gives its item only when that item is the whole row's (its figures all before the cut);
a cut row read with a figure missing (a score null where the row has one) is ``WRONG``.

Usage::

    python bench/score_layouts.py /work/shared/corpus/real tests/real/b1 ...   # matrix
    python bench/score_layouts.py DIR --details                                # every lost/WRONG item
    python bench/score_layouts.py DIR --show LAYOUT NAME                       # one variant's text
    python bench/score_layouts.py DIR --alone                                  # tables on their own

A source whose score grid is a table run onto one line in its own text (a row holding
more than three times the cells of any other row: b8 m03) has no grid to flatten and is
left out. Deterministic: no randomness, sources and layouts in sorted / declared order.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _table_layouts():
    """bench/table_layouts.py as a module (``bench`` is no package: bench/bench.py would
    shadow it when this script runs from bench/)."""
    import importlib.util
    name = "table_layouts"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "table_layouts.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


_TL = _table_layouts()
CUT_LAYOUTS, LAYOUTS, cut_rows, lay_pipe, table_rows = (
    _TL.CUT_LAYOUTS, _TL.LAYOUTS, _TL.cut_rows, _TL.lay_pipe, _TL.table_rows)

DEFAULT_DIRS = ["/work/shared/corpus/real", "corpus"] + [f"tests/real/b{i}" for i in range(1, 26)]
SKIP_SUFFIXES = (".gbk.txt", ".utf16.txt", ".text.txt", ".gold.json", ".meta.json")


# ------------------------------------------------------------------ sources


def _gold_tables(path: Path) -> list:
    stem = path.name.split(".")[0]
    g = path.parent / f"{stem}.gold.json"
    if not g.exists():
        return []
    return json.loads(g.read_text(encoding="utf-8")).get("score_tables") or []


def sources(dirs) -> list[Path]:
    """Renderings (.docx/.html/.txt) of the reports whose gold file has score tables."""
    out = []
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            continue
        for p in sorted(d.iterdir()):
            if p.suffix not in (".docx", ".html", ".txt") or p.name.endswith(SKIP_SUFFIXES):
                continue
            if _gold_tables(p):
                out.append(p)
    return out


# ------------------------------------------------------------------ the text of a variant


def _grid(b) -> bool:
    return b.kind == "table" and b.table is not None and b.table.n_cols >= 2


def score_grids(doc, record) -> list[int]:
    """Indices of the grid blocks (two or more columns) a score item of ``record`` lies in."""
    spans = [tuple(i["offset"]) for t in record.get("score_tables", []) for i in t.get("items", [])
             if i.get("offset")]
    out = []
    for k, b in enumerate(doc.blocks):
        if _grid(b) and any(a < b.end and e > b.start for a, e in spans):
            out.append(k)
    return out


def _run_on(table) -> bool:
    """A table run onto one line in its source (b8 m03: rows of 2, 2, 2 and 42 cells - one
    row more than three times as wide as any other): its rows are no rows of a grid, so
    there is no grid to flatten - the source is left out."""
    widths = sorted(len(r) for r in table_rows(table))
    return len(widths) >= 2 and widths[-1] > 3 * widths[-2]


def render(doc, grids: list[int], layout: str | None, alone: bool = False) -> str | None:
    """The document as text, the blocks ``grids`` in ``layout`` (None: left out - the
    prose-only text), every other grid table as pipe rows. For a cut layout the text ends
    inside the last of ``grids`` that can be cut (:func:`bench.table_layouts.cut_rows`).
    ``alone``: the score tables published on their own - each score grid with the short
    lines above it (its title, up to two lines) and nothing else of the report. None when the layout changes
    no score grid."""
    cut = layout in CUT_LAYOUTS
    last = None
    if cut:
        can = [k for k in grids if cut_rows(table_rows(doc.blocks[k].table)) is not None]
        if not can:
            return None
        last = can[-1]
    fn = None if layout is None else LAYOUTS[layout]
    lines: list[str] = []
    applied = layout is None
    titles = set()
    if alone:
        for k in grids:  # up to two short lines above the table: its title (and subtitle)
            j, seen = k - 1, 0
            while j >= 0 and seen < 2 and doc.blocks[j].kind == "paragraph" and len(doc.blocks[j].text.strip()) <= 60:
                if doc.blocks[j].text.strip():
                    titles.add(j)
                    seen += 1
                j -= 1
    for k, b in enumerate(doc.blocks):
        if alone and k not in grids and k not in titles:
            continue
        if _grid(b):
            rows = table_rows(b.table)
            if k in grids:
                if layout is None:
                    continue
                if k == last:
                    part = cut_rows(rows)
                    got = fn(part, b.table.n_cols)
                    applied = True
                    lines.append("")
                    lines.extend(got)
                    break
                got = None if fn is None or cut else fn(rows, b.table.n_cols)
                if got is None:
                    got = lay_pipe(rows)
                else:
                    applied = True
            else:
                got = lay_pipe(rows)
            lines.append("")
            lines.extend(got)
            lines.append("")
        elif b.kind == "table" and b.table is not None:
            lines.extend(c.text for c in sorted(b.table.cells, key=lambda c: (c.row, c.col)))
        else:
            lines.append(b.text)
    return "\n".join(lines) + "\n" if applied else None


# ------------------------------------------------------------------ comparing


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def item_key(it: dict) -> tuple:
    return (tuple(_norm(p) for p in it.get("path") or []), it.get("max"), it.get("score"))


def _table_sig(t: dict) -> tuple:
    return tuple(item_key(i) for i in t.get("items", []))


def tables_of(rec: dict, prose: set) -> list[dict]:
    """The record's score tables less those read alike from the prose-only text."""
    return [t for t in rec.get("score_tables", []) if _table_sig(t) not in prose]


def _subseq(short: tuple, long_: tuple) -> bool:
    it = iter(long_)
    return all(x in it for x in short)


def _fits(r: tuple, v: tuple) -> bool:
    """The variant item ``v`` gives the reference item ``r``: the same max and score, its
    path the reference's or a part of it (a category level the layout lost: less
    provenance, no wrong label)."""
    return r[1:] == v[1:] and _subseq(v[0], r[0])


def _lcs_pairs(a: list, b: list, eq=None) -> list[tuple[int, int]]:
    eq = eq or (lambda x, y: x == y)
    n, m = len(a), len(b)
    L = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            L[i][j] = L[i + 1][j + 1] + 1 if eq(a[i], b[j]) else max(L[i + 1][j], L[i][j + 1])
    out, i, j = [], 0, 0
    while i < n and j < m:
        if eq(a[i], b[j]) and L[i][j] == L[i + 1][j + 1] + 1:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif L[i + 1][j] >= L[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def compare_items(ref: list[dict], var: list[dict]):
    """(same, short, path, lost, wrong, details) of the variant's items against the
    reference's (``short``: max and score the reference's, the path a part of its path;
    ``path``: max and score the reference's, a label of the path not its)."""
    a = [item_key(i) for t in ref for i in t.get("items", [])]
    b = [item_key(i) for t in var for i in t.get("items", [])]
    crit_a = [i.get("criterion", "") for t in ref for i in t.get("items", [])]
    crit_b = [i.get("criterion", "") for t in var for i in t.get("items", [])]
    pairs = _lcs_pairs(a, b, _fits)
    det = []
    same = short = path = lost = wrong = 0
    for x, y in pairs:
        if a[x] == b[y]:
            same += 1
        else:
            short += 1
            det.append(("short", a[x], b[y], crit_a[x][:24]))
    anchors = [(-1, -1)] + pairs + [(len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        ra, vb = list(range(i0 + 1, i1)), list(range(j0 + 1, j1))
        for x, y in zip(ra, vb):  # the variant's item in the reference item's place
            if a[x][1:] == b[y][1:]:
                path += 1  # max and score right, a label of the path another row's
                det.append(("PATH", a[x], b[y], crit_a[x][:24]))
                continue
            wrong += 1
            det.append(("WRONG", a[x], b[y], crit_a[x][:24]))
        for x in ra[len(vb):]:
            lost += 1
            det.append(("lost", a[x], None, crit_a[x][:24]))
        for y in vb[len(ra):]:
            wrong += 1
            det.append(("WRONG+", None, b[y], crit_b[y][:24]))
    return same, short, path, lost, wrong, det


TOTAL_FIELDS = ("max", "score", "stated_max", "stated_score")


def compare_totals(ref: list[dict], var: list[dict]):
    """(same, lost, partial, wrong, details) of the reference tables' totals: ``partial`` -
    the variant's table gives only reference items (none wrong) but fewer, and its sums
    differ for that reason alone."""
    same = lost = partial = wrong = 0
    det = []
    used: set[int] = set()
    for t in ref:
        if not t.get("items"):
            continue
        sig = list(_table_sig(t))
        best, bj = 0, None
        for j, v in enumerate(var):
            if j in used:
                continue
            n = len(_lcs_pairs(sig, list(_table_sig(v)), _fits))
            if n > best:
                best, bj = n, j
        rt = t.get("total") or {}
        if bj is None:
            lost += 1
            det.append(("lost", rt, None))
            continue
        used.add(bj)
        vt = var[bj].get("total") or {}
        kinds = set()
        for f in TOTAL_FIELDS:
            r, v = rt.get(f), vt.get(f)
            if r == v:
                continue
            kinds.add("lost" if v is None else "WRONG")
        # the variant's items are reference items (max and score; a path may differ)
        fewer = len(_lcs_pairs([k[1:] for k in sig], [k[1:] for k in _table_sig(var[bj])])) \
            == len(_table_sig(var[bj])) < len(sig)
        if "WRONG" in kinds and fewer and all(rt.get(f) == vt.get(f) or vt.get(f) is None
                                              for f in ("stated_max", "stated_score")):
            partial += 1
            det.append(("partial", rt, vt))
        elif "WRONG" in kinds:
            wrong += 1
            det.append(("WRONG", rt, vt))
        elif kinds:
            lost += 1
            det.append(("lost", rt, vt))
        else:
            same += 1
    return same, lost, partial, wrong, det


# ------------------------------------------------------------------ running


def _extract_text(text: str, name: str) -> dict:
    from extractor.pipeline import extract
    return extract(text.encode("utf-8"), name=name)


def check(path: Path, layouts=None, *, keep_text: bool = False, alone: bool = False):
    """{layout: result} for one source; None when no grid table of it gives a score item.
    A result: dict(items=(same, lost, wrong), totals=(same, lost, wrong), details=[...])."""
    from extractor.pipeline import extract_document, load_and_normalize

    doc = load_and_normalize(path)
    if not any(_grid(b) for b in doc.blocks):
        return None
    base = extract_document(doc)
    grids = score_grids(doc, base)
    if not grids or any(_run_on(doc.blocks[k].table) for k in grids):
        return None
    name = path.name.split(".")[0] + ".txt"
    prose_text = render(doc, grids, None)
    prose = {_table_sig(t) for t in _extract_text(prose_text, name).get("score_tables", [])}
    base_tables = tables_of(base, prose)
    if not base_tables:
        return None
    pipe_text = render(doc, grids, "pipe", alone)
    pipe_rec = _extract_text(pipe_text, name)
    res = {}
    for lay in layouts or LAYOUTS:
        if lay == "pipe":
            text, rec, ref = pipe_text, pipe_rec, base_tables
        else:
            text = render(doc, grids, lay, alone)
            if text is None:
                continue
            ref = base_tables
            rec = _extract_text(text, name)
        var = tables_of(rec, prose)
        si, hi, pi, li, wi, di = compare_items(ref, var)
        st, lt, pt, wt, dt = compare_totals(ref, var)
        res[lay] = {"items": (si, hi, pi, li, wi), "totals": (st, lt, pt, wt), "details": di,
                    "totals_details": dt, "text": text if keep_text else None,
                    "warnings": sorted({w.get("code", "") for w in rec.get("warnings", [])
                                        if "score" in w.get("code", "")})}
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", help="folders of reports (default: dev and b1-b25)")
    ap.add_argument("--layouts", default="", help="comma-separated subset of " + ",".join(LAYOUTS))
    ap.add_argument("--details", action="store_true", help="list every lost/WRONG item and total")
    ap.add_argument("--wrong-only", action="store_true", help="with --details: only WRONG items and totals")
    ap.add_argument("--short", action="store_true", help="with --details: also the items whose path lost a level")
    ap.add_argument("--show", nargs=2, metavar=("LAYOUT", "NAME"), help="print one variant's text")
    ap.add_argument("--json", help="write the per-document results here")
    ap.add_argument("--alone", action="store_true", help="the score tables published on their own (each "
                    "with its title line, nothing else of the report)")
    a = ap.parse_args(argv)
    lays = [x for x in a.layouts.split(",") if x] or list(LAYOUTS)
    srcs = sources(a.dirs or DEFAULT_DIRS)
    if a.show:
        from extractor.pipeline import extract_document, load_and_normalize
        for p in srcs:
            if p.name.startswith(a.show[1]):
                doc = load_and_normalize(p)
                grids = score_grids(doc, extract_document(doc))
                print(render(doc, grids, a.show[0], a.alone) or "(layout does not apply)")
                return 0
        return 1
    tot: dict[str, Counter] = defaultdict(Counter)
    dump = {}
    for p in srcs:
        r = check(p, lays, alone=a.alone)
        if r is None:
            continue
        dump[str(p)] = {lay: {k: v for k, v in x.items() if k != "text"} for lay, x in r.items()}
        for lay, x in r.items():
            (si, hi, pi, li, wi), (st, lt, pt, wt) = x["items"], x["totals"]
            tot[lay].update(docs=1, same=si, short=hi, path=pi, lost=li, wrong=wi, t_same=st, t_lost=lt, t_part=pt,
                            t_wrong=wt,
                            docs_wrong=bool(wi or wt))
            if a.details:
                for kind, k0, k1, crit in x["details"]:
                    if (kind == "short" and not a.short) or (a.wrong_only and kind == "lost"):
                        continue
                    print(f"  {lay:16} {kind:6} {p.parent.name}/{p.name} {crit}: {k0} -> {k1}")
                for kind, t0, t1 in x["totals_details"]:
                    if a.wrong_only and kind != "WRONG":
                        continue
                    print(f"  {lay:16} total {kind:6} {p.parent.name}/{p.name}: {t0} -> {t1}")
        print(f"# {p.parent.name}/{p.name}: " + " ".join(
            f"{lay}={'/'.join(map(str, x['items']))}" for lay, x in r.items()), flush=True)
    print(f"{'layout':20} {'docs':>4} | {'items same':>10} {'short':>5} {'PATH':>5} {'lost':>5} {'WRONG':>5} | "
          f"{'totals same':>11} {'lost':>5} {'part':>5} {'WRONG':>5} | {'docs WRONG':>10}")
    for lay in lays:
        c = tot[lay]
        print(f"{lay:20} {c['docs']:4} | {c['same']:10} {c['short']:5} {c['path']:5} {c['lost']:5} {c['wrong']:5} | "
              f"{c['t_same']:11} {c['t_lost']:5} {c['t_part']:5} {c['t_wrong']:5} | {c['docs_wrong']:10}")
    if a.json:
        Path(a.json).write_text(json.dumps(dump, ensure_ascii=False, indent=1, default=list),
                                encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
