"""Helpers for the table-reader tests built from grids (test_generalisation*.py)."""
from __future__ import annotations

from extractor.model import DocumentBuilder, Findings, Source, Table
from extractor.normalize import normalize
from extractor.reconcile import reconcile
from extractor.tables.stats import read_stat_tables


def table_values(doc):
    """(values the statistics-table readers give after reconciling, their findings);
    every fact's evidence is checked against the text."""
    f = read_stat_tables(doc, None)
    for fact in f.facts:
        assert doc.text[fact.offset[0]:fact.offset[1]] == fact.evidence
    return reconcile(doc, None, Findings(), f)["values"], f


def grid_doc(*parts, pages=None):
    """A normalised Document of paragraphs (str) and tables (Table), optionally with pages."""
    b = DocumentBuilder(Source(path="t.docx", format="docx"))
    for i, p in enumerate(parts):
        page = pages[i] if pages else None
        if isinstance(p, Table):
            b.add_table(p, page=page)
        else:
            b.add_paragraph(p, page=page)
    return normalize(b.build())
