"""The tables' columns: fixed columns per table, one column per canonical key (patterns/keys.yaml),
the data dictionary, and the SQL name of each table."""
from __future__ import annotations

import re

from ..keys import load_keys


class ExportError(Exception):
    pass


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


def column_name(key: str) -> str:
    """The SQL-friendly column of a canonical key: ``applications.received`` -> ``applications_received``."""
    return re.sub(r"[^0-9A-Za-z_]", "_", key)


def key_columns() -> list[tuple[str, str, dict]]:
    out, seen = [], {}
    for e in load_keys():
        c = column_name(e["key"])
        if c in seen or c in {n for n, _ in WIDE_BASE + REPORT_BASE}:
            raise ExportError(f"keys {seen.get(c)!r} and {e['key']!r} map to the same column {c!r}")
        seen[c] = e["key"]
        out.append((c, _UNIT_TO_TYPE[e["unit"]], e))
    return out


def wide_columns() -> list[tuple[str, str]]:
    return WIDE_BASE + [(c, t) for c, t, _ in key_columns()]


def report_columns() -> list[tuple[str, str]]:
    return REPORT_BASE + [(c, t) for c, t, _ in key_columns()]


def data_dictionary() -> list[list]:
    rows = []
    for c, _t, e in key_columns():
        unit = {"money": "元", "bool": "是/否"}.get(e["unit"], "")
        rows.append([c, e["key"], e["label"], unit, e["unit"],
                     f"{e['label']}: {_TYPE_TEXT[e['unit']]}; key {e['key']} of patterns/keys.yaml"])
    return rows


SQL_TABLES = {"wide": "documents", "reports": "reports", "long": "facts", "warnings": "warnings",
              "conflicts": "conflicts", "score_items": "score_items", "data_dictionary": "data_dictionary",
              "checks": "checks", "panel": "panel"}
