"""``export``: check the arguments, collect the tables, write them in the chosen format."""
from __future__ import annotations

import os
from pathlib import Path

from .columns import SQL_TABLES, ExportError
from .records import MANIFEST
from .tables import collect
from .to_csv import write_csv
from .to_jsonl import write_jsonl
from .to_parquet import write_parquet, write_parquet_dataset
from .to_sqlite import write_sqlite


class ExportResult(list):
    """[(path, rows)] per table written, with ``skipped``: [(file, reason)] not exported."""

    def __init__(self, items=(), skipped=()):
        super().__init__(items)
        self.skipped = list(skipped)


FORMATS = ("csv", "jsonl", "sqlite", "parquet")
#: the tables every export writes (``panel`` only on request)
TABLES = tuple(t for t in SQL_TABLES if t != "panel")


def output_paths(fmt: str, file: str | os.PathLike) -> dict[str, Path]:
    """Where each table goes: {table: path}; SQLite has one file for all of them."""
    p = Path(file)
    if fmt == "sqlite":
        return {t: p for t in SQL_TABLES}
    ext = "." + fmt
    base = p.name[:-len(ext)] if p.name.lower().endswith(ext) and len(p.name) > len(ext) else p.name
    return {t: p.with_name(f"{base}.{t}{ext}") for t in SQL_TABLES}


def export(outdir: str | os.PathLike, fmt: str, file: str | os.PathLike, excel: bool = False,
           corrections=None, partition_by: str | None = None, panel: bool = False) -> ExportResult:
    """Write every table; returns [(path, rows)] per table, with ``.skipped`` [(file, reason)].

    ``panel``: also the ``panel`` table, one row per body × kind × year (the series' chosen
    report), canonical keys as columns.
    ``excel``: CSV with a UTF-8 BOM (Excel on Chinese Windows then reads it as UTF-8).
    ``partition_by="year"`` (parquet): each table a Hive-partitioned dataset folder.
    Raises ExportError, writing nothing, when ``outdir`` holds no per-file JSON of
    ``zwgk extract``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not os.path.isdir(outdir):
        raise ExportError(f"not a folder: {outdir}")
    if partition_by is not None and (fmt != "parquet" or partition_by != "year"):
        raise ExportError("--partition-by year goes with --to parquet")
    skipped: list = []
    tables = collect(outdir, skipped, corrections=corrections, panel=panel)
    if not tables["wide"][1]:
        has_manifest = os.path.isfile(os.path.join(outdir, MANIFEST))
        why = ("it has a manifest but no readable result JSON" if has_manifest
               else "no manifest.jsonl and no result JSON of `zwgk extract`")
        listed = "".join(f"\n  skipped {f}: {r}" for f, r in skipped[:10])
        raise ExportError(f"{outdir} is not an extract output folder ({why}); nothing written{listed}")
    paths = output_paths(fmt, file)
    try:
        if fmt == "sqlite":
            write_sqlite(paths["wide"], tables)
            return ExportResult([(f"{paths['wide']}:{SQL_TABLES[t]}", len(tables[t][1])) for t in tables], skipped)
        for t, (cols, rows) in tables.items():
            if fmt == "csv":
                write_csv(paths[t], cols, rows, excel=excel)
            elif fmt == "jsonl":
                write_jsonl(paths[t], cols, rows)
            elif partition_by:
                wcols, wrows = tables["wide"]
                di, pi = [n for n, _t in wcols].index("doc_id"), [n for n, _t in wcols].index(partition_by)
                write_parquet_dataset(paths[t], cols, rows, partition_by, {r[di]: r[pi] for r in wrows})
            else:
                write_parquet(paths[t], cols, rows)
    except OSError as e:
        raise ExportError(f"cannot write {file}: {e}") from e
    return ExportResult([(str(paths[t]), len(tables[t][1])) for t in tables], skipped)
