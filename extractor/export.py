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
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from pathlib import Path

from .atomic import TMP_MARK, replace_atomically as _atomic
from .keys import load_keys

MANIFEST = "manifest.jsonl"
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


class ExportError(Exception):
    pass


class ExportResult(list):
    """[(path, rows)] per table written, with ``skipped``: [(file, reason)] not exported."""

    def __init__(self, items=(), skipped=()):
        super().__init__(items)
        self.skipped = list(skipped)


# (column, type) — types: str, int, float, bool, num (a number: int or float as found;
# float64 in Parquet, REAL in SQLite)
WIDE_BASE: list[tuple[str, str]] = [
    ("doc_id", "str"),            # output JSON path relative to OUTDIR, without .json
    ("report_id", "str"),         # shared by the renderings of one report
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
    ("agency_simplified", "str"),
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

REPORT_BASE: list[tuple[str, str]] = [
    ("report_id", "str"),
    ("kind", "str"),
    ("year", "int"),
    ("agency", "str"),
    ("agency_simplified", "str"),
    ("title", "str"),
    ("n_renderings", "int"),      # documents (files) grouped in this report
    ("doc_ids", "str"),           # their doc_id as a JSON list
    ("n_disagreements", "int"),   # keys left empty because renderings give different values
]

LONG_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),
    ("report_id", "str"),
    ("source_path", "str"),
    ("key", "str"),               # canonical key (dotted), as in the JSON
    ("column", "str"),            # its column in documents/reports (data_dictionary.column)
    ("value", "num"),             # counts and money (in 元) as numbers, booleans as 1/0
    ("value_type", "str"),        # count | signed | money | bool | other
    ("unit", "str"),              # 元 for money; else the unit as printed
    ("source_unit", "str"),       # the unit as printed (万元 …)
    ("raw", "str"),
    ("origin", "str"),
    ("page", "int"),
    ("offset_start", "int"),
    ("offset_end", "int"),
    ("evidence", "str"),
    ("rule", "str"),
    ("chosen", "bool"),           # exactly one per doc_id x key with a value: the fact it came from
    ("review", "str"),            # export --corrections: confirmed|wrong|replaced|corrected|added (extractor/corrections.py)
    ("corrected_by", "str"),      # the corrections file that says so
    ("review_note", "str"),
]

WARNING_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),
    ("report_id", "str"),
    ("source_path", "str"),
    ("key", "str"),               # the key the warning is about ("key: ..." messages), else empty
    ("code", "str"),
    ("message", "str"),
    ("raw", "str"),               # the figure quoted in the message ('约350条'), if any
    ("evidence", "str"),          # text at the offsets (needs NAME.text.txt: --emit-text)
    ("page", "int"),
    ("offset_start", "int"),
    ("offset_end", "int"),
]

CONFLICT_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),
    ("report_id", "str"),
    ("source_path", "str"),
    ("key", "str"),
    ("code", "str"),              # always "conflict"
    ("message", "str"),           # every candidate and the outcome
    ("value", "num"),
    ("origin", "str"),
    ("evidence", "str"),
    ("page", "int"),
    ("offset_start", "int"),
    ("offset_end", "int"),
    ("taken", "bool"),            # this candidate is the key's value
]

