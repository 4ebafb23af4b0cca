"""Recognise tables that were flattened into plain text lines.

A pure function over lines, shared by the txt and html loaders (and usable by any
loader that ends up with scraped text).  Three shapes occur in scraped reports:

* **pipe rows** — one table row per line, cells separated by ``|`` and usually a
  trailing ``|``; leading merged cells are missing and trailing ``||`` pad the row
  (``有相关责任处室(2分) | 2分 | ||``).  Empty cells are kept as ``""`` so column
  positions survive.  → ``Table(source="pipe")``.
* **separator streams** — one cell per line with a bare ``|`` line between cells
  (``规章`` / ``|`` / ``0`` / ``|`` …); a cell may wrap over 2–3 short lines
  (``本年新`` / ``制作数量``), which are joined into one cell.  Also the variant
  where every line is one cell followed by `` |`` and rows end with ``||``.  A bare
  ``|`` right after another is a blank cell (kept as ``""``, the stream goes on), and a
  cell printed one character per line (``政`` / ``府`` / … / ``21`` / ``分``) is one cell.
  → ``Table(source="stream")``.
* **bare streams** — one cell per line, often separated by blank lines, many cells
  bare numbers.  Detected conservatively: ≥ 8 consecutive short lines (≤ 40
  chars, no sentence punctuation) of which ≥ 25 % are values (numbers, —, /).
  → ``Table(source="stream")``.

* **wrapped-bar rows** — ``a | b | c |`` (or ``| a | b | c |``) with a line break
  before every bar: ``考核项目`` / ``| 考评细项`` / ``| 分值`` / ``|``; a cell may wrap over
  a few lines.  → ``Table(source="pipe")``, one row per row.
* **rows continued on the next line** — a pipe row a crawler broke in two (``1 | 决策 |
  … | 全面公开… |`` / ``10 | 5 | ||||``) and a markdown row wrapped mid-cell
  (``| 1 | 组织领导 | 主要领导听取`` / ``汇报 | 5 | 5 |``) are joined into one row.
* **whitespace columns** — a header line of column names separated by spaces or tabs
  (``考核项目  考核内容  分值  自评得分``), then rows split the same way; only when a row
  holds a figure and a long text, or most rows are grid rows.  → ``Table(source="pipe")``
  with the cells as split (a cell holding a space becomes two: the readers align rows by
  their header, never by position alone).

``Table.open_end`` marks a table whose last row (or a stream whose last cell) lacks
the closing bar the others have: the text was cut there (the score reader leaves such
a row out when its last cell stops mid-sentence).

A stream table has ONE CELL PER ROW (a single column): the real grid is rebuilt later
by the template-guided table readers.  Everything else is a paragraph (one per
non-empty line).  Section headings (``三、收到和处理政府信息公开申请情况``) that sit
between two tables are kept out of the tables.

This module is the entry point (``split_lines``, ``add_lines``); the shapes are found by
``textrows`` (pipe runs, continued and wrapped rows), ``textcolumns`` (whitespace
columns) and ``textstreams`` (separator and bare streams) on the line kinds and cell
helpers of ``textcells``. Portal chrome lines are ``chrome``; HTML inside a script,
``markup_in_text``. Their public names used by the loaders are re-exported here.
"""
from __future__ import annotations

from ..model import Table
from .chrome import CHROME, is_chrome_line
from .markup_in_text import embedded_markup
from .textcells import (MIN_STREAM_LINES, Piece, bar_stream_cells, join_wrapped, line_kind, pipe_cells,
                        stream_table)
from .textcolumns import space_tables
from .textrows import drop_repeated_header, join_continued, join_vertical, lead_rows, pipe_runs, wrapped_md_rows
from .textstreams import bare_streams, sep_stream

__all__ = ["Piece", "split_lines", "add_lines", "ParagraphRun", "join_wrapped", "join_continued", "join_vertical", "CHROME",
           "is_chrome_line", "embedded_markup"]


def _unclosed_last(texts: list[str]) -> bool:
    """The last of these lines lacks the closing bar most of the others end with."""
    ends = [t.rstrip().endswith("|") for t in texts]
    return bool(ends) and not ends[-1] and sum(ends[:-1]) >= max(2, 0.67 * (len(ends) - 1))


