#!/usr/bin/env python3
"""Render real text reports into the other formats a report is published in.

The real batches (``tests/real/bN``) hold each report as the plain text a crawler kept.
The reports the tool meets in the field are mostly the *same texts* published as a
portal page, a Word file or a PDF export.  This script renders every ``NAME.txt`` of a
batch folder into ``NAME.html``, ``NAME.docx`` and ``NAME.pdf`` in an output folder, with
``NAME.gold.json`` and ``NAME.meta.json`` copied beside them, so that
``python cli.py eval OUT`` scores the renderings of one report against the one gold file
and reports per rendering (txt, html, docx, pdf) — rendering parity on real text.

How the text is carried (the way a portal / Word / PDF export carries it):

* one paragraph per non-empty line, text unchanged; the first line is the title
  (centred, bold, and the page's / file's title) when it is at most 80 characters,
  otherwise (a crawl that lost its line breaks) a body paragraph and the title is empty;
* a run of two or more consecutive **pipe rows** (``a | b | c``, ``| a | b |``,
  ``a | b | ||``: a line whose bars split it into at least two cells) becomes a real
  table: an HTML ``<table>``, a python-docx table, a ruled reportlab table.  A leading
  bar and a trailing bar bound the row (they do not make cells); cells between two bars
  are kept even when empty, so column positions survive; rows shorter than the widest
  are padded with empty cells on the right;
* a row wrapped before its bars (``|`` / ``政府购买`` / ``服务…(PPP)`` / ``|`` / ``0.1000 | …``)
  is joined back first; columns empty in every row (the ``||||`` padding a crawler writes
  for merged cells) are left out;
* everything else — one-cell-per-line streams (``规章`` / ``|`` / ``0`` …), bare-number
  streams, single bar lines — stays as the text lines it is: the grid of such a stream
  cannot be rebuilt safely without the template readers, and a portal that lost its
  table shows the same lines.

The rendering code is ``corpus/make_corpus.py``'s (portal page chrome with navigation,
索引号 box and footer; python-docx tables with fixed zip timestamps; reportlab with the
built-in STSong-Light CID font, so no system font is needed): the report is turned into
its ``Doc`` of ``P`` / ``T`` blocks and handed to ``render_html`` / ``render_docx`` /
``render_pdf`` unchanged.  The chrome's 发布机构 / 来源 fields are left empty unless
``--chrome-agency`` is given (then they carry the gold agency, as a real portal would;
that leaks the gold into the input, so parity figures are measured without it).

Usage::

    python bench/render_real.py tests/real/b8 -o /tmp/render_b8
    python bench/render_real.py tests/real/b8 -o /tmp/render_b8 --formats html,docx
    python cli.py eval /tmp/render_b8 --quiet        # per-rendering figures

The chrome also needs a publication date (PubDate, 发布日期): the 15th of January after the
gold year (so it agrees with the text; note that this carries the year into the page), or
2024-01-15 when the gold has no year (then a year read from the page date is a guess the
text does not support); ``--published YYYY-MM-DD`` sets one date for all.

A text that is a page's script holding the report as HTML (the txt loader reads that
page) is skipped with a message: it has no lines to render.  The ``.txt`` itself is
copied too (``--no-txt`` leaves it out), so the txt figures are in the same eval run.
Output is deterministic for a given reportlab version.
"""
from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("html", "docx", "pdf")
TITLE_MAX = 80  # a longer first line is body text (a crawl that lost its line breaks), not a title


def _make_corpus():
    """corpus/make_corpus.py as a module (it is a script, not a package member)."""
    name = "zwgk_make_corpus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "corpus" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses resolve their module through sys.modules
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- text → blocks


def pipe_row(line: str) -> list[str] | None:
    """The cells of a pipe row, or None when the line is not one (fewer than 2 cells)."""
    s = line.strip()
    if "|" not in s:
        return None
    parts = s.split("|")
    if s.startswith("|"):
        parts = parts[1:]
    if s.endswith("|") and parts:
        parts = parts[:-1]
    cells = [p.strip() for p in parts]
    if len(cells) < 2 or not any(cells):
        return None
    return cells