SCORE_COLUMNS: list[tuple[str, str]] = [
    ("doc_id", "str"),
    ("report_id", "str"),
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

DICTIONARY_COLUMNS: list[tuple[str, str]] = [
    ("column", "str"),
    ("key", "str"),
    ("label", "str"),
    ("unit", "str"),              # 元 for money, 是/否 for bool, else empty (counts)
    ("value_type", "str"),        # count | signed | money | bool
    ("description", "str"),
]

_UNIT_TO_TYPE = {"count": "int", "signed": "int", "money": "float", "bool": "bool"}
_TYPE_TEXT = {
    "count": "a count (integer ≥ 0)",
    "signed": "a change (integer, may be negative: 本年增/减)",
    "money": "an amount in 元 (yuan), converted from the unit as printed",
    "bool": "yes/no (是/否): 1/0 in SQLite, true/false in CSV",
}
_MONEY_UNIT = re.compile(r"^[十百千万亿]*元$")


def column_name(key: str) -> str:
    """The SQL-friendly column of a canonical key: ``applications.received`` -> ``applications_received``."""
    return re.sub(r"[^0-9A-Za-z_]", "_", key)


def _key_columns() -> list[tuple[str, str, dict]]:
    out, seen = [], {}
    for e in load_keys():
        c = column_name(e["key"])
        if c in seen or c in {n for n, _ in WIDE_BASE + REPORT_BASE}:
            raise ExportError(f"keys {seen.get(c)!r} and {e['key']!r} map to the same column {c!r}")
        seen[c] = e["key"]
        out.append((c, _UNIT_TO_TYPE[e["unit"]], e))
    return out


def wide_columns() -> list[tuple[str, str]]:
    return WIDE_BASE + [(c, t) for c, t, _ in _key_columns()]


def report_columns() -> list[tuple[str, str]]:
    return REPORT_BASE + [(c, t) for c, t, _ in _key_columns()]


def data_dictionary() -> list[list]:
    rows = []
    for c, _t, e in _key_columns():
        unit = {"money": "元", "bool": "是/否"}.get(e["unit"], "")
        rows.append([c, e["key"], e["label"], unit, e["unit"],
                     f"{e['label']}: {_TYPE_TEXT[e['unit']]}; key {e['key']} of patterns/keys.yaml"])
    return rows


# --------------------------------------------------------------------------- reading

_LIST_FIELDS = ("facts", "score_tables", "conflicts", "warnings", "errors")
_DICT_FIELDS = ("source", "document", "values")


def _check(rec) -> str | None:
    """Why ``rec`` is not a per-file JSON of ``zwgk extract`` (None when it is)."""
    if not isinstance(rec, dict) or "schema_version" not in rec or "source" not in rec:
        return "not a zwgk extract record (no schema_version/source)"
    bad = [f for f in _DICT_FIELDS if not isinstance(rec.get(f) if rec.get(f) is not None else {}, dict)]
    bad += [f for f in _LIST_FIELDS if not isinstance(rec.get(f) if rec.get(f) is not None else [], list)]
    if bad:
        return "wrong types: " + ", ".join(bad)
    return None


def _load(fp: str):
    """(record, None) or (None, reason)."""
    try:
        with open(fp, "rb") as fh:
            data = fh.read()
    except OSError as e:
        return None, f"unreadable: {e.strerror or e}"
    try:
        rec = json.loads(data)
    except RecursionError:
        return None, "nested too deeply"
    except ValueError as e:
        what = "truncated JSON" if "Expecting" in str(e) or "Unterminated" in str(e) else "invalid JSON"
        return None, f"{what} ({e})"
    reason = _check(rec)
    return (None, reason) if reason else (rec, None)


def scan(outdir: str | os.PathLike):
    """([(doc_id, record, json_path)], [(rel_path, reason)]) for every JSON under ``outdir``."""
    outdir = Path(outdir)
    found = []
    for root, dirs, files in os.walk(outdir):
        dirs.sort()
        for f in files:
            if f.endswith(".json") and not f.startswith("."):
                found.append(os.path.join(root, f))
    records, skipped = [], []
    for fp in sorted(found, key=lambda s: s.encode("utf-8", "surrogateescape")):
        rel = os.path.relpath(fp, outdir).replace(os.sep, "/")
        rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        rec, reason = _load(fp)
        if rec is None:
            skipped.append((rel, reason))
            continue
        records.append((rel[:-len(".json")], rec, fp))
    found_rel = {os.path.relpath(fp, outdir).replace(os.sep, "/") for fp in found}
    skipped.extend(_manifest_gaps(outdir, found_rel))
    return records, skipped


def _manifest_gaps(outdir: Path, found_rel: set) -> list[tuple[str, str]]:
    """Inputs of OUTDIR/manifest.jsonl (last line per input) without a result JSON: outputs
    that could not be written (disk_full, write_failed, output_collision) or were deleted."""
    latest: dict = {}
    try:
        with open(outdir / MANIFEST, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    e = json.loads(line)
                except (ValueError, RecursionError):
                    continue   # a line cut short by a crash: the batch ends it on its next run
                if isinstance(e, dict) and isinstance(e.get("path"), str):
                    latest[e["path"]] = e
    except OSError:
        return []
    gaps = []
    for path, e in latest.items():
        out = e.get("output")
        if isinstance(out, str) and out in found_rel:
            continue
        what = f"status {e.get('status')}" + (f", {e.get('error')}" if e.get("error") else "")
        name = out if isinstance(out, str) else path
        gaps.append((name, f"listed in {MANIFEST} ({what}) but no result JSON"))
    return gaps


def iter_records(outdir: str | os.PathLike):
    """(doc_id, record) for every per-file JSON under ``outdir``, sorted by path."""
    for doc_id, rec, _fp in scan(outdir)[0]:
        yield doc_id, rec


def _dicts(v) -> list[dict]:
    return [x for x in (v if isinstance(v, list) else []) if isinstance(x, dict)]


def _dict(v) -> dict:
    return v if isinstance(v, dict) else {}


def _str(v):
    return v if isinstance(v, str) else None


# --------------------------------------------------------------------------- derived fields

def simplified(s) -> str | None:
    if not isinstance(s, str) or not s:
        return None
    from .normalize import to_simplified

    return to_simplified(s)


_SCALAR = (str, int, float, bool)
_HAN_DIGITS = re.compile(r"[\u3400-\u9fff0-9]")


def _title_key(rec: dict) -> str | None:
    """kind|year|agency|title basis, None without a title or agency+year, or with an error."""
    doc = _dict(rec.get("document"))
    title = "".join(_HAN_DIGITS.findall(simplified(_str(doc.get("title"))) or ""))
    agency = simplified(_str(doc.get("agency"))) or ""
    year = doc.get("year") if isinstance(doc.get("year"), int) and not isinstance(doc.get("year"), bool) else None
    if rec.get("errors") or not (title or (agency and year is not None)):
        return None
    return f"report|{doc.get('kind')}|{year}|{agency}|{title}"


def _h(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _content(rec: dict) -> tuple[dict, set]:
    """(values, score-item fingerprints) of a record, for grouping documents without a title."""
    vals = {k: v for k, v in _dict(rec.get("values")).items() if isinstance(v, _SCALAR)}
    items = set()
    for t in _dicts(rec.get("score_tables")):
        for it in _dicts(t.get("items")):
            if isinstance(it.get("criterion"), str) and isinstance(it.get("max"), (int, float)):
                items.add((it["criterion"], it["max"]))
    return vals, items


#: documents without a title (nor agency+year) are one report when they share at least this
#: many values (or score items) and no key has different values
MIN_SHARED = 3


def report_id(rec: dict) -> str:
    """Of one record alone: the hash of kind, year, simplified agency and title (Han characters
    and digits of the simplified title); a document without a title or agency+year (or with
    an error) is its own report here (hash of its source sha256/path). ``report_ids`` also
    groups such documents by content."""
    basis = _title_key(rec)
    if basis is None:
        src = _dict(rec.get("source"))
        basis = "file|" + str(src.get("sha256") or src.get("path"))
    return _h(basis)


def report_ids(records: list[tuple[str, dict]]) -> dict[str, str]:
    """{doc_id: report_id}. Documents with a title (or agency and year) are grouped by
    ``report_id``. The others (no title, no agency or no year, no error) are grouped when
    they have the same kind, year and agency, share at least MIN_SHARED values or score
    items, and no key has different values in them; a group's id is the hash of its
    kind/year/agency and its members' smallest source sha256."""
    out, pending = {}, []
    for doc_id, rec in records:
        if _title_key(rec) is not None or rec.get("errors"):
            out[doc_id] = report_id(rec)
            continue
        doc = _dict(rec.get("document"))
        bucket = f"{doc.get('kind')}|{doc.get('year')}|{simplified(_str(doc.get('agency'))) or ''}"
        vals, items = _content(rec)
        if len(vals) + len(items) < MIN_SHARED:
            out[doc_id] = report_id(rec)
            continue
        sha = str(_dict(rec.get("source")).get("sha256") or doc_id)
        pending.append((doc_id, bucket, vals, items, sha))
    parent = list(range(len(pending)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    by_bucket: dict[str, list[int]] = {}
    for i, p in enumerate(pending):
        by_bucket.setdefault(p[1], []).append(i)
    for idx in by_bucket.values():
        for n, i in enumerate(idx):
            for j in idx[:n]:
                vi, ii, vj, ij = pending[i][2], pending[i][3], pending[j][2], pending[j][3]
                common = [k for k in vi if k in vj]
                if any(not _same(vi[k], vj[k]) for k in common):
                    continue
                if len(common) + len(ii & ij) >= MIN_SHARED:
                    parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(pending)):
        groups.setdefault(find(i), []).append(i)
    for members in groups.values():
        rid = _h("content|" + pending[members[0]][1] + "|" + min(pending[i][4] for i in members))
        for i in members:
            out[pending[i][0]] = rid
    return out


def _same(a, b) -> bool:
    """Equal scalars of one type (1 is not True; lists and dicts are never a value)."""
    return type(a) is type(b) and isinstance(a, _SCALAR) and a == b


def chosen_index(rec: dict, key: str) -> int | None:
    """Index in rec["facts"] of the fact the key's value came from: the first table fact with
    that value, else the first fact of another origin (prose) with it; None without a value."""
    values = _dict(rec.get("values"))
    if key not in values:
        return None
    v = values[key]
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    same = [i for i, f in enumerate(facts) if isinstance(f, dict) and f.get("key") == key
            and _same(f.get("value"), v)]
    table = [i for i in same if facts[i].get("origin") == "table"]
    return (table or same or [None])[0]


def is_money(key, unit, units: dict) -> bool:
    return units.get(key) == "money" or (isinstance(unit, str) and bool(_MONEY_UNIT.match(unit)))


_KEY_PREFIX = re.compile(r"^([a-z_]+(?:\.[a-z_0-9]+)+): ")
_QUOTED = re.compile(r"'([^']{1,40})'")


def warning_key(message) -> str | None:
    m = _KEY_PREFIX.match(message) if isinstance(message, str) else None
    return m.group(1) if m else None


def _offsets(o):
    o = o if isinstance(o, list) else []
    a = o[0] if len(o) > 0 else None
    b = o[1] if len(o) > 1 else None
    return a, b


class _Text:
    """The extracted text of a document, from NAME.text.txt beside NAME.json (--emit-text)."""

    def __init__(self, json_path: str | None):
        self.path = json_path[:-len(".json")] + ".text.txt" if json_path else None
        self._text = False

    def get(self):
        if self._text is False:
            self._text = None
            if self.path:
                try:
                    with open(self.path, encoding="utf-8") as f:
                        self._text = f.read()
                except (OSError, ValueError):
                    pass
        return self._text

    def slice(self, a, b):
        t = self.get()
        if t is None or not isinstance(a, int) or not isinstance(b, int) or not 0 <= a <= b <= len(t):
            return None
        return t[a:b]


# --------------------------------------------------------------------------- casting

class _Dropped(Exception):
    pass


def _cast(v, typ: str):
    """``v`` as the column type; None when it does not fit; _Dropped for out-of-range ints."""
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
        if isinstance(v, str) and typ in ("int", "num", "float"):
            s = v.strip()
            if re.fullmatch(r"-?\d{1,30}", s):
                v = int(s)
            else:
                v = float(s)
        if typ == "int":
            if isinstance(v, bool):
                return int(v)
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            if isinstance(v, int):
                if not INT64_MIN <= v <= INT64_MAX:
                    raise _Dropped(v)
                return v
            return None
        if typ in ("num", "float"):
            if isinstance(v, bool):
                return int(v) if typ == "num" else float(v)
            if isinstance(v, int):
                if typ == "float":
                    return float(v)
                if not INT64_MIN <= v <= INT64_MAX:
                    raise _Dropped(v)
                return v
            if isinstance(v, float):
                return v
            return None
    except (TypeError, ValueError, OverflowError, RecursionError):
        return None
    return v


class _Rows:
    """Cast rows for one table; values that cannot be stored become warnings rows."""

    def __init__(self, cols, dropped: list):
        self.cols, self.rows, self.dropped = cols, [], dropped

    def add(self, r: dict, doc_id=None, report=None, source_path=None):
        row = []
        for c, t in self.cols:
            try:
                row.append(_cast(r.get(c), t))
            except _Dropped as e:
                row.append(None)
                self.dropped.append({"doc_id": doc_id, "report_id": report, "source_path": source_path,
                                     "key": r.get("key") or c, "code": "export_dropped_value",
                                     "message": f"{c}: {str(e.args[0])[:60]} is outside the 64-bit integer "
                                                "range of SQLite/Parquet; left empty"})
        self.rows.append(row)


# --------------------------------------------------------------------------- tables

def _agree(values: list):
    """(the one value all renderings give, False); (None, True) when they disagree."""
    vals = [v for v in values if isinstance(v, _SCALAR)]
    if not vals:
        return None, False
    if all(_same(v, vals[0]) for v in vals):
        return vals[0], False
    return None, True


def _most(values: list):
    vals = [v for v in values if isinstance(v, _SCALAR)]
    if not vals:
        return None
    best = max(vals, key=lambda v: (vals.count(v), -vals.index(v)))
    return best


def collect(outdir: str | os.PathLike, _skipped: list | None = None,
            corrections=None, panel: bool = False) -> dict[str, tuple[list[tuple[str, str]], list[list]]]:
    """Every table as {name: (columns, rows)}; values already cast to the column type.
    ``corrections`` (extractor.corrections.Corrections) are applied to the records first.
    ``panel``: also the ``panel`` table (one row per body × kind × year, extractor/series.py)."""
    from .keys import key_units

    units = key_units()
    kcols = _key_columns()
    records, skipped = scan(outdir)
    if corrections is not None:
        records, unmatched = corrections.apply_all(records)
        skipped.extend(unmatched)
    if _skipped is not None:
        _skipped.extend(skipped)
    dropped: list[dict] = []
    wide = _Rows(wide_columns(), dropped)
    long_ = _Rows(LONG_COLUMNS, dropped)
    warns = _Rows(WARNING_COLUMNS, dropped)
    confl = _Rows(CONFLICT_COLUMNS, dropped)
    scores = _Rows(SCORE_COLUMNS, dropped)
    groups: dict[str, list[tuple[str, dict]]] = {}
    rids = report_ids([(d, r) for d, r, _ in records])
    for doc_id, rec, fp in records:
        src, doc, values = _dict(rec.get("source")), _dict(rec.get("document")), _dict(rec.get("values"))
        errs, facts = _dicts(rec.get("errors")), rec.get("facts") if isinstance(rec.get("facts"), list) else []
        rid = rids[doc_id]
        groups.setdefault(rid, []).append((doc_id, rec))
        text = _Text(fp)
        sp = src.get("path")
        ctx = dict(doc_id=doc_id, report=rid, source_path=sp)
        base = {
            "doc_id": doc_id, "report_id": rid, "source_path": sp, "source_sha256": src.get("sha256"),
            "source_format": src.get("format"), "source_pages": src.get("pages"),
            "source_encoding": src.get("encoding"), "source_ocr": src.get("ocr"),
            "schema_version": rec.get("schema_version"), "kind": doc.get("kind"), "title": doc.get("title"),
            "agency": doc.get("agency"), "agency_simplified": simplified(_str(doc.get("agency"))),
            "year": doc.get("year"), "date": doc.get("date"), "template": doc.get("template"),
            "error_code": errs[0].get("code") if errs else None,
            "error_message": errs[0].get("message") if errs else None,
            "n_facts": len(facts), "n_conflicts": len(_dicts(rec.get("conflicts"))),
            "n_warnings": len(_dicts(rec.get("warnings"))), "n_score_tables": len(_dicts(rec.get("score_tables"))),
        }
        for c, _t, e in kcols:
            base[c] = values.get(e["key"])
        wide.add(base, **ctx)
        chosen = {chosen_index(rec, k) for k in values}
        for i, f in enumerate(facts):
            if not isinstance(f, dict):
                continue
            key = f.get("key") if isinstance(f.get("key"), str) else None
            a, b = _offsets(f.get("offset"))
            unit = f.get("unit")
            money = is_money(key, unit, units)
            r = {"doc_id": doc_id, "report_id": rid, "source_path": sp, "key": key,
                 "column": column_name(key) if key in units else None, "value": f.get("value"),
                 "value_type": units.get(key, "other"), "unit": "元" if money else unit,
                 "source_unit": unit, "raw": f.get("raw"), "origin": f.get("origin"), "page": f.get("page"),
                 "offset_start": a, "offset_end": b, "evidence": f.get("evidence"), "rule": f.get("rule"),
                 "chosen": i in chosen, "review": f.get("review"), "corrected_by": f.get("corrected_by"),
                 "review_note": f.get("review_note")}
            long_.add(r, **ctx)
        for w in _dicts(rec.get("warnings")):
            a, b = _offsets(w.get("offset"))
            msg = w.get("message")
            q = _QUOTED.search(msg) if isinstance(msg, str) else None
            warns.add({"doc_id": doc_id, "report_id": rid, "source_path": sp, "key": warning_key(msg),
                       "code": w.get("code"), "message": msg, "raw": q.group(1) if q else None,
                       "evidence": text.slice(a, b), "page": w.get("page"), "offset_start": a,
                       "offset_end": b}, **ctx)
        for c in _dicts(rec.get("conflicts")):
            key = c.get("key")
            cands = _dicts(c.get("candidates"))
            has = key in values
            outcome = f"value taken: {values[key]!r}" if has else "no value taken"
            msg = (f"{key}: " + ", ".join(f"{x.get('value')!r} ({x.get('origin')})" for x in cands)
                   + f"; {outcome}")
            for x in cands:
                a, b = _offsets(x.get("offset"))
                ev, page = None, None
                for f in facts:   # the fact behind the candidate gives evidence and page
                    if isinstance(f, dict) and f.get("key") == key and _same(f.get("value"), x.get("value")) \
                            and _offsets(f.get("offset")) == (a, b):
                        ev, page = f.get("evidence"), f.get("page")
                        break
                confl.add({"doc_id": doc_id, "report_id": rid, "source_path": sp, "key": key,
                           "code": "conflict", "message": msg, "value": x.get("value"),
                           "origin": x.get("origin"), "evidence": ev if ev is not None else text.slice(a, b),
                           "page": page, "offset_start": a, "offset_end": b,
                           "taken": has and _same(values[key], x.get("value"))}, **ctx)
        for ti, t in enumerate(_dicts(rec.get("score_tables"))):
            for ii, it in enumerate(_dicts(t.get("items"))):
                path = [str(p) for p in (it.get("path") if isinstance(it.get("path"), list) else [])]
                scores.add({"doc_id": doc_id, "report_id": rid, "source_path": sp, "table_index": ti,
                            "table_title": t.get("title"), "table_page": t.get("page"), "item_index": ii,
                            "path": " > ".join(path), "path_json": json.dumps(path, ensure_ascii=False),
                            "criterion": it.get("criterion"), "max": it.get("max"), "score": it.get("score")},
                           **ctx)
    reports = _Rows(report_columns(), dropped)
    for rid, members in groups.items():
        docs = [_dict(r.get("document")) for _, r in members]
        vals = [_dict(r.get("values")) for _, r in members]
        row = {"report_id": rid, "kind": _most([d.get("kind") for d in docs]),
               "year": _most([d.get("year") for d in docs]), "agency": _most([d.get("agency") for d in docs]),
               "title": _most([d.get("title") for d in docs]), "n_renderings": len(members),
               "doc_ids": json.dumps([d for d, _ in members], ensure_ascii=False)}
        row["agency_simplified"] = simplified(_str(row["agency"]))
        n_dis = 0
        for c, _t, e in kcols:
            v, dis = _agree([vv.get(e["key"]) for vv in vals])
            row[c] = v
            n_dis += dis
        row["n_disagreements"] = n_dis
        reports.add(row, doc_id=members[0][0], report=rid)
    # cross-report checks over each body's series (extractor/series.py), and the panel
    from . import series as _series

    found = _series.build_series([(d, r) for d, r, _ in records], report_ids=rids)
    checks = _Rows(_series.CHECK_COLUMNS, dropped)
    for f in _series.run_checks(found):
        checks.add(_series.finding_row(f))
    for d in dropped:
        warns.add(d)
    dd = _Rows(DICTIONARY_COLUMNS, dropped)
    for r in data_dictionary():
        dd.add(dict(zip([c for c, _ in DICTIONARY_COLUMNS], r)))
    out = {"wide": (wide.cols, wide.rows), "reports": (reports.cols, reports.rows),
           "long": (LONG_COLUMNS, long_.rows), "warnings": (WARNING_COLUMNS, warns.rows),
           "conflicts": (CONFLICT_COLUMNS, confl.rows), "score_items": (SCORE_COLUMNS, scores.rows),
           "data_dictionary": (DICTIONARY_COLUMNS, dd.rows), "checks": (_series.CHECK_COLUMNS, checks.rows)}
    if panel:
        pcols = _series.PANEL_COLUMNS + [(c, t) for c, t, _e in kcols]
        prow = _Rows(pcols, dropped)
        for r in _series.panel_rows(found):
            prow.add(r)
        out["panel"] = (pcols, prow.rows)
    return out


# --------------------------------------------------------------------------- writers

#: a CSV cell (text) starting with one of these is prefixed with ' so that a spreadsheet
#: shows it as text and never runs it as a formula (numbers are written as they are)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def _write_csv(path: Path, cols, rows, excel: bool = False) -> None:
    def w(tmp):
        with open(tmp, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
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


def _write_parquet_dataset(path: Path, cols, rows, partition_by: str, doc_values: dict | None = None) -> None:
    """A Parquet dataset folder: Hive partitions ``partition_by=VALUE/part-0.parquet`` (a missing
    value: ``__HIVE_DEFAULT_PARTITION__``). A table without the column but with ``doc_id``
    (facts, warnings…) is partitioned by its document's value (``doc_values``: doc_id -> value;
    readers see it as a column); others (data_dictionary) are one ``part-0.parquet``. Written
    beside and renamed into place, so a reader never sees half of it."""
    import shutil

    import pyarrow as pa
    import pyarrow.dataset as ds

    table = _arrow_table(cols, rows)
    names = [n for n, _t in cols]
    if partition_by not in names and "doc_id" in names and doc_values is not None:
        i = names.index("doc_id")
        table = table.append_column(partition_by, pa.array([doc_values.get(r[i]) for r in rows], type=pa.int64()))
        names.append(partition_by)
    partitioning = (ds.partitioning(table.select([partition_by]).schema, flavor="hive")
                    if partition_by in names else None)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}")
    old = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.old{TMP_MARK}")
    try:
        ds.write_dataset(table, tmp, format="parquet", partitioning=partitioning,
                         basename_template="part-{i}.parquet", use_threads=False,
                         existing_data_behavior="error")
        if not os.path.isdir(tmp):  # an empty table writes nothing: keep its schema in one empty part
            os.makedirs(tmp)
            import pyarrow.parquet as pq

            pq.write_table(table, os.path.join(tmp, "part-0.parquet"))
        moved = os.path.lexists(path)
        if moved:  # the earlier export (a folder, or the single file of an unpartitioned one)
            os.rename(path, old)
        try:
            os.rename(tmp, path)
        except OSError:
            if moved:
                os.rename(old, path)
            raise
    finally:
        for p in (tmp, old):
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p, ignore_errors=True)
            elif os.path.lexists(p):
                os.unlink(p)


SQL_TABLES = {"wide": "documents", "reports": "reports", "long": "facts", "warnings": "warnings",
              "conflicts": "conflicts", "score_items": "score_items", "data_dictionary": "data_dictionary",
              "checks": "checks", "panel": "panel"}
_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER", "num": "REAL"}
_SQL_KEYS = {"documents": "doc_id", "reports": "report_id", "data_dictionary": "column"}
_SQL_INDEXES = {
    "documents": [("report_id",), ("source_sha256",), ("year",), ("agency_simplified",), ("kind",)],
    "reports": [("year",), ("agency_simplified",), ("kind",)],
    "facts": [("doc_id",), ("report_id",), ("key",), ("key", "value")],
    "warnings": [("doc_id",), ("code",), ("key",)],
    "conflicts": [("doc_id",), ("key",)],
    "score_items": [("doc_id",), ("doc_id", "table_index", "item_index")],
    "data_dictionary": [],
    "checks": [("body",), ("status",)],
    "panel": [("body", "year")],
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
                pk = _SQL_KEYS.get(t)
                coldefs = ", ".join(f"{_q(c)} {_SQL_TYPES[ty]}" + (" PRIMARY KEY" if c == pk else "")
                                    for c, ty in cols)
                con.execute(f"CREATE TABLE {_q(t)} ({coldefs})")
                ph = ", ".join("?" for _ in cols)
                con.executemany(f"INSERT INTO {_q(t)} VALUES ({ph})",
                                ([int(v) if isinstance(v, bool) else v for v in r] for r in rows))
                for idx_cols in _SQL_INDEXES[t]:
                    iname = f"idx_{t}_{'_'.join(idx_cols)}"
                    con.execute(f"CREATE INDEX {_q(iname)} ON {_q(t)} ({', '.join(_q(c) for c in idx_cols)})")
            con.commit()
        finally:
            con.close()
    _atomic(path, w)


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
            _write_sqlite(paths["wide"], tables)
            return ExportResult([(f"{paths['wide']}:{SQL_TABLES[t]}", len(tables[t][1])) for t in tables], skipped)
        for t, (cols, rows) in tables.items():
            if fmt == "csv":
                _write_csv(paths[t], cols, rows, excel=excel)
            elif fmt == "jsonl":
                _write_jsonl(paths[t], cols, rows)
            elif partition_by:
                wcols, wrows = tables["wide"]
                di, pi = [n for n, _t in wcols].index("doc_id"), [n for n, _t in wcols].index(partition_by)
                _write_parquet_dataset(paths[t], cols, rows, partition_by, {r[di]: r[pi] for r in wrows})
            else:
                _write_parquet(paths[t], cols, rows)
    except OSError as e:
        raise ExportError(f"cannot write {file}: {e}") from e
    return ExportResult([(str(paths[t]), len(tables[t][1])) for t in tables], skipped)


__all__ = ["export", "collect", "scan", "iter_records", "wide_columns", "report_columns", "column_name",
           "data_dictionary", "report_id", "report_ids", "chosen_index", "output_paths", "ExportError", "ExportResult",
           "WIDE_BASE", "REPORT_BASE", "LONG_COLUMNS", "WARNING_COLUMNS", "CONFLICT_COLUMNS",
           "SCORE_COLUMNS", "DICTIONARY_COLUMNS", "FORMATS", "SQL_TABLES", "TABLES", "FORMULA_START"]
