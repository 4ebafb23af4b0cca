"""Datasets from an extract OUTDIR: documents, reports, facts, warnings, conflicts, score items.

    from extractor.export import export, collect
    export("out/", "sqlite", "reports.db")       # one table per dataset (SQL_TABLES)
    export("out/", "csv", "reports")             # reports.wide.csv, reports.long.csv, ...
    export("out/", "csv", "reports", excel=True) # the same with a UTF-8 BOM for Excel

Tables (``collect``; SQL names in ``SQL_TABLES``):

* ``wide`` (SQL ``documents``): one row per per-file JSON; ``WIDE_BASE`` then one column
  per canonical key of patterns/keys.yaml, named by ``column_name`` (``applications.received``
  -> ``applications_received``: dots become ``_``), so every column is a plain SQL name.
* ``reports``: one row per ``report_id`` (the renderings of one report grouped); a key's
  value is the one value its renderings agree on, empty when they disagree.
* ``long`` (SQL ``facts``): one row per fact. ``chosen`` is true on exactly one fact per
  document and key that has a value: the fact the value came from, in the reconcile order
  (the first table fact with that value, else the first prose fact). Money facts: ``value``
  in 元 (yuan), ``unit`` 元, ``source_unit`` the unit as printed (万元); ``raw`` as printed.
* ``warnings``: every warning of every document (key, code, message, raw figure, evidence,
  page, offsets). Withheld approximate figures (约350条, code ``approximate``) are rows here
  with the key they would belong to and the figure as printed in ``raw``. ``evidence`` is
  the extracted text at the warning's offsets, read from NAME.text.txt when the extract ran
  with ``--emit-text`` (empty otherwise). Values the export itself could not store (an
  integer outside SQLite/Parquet's 64-bit range) are rows with code ``export_dropped_value``.
* ``conflicts``: one row per candidate of each conflict (value, origin, evidence, page,
  offsets, ``taken``: the candidate is the key's value).
* ``score_items``: one row per score-table item.
* ``data_dictionary``: one row per key column: column, key, label, unit, value_type,
  description (from patterns/keys.yaml).
* ``checks``: one row per finding of the cross-report checks (extractor/series.py,
  patterns/series.yaml; the same findings as ``zwgk check``): check, status (ok, mismatch,
  notice, missing), body, kind, years, message, both values, both sides' documents and
  evidence.
* ``panel`` (only with ``panel=True``, ``export --panel``): one row per body × kind × year
  (the report chosen for that year), its canonical keys as columns, for time series.

``agency_simplified`` is the agency in Simplified script (OpenCC t2s), so 白沙鎮 and 白沙镇
group together. ``report_id`` (``report_id()``) is a hash of kind, year, simplified agency
and the Han characters and digits of the simplified title; renderings of one report
(.txt/.html/.pdf/.docx) share it. A document with neither a title nor agency+year (or
with an error) gets a report of its own (the hash of its source sha256 / path).

Only per-file JSON written by ``zwgk extract`` is read; other JSON (foreign, truncated,
wrong types, too deep) is skipped and listed in ``ExportResult.skipped``, and so are
inputs of OUTDIR/manifest.jsonl without a result JSON (not written, or deleted). A folder with
no such JSON is an ``ExportError`` and nothing is written.


Modules, in the order data flows: ``records`` (scan OUTDIR, load records, extracted text),
``fields`` (report ids, chosen fact, warning key), ``columns`` (table columns, data dictionary),
``cast`` (values to column types), ``tables`` (``collect``), ``to_csv`` / ``to_jsonl`` /
``to_parquet`` / ``to_sqlite`` (writers), ``command`` (``export``).
"""
from __future__ import annotations

from .cast import INT64_MAX, INT64_MIN
from .columns import (CONFLICT_COLUMNS, DICTIONARY_COLUMNS, LONG_COLUMNS, REPORT_BASE, SCORE_COLUMNS, SQL_TABLES,
                      WARNING_COLUMNS, WIDE_BASE, ExportError, column_name, data_dictionary, report_columns,
                      wide_columns)
from .command import FORMATS, TABLES, ExportResult, export, output_paths
from .fields import (MIN_SHARED, QUOTED, chosen_index, is_money, offsets, report_id, report_ids, simplified,
                     warning_key)
from .records import MANIFEST, iter_records, load_record, scan
from .tables import collect
from .to_csv import FORMULA_START

__all__ = ["export", "collect", "scan", "iter_records", "wide_columns", "report_columns", "column_name",
           "data_dictionary", "report_id", "report_ids", "chosen_index", "output_paths", "ExportError", "ExportResult",
           "WIDE_BASE", "REPORT_BASE", "LONG_COLUMNS", "WARNING_COLUMNS", "CONFLICT_COLUMNS",
           "SCORE_COLUMNS", "DICTIONARY_COLUMNS", "FORMATS", "SQL_TABLES", "TABLES", "FORMULA_START",
           "MANIFEST", "MIN_SHARED", "INT64_MIN", "INT64_MAX", "simplified", "is_money", "warning_key",
           "offsets", "QUOTED", "load_record"]