def join_wrapped_rows(lines: list[str]) -> list[str]:
    """Join a pipe row a crawler wrapped before its bars (``|`` / ``政府购买`` /
    ``服务及社会资本合作(PPP)`` / ``|`` / ``0.1000 | 未公开… |``) into one line: from a bare
    ``|`` line, at most 4 short bar-less lines (and bare bars), up to a pipe row."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        if lines[k].strip() == "|":
            parts, j = ["|"], k + 1
            while j < len(lines) and j - k <= 6:
                s = lines[j].strip()
                if s == "|":
                    parts.append(" | ")
                elif "|" in s:
                    break
                elif s and len(s) <= 40:
                    parts.append(s)
                else:
                    j = len(lines)  # a long or blank line: no wrapped row
                    break
                j += 1
            texts = [x for x in parts if x.strip() not in ("", "|")]
            if j < len(lines) and texts and pipe_row(lines[j]) is not None:
                head = "".join(parts).rstrip()
                joined = head + ("" if head.endswith("|") else " |") + " " + lines[j].strip()
                out.append(joined)
                k = j + 1
                continue
        out.append(lines[k])
        k += 1
    return out


def drop_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    """Rows padded to one width, without the columns that are empty in every row (the
    ``||||||`` a crawler appends for merged cells carry no cell of their own)."""
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    keep = [k for k in range(n) if any(r[k] for r in rows)]
    return [[r[k] for k in keep] for r in rows]


def blocks_of(text: str) -> list[tuple[str, object]]:
    """The text as ("p", line) and ("table", rows) blocks, in order."""
    lines = join_wrapped_rows([ln.rstrip() for ln in text.splitlines()])
    out: list[tuple[str, object]] = []
    k = 0
    while k < len(lines):
        row = pipe_row(lines[k])
        if row is not None:
            rows = [row]
            j = k + 1
            while j < len(lines) and (r := pipe_row(lines[j])) is not None:
                rows.append(r)
                j += 1
            if len(rows) >= 2:
                out.append(("table", drop_empty_columns(rows)))
                k = j
                continue
        if lines[k].strip():
            out.append(("p", lines[k].strip()))
        k += 1
    return out


def not_renderable(text: str) -> str | None:
    """Why a text is no report text to render, or None: a page saved as its script
    (the report is HTML inside a string literal, which the txt loader reads as that
    page) has no lines a portal, Word or PDF would show."""
    sys.path.insert(0, str(ROOT))
    from extractor.load.textables import embedded_markup

    if embedded_markup(text) is not None:
        return "the text is a page's script holding the report as HTML"
    return None


def build_doc(name: str, text: str, gold: dict, chrome_agency: bool = False, published: str = ""):
    """A make_corpus ``Doc`` carrying ``text`` (see the module docstring for the layout)."""
    mc = _make_corpus()
    blocks = []
    title = ""
    for kind, item in blocks_of(text):
        if kind == "p":
            if not blocks and len(item) <= TITLE_MAX:
                title = item
                blocks.append(mc.P(item, "title"))
            else:
                blocks.append(mc.P(item))
            continue
        n_cols = len(item[0])
        rows = [[mc.C(c) for c in r] for r in item]
        blocks.append(mc.T(rows, widths=[1.0] * n_cols, font=8 if n_cols > 6 else 9))
    g = copy.deepcopy(gold)
    doc_part = g.setdefault("document", {})
    if not chrome_agency or not doc_part.get("agency"):
        doc_part["agency"] = ""
    year = (gold.get("document") or {}).get("year")
    if not published:
        published = f"{int(year) + 1}-01-15" if isinstance(year, int) else "2024-01-15"
    return mc.Doc(name=name, title=title, blocks=blocks, gold=g, published=published,
                  site="政府门户网站")


def render_one(txt: Path, out: Path, formats=FORMATS, chrome_agency: bool = False, copy_txt: bool = True,
               published: str = "") -> list[Path]:
    """Render one NAME.txt (with NAME.gold.json beside it) into ``out``; returns the files written."""
    mc = _make_corpus()
    name = txt.name[:-len(".txt")]
    gold_p = txt.with_name(name + ".gold.json")
    gold = json.loads(gold_p.read_text(encoding="utf-8")) if gold_p.exists() else {}
    text = txt.read_text(encoding="utf-8")
    doc = build_doc(name, text, gold, chrome_agency=chrome_agency, published=published)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in (".gold.json", ".meta.json"):
        src = txt.with_name(name + suffix)
        if src.exists():
            shutil.copyfile(src, out / src.name)
            written.append(out / src.name)
    if copy_txt:
        shutil.copyfile(txt, out / txt.name)
        written.append(out / txt.name)
    renderers = {"html": mc.render_html, "docx": mc.render_docx, "pdf": mc.render_pdf}
    for fmt in formats:
        p = out / f"{name}.{fmt}"
        p.write_bytes(renderers[fmt](doc))
        written.append(p)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("batch", help="folder of NAME.txt (+ NAME.gold.json, NAME.meta.json)")
    ap.add_argument("-o", "--out", required=True, help="output folder")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: html,docx,pdf")
    ap.add_argument("--chrome-agency", action="store_true", help="write the gold agency into the page chrome")
    ap.add_argument("--published", default="", help="publication date in the page chrome (YYYY-MM-DD)")
    ap.add_argument("--no-txt", action="store_true", help="do not copy NAME.txt into the output")
    ap.add_argument("names", nargs="*", help="only these report names (NAME without .txt)")
    args = ap.parse_intermixed_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        ap.error(f"unknown format(s): {bad}")
    src, out = Path(args.batch), Path(args.out)
    txts = sorted(p for p in src.glob("*.txt") if p.name.count(".") == 1)
    if args.names:
        txts = [p for p in txts if p.name[:-4] in set(args.names)]
    done = 0
    for p in txts:
        why = not_renderable(p.read_text(encoding="utf-8"))
        if why:
            print(f"skipped {p.name}: {why}", file=sys.stderr)
            continue
        render_one(p, out, formats, chrome_agency=args.chrome_agency, copy_txt=not args.no_txt,
                   published=args.published)
        done += 1
    print(f"rendered {done} of {len(txts)} reports into {out} ({', '.join(formats)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