def split_lines(lines: list[str]) -> list[Piece]:
    """Split text lines into paragraph pieces and flattened-table pieces, in order."""
    n = len(lines)
    kinds = [line_kind(x) for x in lines]
    taken = [False] * n
    found: list[Piece] = []

    # 0. pipe rows whose bars were wrapped onto lines of their own
    for a, b, rows, open_end in lead_rows(lines, kinds):
        for k in range(a, b + 1):
            taken[k] = True
        table = Table.from_rows(rows, source="pipe")
        table.open_end = open_end
        found.append(Piece("table", a, b, table=table))
    # rows in whitespace-separated columns under a header of column names
    for a, b, rows in space_tables(lines, kinds):
        if any(taken[a:b + 1]):
            continue
        for k in range(a, b + 1):
            taken[k] = True
        found.append(Piece("table", a, b, table=Table.from_rows(rows, source="pipe")))
    # elsewhere a "| cell" line is an ordinary pipe line
    kinds = [("pipe" if x == "lead" else x) if not t else "taken" for x, t in zip(kinds, taken)]

    # 1. pipe rows (and one-cell-per-line variants written with trailing bars); a
    # markdown row wrapped mid-cell is one row
    wrapped = wrapped_md_rows(lines, kinds)
    cont = {j for js in wrapped.values() for j in js}
    logical = {k: join_wrapped([lines[k]] + [lines[j] for j in js]) for k, js in wrapped.items()}
    run_kinds = ["pipe" if k in cont else x for k, x in enumerate(kinds)]
    for a, b in pipe_runs(run_kinds):
        content = [k for k in range(a, b + 1) if run_kinds[k] == "pipe" and k not in cont]
        if len(content) < 2:
            continue
        rows = [pipe_cells(logical.get(k, lines[k])) for k in content]
        single = sum(1 for r in rows if sum(1 for c in r if c) <= 1)
        if single == len(rows) and not any(kinds[k] == "sep" for k in range(a, b + 1)):
            # lines that merely end with a bar, no row ever has 2 cells and no separators:
            # a stream only if long enough, otherwise leave as paragraphs
            if len(rows) < MIN_STREAM_LINES:
                continue
        # bare "|" lines between cells ending in bars: blank cells of a one-cell-per-line
        # stream; a "| 25 |" line then continues the row above (x42: 25 |/|/…/| 25 |)
        bars = not wrapped and len(rows) >= 4 and any(lines[k].strip() == "|" for k in range(a, b + 1))
        lead_cont = bars and any(lines[k].strip()[:1] == "|" and lines[k].strip() != "|"
                                 and lines[k].strip()[1:2] != "|" and lines[k].replace("|", "").strip()
                                 for k in range(a, b + 1))
        if len(rows) >= 4 and (single >= 0.7 * len(rows) or lead_cont):
            if bars:
                cells = bar_stream_cells([lines[k] for k in range(a, b + 1)])
            else:
                cells = [c for r in rows for c in r if c]
            table = stream_table(cells)
            table.open_end = _unclosed_last([logical.get(k, lines[k]) for k in content])
        else:
            if max(sum(1 for c in r if c) for r in rows) < 2:
                continue
            table = Table.from_rows(drop_repeated_header(join_continued(rows)), source="pipe")
            table.open_end = _unclosed_last([logical.get(k, lines[k]) for k in content])
        for k in range(a, b + 1):
            taken[k] = True
        found.append(Piece("table", a, b, table=table))

    # 2. cells separated by bare "|" lines
    for a, b, cells, open_end in sep_stream(lines, kinds, taken):
        for k in range(a, b + 1):
            taken[k] = True
        table = stream_table(cells)
        table.open_end = open_end
        found.append(Piece("table", a, b, table=table))

    # 3. bare streams of short lines with many values
    for a, b in bare_streams(lines, kinds, taken):
        cells = join_vertical([lines[k].strip() for k in range(a, b + 1) if kinds[k] != "blank"])
        for k in range(a, b + 1):
            taken[k] = True
        found.append(Piece("table", a, b, table=stream_table(cells)))

    # paragraphs: every non-blank line not inside a table
    for k in range(n):
        if not taken[k] and kinds[k] != "blank":
            found.append(Piece("paragraph", k, k, text=lines[k]))
    found.sort(key=lambda p: p.first_line)
    return found


def add_lines(builder, lines: list[str], page: int | None = None) -> None:
    """Add ``lines`` to a DocumentBuilder as paragraphs and recognised tables."""
    for p in split_lines(lines):
        if p.kind == "table":
            builder.add_table(p.table, page=page)
        else:
            builder.add_paragraph(p.text, page=page)


class ParagraphRun:
    """Paragraphs a layout loader (docx, pdf) read in a row, added through :func:`split_lines`.

    A Word file or a PDF made from a crawled page carries the page's flattened tables as
    paragraphs (``规章 |`` / ``0 |`` …, ``a | b | c``): the same shapes the txt and html
    loaders recognise.  ``add`` collects paragraphs with their page and style; ``flush``
    (before a real table and at the end) adds them: recognised tables as tables, every
    other line as the paragraph it was, with its page and style.
    """

    def __init__(self, builder) -> None:
        self.b = builder
        self.lines: list[str] = []
        self.meta: list[tuple[int | None, str | None]] = []

    def add(self, text: str, page: int | None = None, style: str | None = None) -> None:
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if line.strip():
                self.lines.append(line)
                self.meta.append((page, style))

    def flush(self) -> None:
        lines, meta = self.lines, self.meta
        self.lines, self.meta = [], []
        for p in split_lines(lines):
            page, style = meta[p.first_line]
            if p.kind == "table":
                self.b.add_table(p.table, page=page)
            else:
                self.b.add_paragraph(p.text, page=page, style=style)
