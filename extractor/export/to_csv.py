"""A table as CSV (UTF-8, with a BOM for Excel on request; text that a spreadsheet would run as a
formula is prefixed with ')."""
from __future__ import annotations

import csv
from pathlib import Path

from ..atomic import replace_atomically as _atomic

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


def write_csv(path: Path, cols, rows, excel: bool = False) -> None:
    def w(tmp):
        with open(tmp, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
            wr = csv.writer(f)
            wr.writerow([c for c, _ in cols])
            for r in rows:
                wr.writerow([_csv_cell(v) for v in r])
    _atomic(path, w)
