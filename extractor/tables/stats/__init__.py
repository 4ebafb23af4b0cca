"""Statistics tables of the three report eras -> table facts (+ cross-check warnings).

Public: ``read_stat_tables(doc, seg) -> Findings``; the parts are modules of this package
(``cells`` values after a label, ``context`` the reading state, ``rows`` one row's cells
-> values, ``labels`` row-label search, ``gb_header`` 表二, ``applications`` 表三,
``litigation`` 表四, ``old`` the old 统计表; the digit splitter is ``tables.split``).

The reader is template-guided and works on the normalised document text, whatever
shape the table arrived in: a grid written row by row (``a | b | c``), `|`-flattened
rows, one cell per line, or a paragraph whose numbers ran together. Row labels come
from ``patterns/tables/*.yaml`` and are matched on the text with whitespace removed;
the values after a label are read from the original text (cells split by ``|``,
whitespace or line breaks). When there are fewer value tokens than columns, the
digits ran together: the splits into the template's column count are weighed by a
dynamic programme (``split.read_splits``) with the template's rules inside it (总计 =
sum of the row, 年度 ≤ 历年累计, 制发 ≤ 废止 + 现行有效, sub-row ≤ parent row, 表四
totals) and a work budget per row; a split must agree with a figure the prose states.
A cell is reported only when every remaining split agrees on it, otherwise its key is
blocked and an ``ambiguous_split`` warning is recorded. A reading the digits force is
kept as read (a total contradicting its parts is left out, with a warning); figures that
are whole cells (on separate lines, between bars) are never cut to fill lost cells.

Columns are taken from a header the reader recognises (labels of the template, the
lexicon ``patterns/tables/labels.yaml`` with a bounded fuzzy match), never from
position: a header cell nothing recognises gives a ``header_unrecognised`` warning and
no values for the columns it could shift.

Table families (see patterns/tables/README.md): old 统计表 (``old``), 表二 of gb2019 /
gb2021 (``header_rows``, the column header decides the era), 表三 (``fixed_columns``)
and 表四 (``flat_row``).
"""
from __future__ import annotations

from ...model import Findings
from ...regexkit import may_match, required
from ..templates import load_templates, of_kind
from . import applications, gb_header, litigation, old
from .applications import read_fixed_columns
from .cells import MONEY_MULT, UNIT_WORDS, Scan, cell_value, scan_values
from .context import Ctx, RowReading, blank_spans
from .gb_header import read_header_rows
from .labels import earliest_label
from .litigation import read_flat_row, read_transposed
from .old import read_old
from .rows import resolve_row


__all__ = ["MONEY_MULT", "UNIT_WORDS", "Ctx", "RowReading", "Scan", "blank_spans", "cell_value",
           "earliest_label", "READERS", "may_read", "reading_plan", "read_fixed_columns", "read_flat_row", "read_header_rows", "read_old",
           "read_stat_tables", "read_transposed", "resolve_row", "scan_values"]


# the families in reading order: (kind, reader, triggers). A reader's triggers are the
# regexes whose matches in the squeezed text start all of its work (each reader module
# says why next to its reader): where none of them can match, the reader would read
# nothing, and leaves the reading state (``Ctx``) as it found it.
READERS = (("fixed_columns", read_fixed_columns, applications.triggers),
           ("flat_row", read_flat_row, litigation.triggers),
           ("header_rows", read_header_rows, gb_header.triggers),
           ("old", read_old, old.triggers))

_PLAN: dict = {"templates": None}


def reading_plan(tpls) -> list:
    """[(reader, template, needs)] for these templates, built once: ``needs`` holds, per
    trigger regex of the reader, the literal sets every match of it contains
    (``regexkit.required``; None: unknown, the reader always runs); a reader that names no
    trigger has ``needs`` None (always read)."""
    if _PLAN["templates"] is not tpls:
        steps = []
        for kind, reader, triggers in READERS:
            for t in of_kind(tpls, kind):  # a family's templates in file-name order
                needs = tuple(required(src) for src in triggers(t))
                steps.append((reader, t, needs or None))
        _PLAN.update(templates=tpls, steps=steps)
    return _PLAN["steps"]


def may_read(s: str, needs) -> bool:
    """False when no trigger of a reader can match the squeezed text ``s``: each trigger
    lacks one of its required literal sets. (Literal tests, short-circuited, per reader: one
    prefilter scan for all readers built the set of the text's characters and cost more
    than the readers it skipped.)"""
    if needs is None:
        return True
    return any(may_match(s, need) for need in needs)


def read_stat_tables(doc, seg=None, *, gate: bool = True) -> Findings:
    """Every table reader over the document, in ``READERS`` order; with ``gate`` (issue 11),
    a reader none of whose triggers can match the text is not called (it would read
    nothing: tests/test_table_gate.py runs both ways)."""
    ctx = Ctx(doc)
    if not doc.text:
        return ctx.out
    s = ctx.sq.s
    for reader, t, needs in reading_plan(load_templates()):
        if not gate or may_read(s, needs):
            reader(ctx, t)
    # a key both read and blocked (two tables, one ambiguous): keep the reading
    return ctx.out
