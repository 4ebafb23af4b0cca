"""Every table into one SQLite file (``SQL_TABLES`` names), with primary keys and indexes."""
from __future__ import annotations

import os
from pathlib import Path

from ..atomic import replace_atomically as _atomic
from .columns import SQL_TABLES

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


def write_sqlite(path: Path, tables) -> None:
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
