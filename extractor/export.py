"""Datasets from an extract OUTDIR: wide, long and score-item tables.

    from extractor.export import export, collect
    export("out/", "sqlite", "reports.db")       # tables documents, facts, score_items
    export("out/", "csv", "reports")             # reports.wide.csv, reports.long.csv, reports.score_items.csv

Column order is fixed: ``WIDE_BASE`` then one column per canonical key of
patterns/keys.yaml (extractor.keys), so a key that no document states still has
its column. Rows are in the sorted order of the per-file JSON paths.
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from .atomic import replace_atomically as _atomic
from .keys import load_keys

MANIFEST = "manifest.jsonl"


class ExportError(Exception):
    pass


# (column, type) — types: str, int, float, bool, num (a number: int or float as found;
# float64 in Parquet, REAL in SQLite)
WIDE_BASE: list[tuple[str, str]] = [
    ("doc_id", "str"),            # output JSON path relative to OUTDIR, without .json
    ("source_path", "str"),
    ("source_sha256", "str"),
    ("source_format", "str"),
    ("source_pages", "int"),
    ("source_encoding", "str"),
    ("source_ocr", "bool"),
    ("schema_version", "int"),
    ("kind", "str"),
    ("title", "str"),
    ("agency", "str"),
    ("year", "int"),
    ("date", "str"),
    ("template", "str"),
    ("error_code", "str"),
    ("error_message", "str"),
    ("n_facts", "int"),
    ("n_conflicts", "int"),
    ("n_warnings", "int"),
    ("n_score_tables", "int"),
]

LONG_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),
    ("source_path", "str"),
    ("key", "str"),
    ("value", "num"),             # counts and money as numbers, booleans as 1/0
    ("value_type", "str"),        # count | signed | money | bool | other
    ("unit", "str"),
    ("raw", "str"),
    ("origin", "str"),
    ("page", "int"),
    ("offset_start", "int"),
    ("offset_end", "int"),
    ("evidence", "str"),
    ("rule", "str"),
    ("chosen", "bool"),           # the fact's value is the key's value in `values`
]

SCORE_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),
    ("source_path", "str"),
    ("table_index", "int"),
    ("table_title", "str"),
    ("table_page", "int"),
    ("item_index", "int"),
    ("path", "str"),              # category chain joined with " > "
    ("path_json", "str"),         # the same as a JSON list
    ("criterion", "str"),
    ("max", "num"),
    ("score", "num"),
]

_UNIT_TO_TYPE = {"count": "int", "signed": "int", "money": "float", "bool": "bool"}


def wide_columns() -> list[tuple[str, str]]:
    return WIDE_BASE + [(e["key"], _UNIT_TO_TYPE[e["unit"]]) for e in load_keys()]


def iter_records(outdir: str | os.PathLike):
    """(doc_id, record) for every per-file JSON under ``outdir``, sorted by path."""
    outdir = Path(outdir)
    found = []
    for root, dirs, files in os.walk(outdir):
        dirs.sort()
        for f in files:
            if f.endswith(".json") and not f.startswith("."):
                found.append(os.path.join(root, f))
    for fp in sorted(found, key=lambda s: s.encode("utf-8", "surrogateescape")):
        try:
            with open(fp, "rb") as fh:
                rec = json.load(fh)
        except (OSError, ValueError):
            continue
        if not isinstance(rec, dict) or "schema_version" not in rec or "source" not in rec:
            continue  # not one of ours
        rel = os.path.relpath(fp, outdir).replace(os.sep, "/")
        doc_id = rel[:-len(".json")].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        yield doc_id, rec


def _cast(v, typ: str):
    if v is None:
        return None
    try:
        if typ == "str":
            return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        if typ == "bool":
            if isinstance(v, bool):
                return v
            if isinstance(v, (int, float)) and v in (0, 1):
                return bool(v)
            return None
        if typ == "int":
            if isinstance(v, bool):
                return int(v)
            if isinstance(v, int):
                return v
            if isinstance(v, float) and v.is_integer():
                return int(v)
            if isinstance(v, str) and v.strip().lstrip("-").isdigit():
                return int(v)
            return None
        if typ == "num":
            if isinstance(v, bool):
                return int(v)
            if isinstance(v, (int, float)):
                return v
            if isinstance(v, str):
                return float(v)
            return None
        if typ == "float":
            if isinstance(v, bool):
                return 1.0 if v else 0.0
            if isinstance(v, (int, float)):
                return float(v)
            if isinstance(v, str):
                return float(v)
            return None
    except (TypeError, ValueError):
        return None
    return v


def collect(outdir: str | os.PathLike) -> dict[str, tuple[list[tuple[str, str]], list[list]]]:
    """The three tables as {name: (columns, rows)}; values already cast to the column type."""
    from .keys import key_units

    units = key_units()
    wcols = wide_columns()
    wide, long_, scores = [], [], []
    for doc_id, rec in iter_records(outdir):
        src = rec.get("source") or {}
        doc = rec.get("document") or {}
        errs = rec.get("errors") or []
        values = rec.get("values") or {}
        base = {
            "doc_id": doc_id, "source_path": src.get("path"), "source_sha256": src.get("sha256"),
            "source_format": src.get("format"), "source_pages": src.get("pages"),
            "source_encoding": src.get("encoding"), "source_ocr": src.get("ocr"),
            "schema_version": rec.get("schema_version"), "kind": doc.get("kind"), "title": doc.get("title"),
            "agency": doc.get("agency"), "year": doc.get("year"), "date": doc.get("date"),
            "template": doc.get("template"),
            "error_code": errs[0].get("code") if errs else None,
            "error_message": errs[0].get("message") if errs else None,
            "n_facts": len(rec.get("facts") or []), "n_conflicts": len(rec.get("conflicts") or []),
            "n_warnings": len(rec.get("warnings") or []), "n_score_tables": len(rec.get("score_tables") or []),
        }
        row = []
        for name, typ in wcols:
            v = base[name] if name in base else values.get(name)
            row.append(_cast(v, typ))
        wide.append(row)
        for f in rec.get("facts") or []:
            key = f.get("key")
            off = f.get("offset") or [None, None]
            fv = f.get("value")
            chosen = key in values and values.get(key) == fv and type(values.get(key)) is type(fv)
            r = {"doc_id": doc_id, "source_path": src.get("path"), "key": key, "value": fv,
                 "value_type": units.get(key, "other"), "unit": f.get("unit"), "raw": f.get("raw"),
                 "origin": f.get("origin"), "page": f.get("page"),
                 "offset_start": off[0] if len(off) > 0 else None,
                 "offset_end": off[1] if len(off) > 1 else None,
                 "evidence": f.get("evidence"), "rule": f.get("rule"), "chosen": chosen}
            long_.append([_cast(r[c], t) for c, t in LONG_COLUMNS])
        for ti, t in enumerate(rec.get("score_tables") or []):
            for ii, it in enumerate(t.get("items") or []):
                path = [str(p) for p in (it.get("path") or [])]
                r = {"doc_id": doc_id, "source_path": src.get("path"), "table_index": ti,
                     "table_title": t.get("title"), "table_page": t.get("page"), "item_index": ii,
                     "path": " > ".join(path), "path_json": json.dumps(path, ensure_ascii=False),
                     "criterion": it.get("criterion"), "max": it.get("max"), "score": it.get("score")}
                scores.append([_cast(r[c], ty) for c, ty in SCORE_COLUMNS])
    return {"wide": (wcols, wide), "long": (LONG_COLUMNS, long_), "score_items": (SCORE_COLUMNS, scores)}


# --------------------------------------------------------------------------- writers

def _csv_cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def _write_csv(path: Path, cols, rows) -> None:
    def w(tmp):
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            wr = csv.writer(f)
            wr.writerow([c for c, _ in cols])
            for r in rows:
                wr.writerow([_csv_cell(v) for v in r])
    _atomic(path, w)


def _write_jsonl(path: Path, cols, rows) -> None:
    names = [c for c, _ in cols]

    def w(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(dict(zip(names, r)), ensure_ascii=False) + "\n")
    _atomic(path, w)


def _arrow_table(cols, rows):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "num": pa.float64()}
    arrays = []
    for i, (name, typ) in enumerate(cols):
        vals = [r[i] for r in rows]
        if typ == "num":
            vals = [None if v is None else float(v) for v in vals]
        arrays.append(pa.array(vals, type=types[typ]))
    schema = pa.schema([pa.field(n, types[t]) for n, t in cols])
    return pa.Table.from_arrays(arrays, schema=schema)


def _write_parquet(path: Path, cols, rows) -> None:
    import pyarrow.parquet as pq

    table = _arrow_table(cols, rows)
    _atomic(path, lambda tmp: pq.write_table(table, tmp))


SQL_TABLES = {"wide": "documents", "long": "facts", "score_items": "score_items"}
_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER", "num": "REAL"}
_SQL_INDEXES = {
    "documents": [("doc_id",), ("source_sha256",), ("year",), ("agency",), ("kind",)],
    "facts": [("doc_id",), ("key",), ("key", "value")],
    "score_items": [("doc_id",), ("doc_id", "table_index", "item_index")],
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _write_sqlite(path: Path, tables) -> None:
    import sqlite3

    def w(tmp):
        if os.path.exists(tmp):
            os.unlink(tmp)
        con = sqlite3.connect(tmp)
        try:
            for name, (cols, rows) in tables.items():
                t = SQL_TABLES[name]
                coldefs = ", ".join(f"{_q(c)} {_SQL_TYPES[ty]}" for c, ty in cols)
                if name == "wide":
                    coldefs = coldefs.replace('"doc_id" TEXT', '"doc_id" TEXT PRIMARY KEY', 1)
                con.execute(f"CREATE TABLE {_q(t)} ({coldefs})")
                ph = ", ".join("?" for _ in cols)
                con.executemany(f"INSERT INTO {_q(t)} VALUES ({ph})",
                                ([int(v) if isinstance(v, bool) else v for v in r] for r in rows))
                for idx_cols in _SQL_INDEXES[t]:
                    if idx_cols == ("doc_id",) and name == "wide":
                        continue  # the primary key
                    iname = f"idx_{t}_{'_'.join(idx_cols)}"
                    con.execute(f"CREATE INDEX {_q(iname)} ON {_q(t)} ({', '.join(_q(c) for c in idx_cols)})")
            con.commit()
        finally:
            con.close()
    _atomic(path, w)


FORMATS = ("csv", "jsonl", "sqlite", "parquet")


def output_paths(fmt: str, file: str | os.PathLike) -> dict[str, Path]:
    """Where each table goes: {table: path}; SQLite has one file for all three."""
    p = Path(file)
    if fmt == "sqlite":
        return {"wide": p, "long": p, "score_items": p}
    ext = "." + fmt
    base = p.name[:-len(ext)] if p.name.lower().endswith(ext) and len(p.name) > len(ext) else p.name
    return {t: p.with_name(f"{base}.{t}{ext}") for t in ("wide", "long", "score_items")}


def export(outdir: str | os.PathLike, fmt: str, file: str | os.PathLike) -> list[tuple[str, int]]:
    """Write the three tables; returns [(path, rows)] per table."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not os.path.isdir(outdir):
        raise ExportError(f"not a folder: {outdir}")
    tables = collect(outdir)
    paths = output_paths(fmt, file)
    try:
        if fmt == "sqlite":
            _write_sqlite(paths["wide"], tables)
            return [(f"{paths['wide']}:{SQL_TABLES[t]}", len(tables[t][1])) for t in tables]
        writer = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}[fmt]
        for t, (cols, rows) in tables.items():
            writer(paths[t], cols, rows)
    except OSError as e:
        raise ExportError(f"cannot write {file}: {e}") from e
    return [(str(paths[t]), len(tables[t][1])) for t in tables]


__all__ = ["export", "collect", "iter_records", "wide_columns", "output_paths", "ExportError",
           "WIDE_BASE", "LONG_COLUMNS", "SCORE_COLUMNS", "FORMATS", "SQL_TABLES"]
