"""Values cast to a column type (str, int, float, bool, num); an integer outside the 64-bit range
becomes an ``export_dropped_value`` warning row instead of a value."""
from __future__ import annotations

import json
import re

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


class Dropped(Exception):
    pass


def cast(v, typ: str):
    """``v`` as the column type; None when it does not fit; Dropped for out-of-range ints."""
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
                    raise Dropped(v)
                return v
            return None
        if typ in ("num", "float"):
            if isinstance(v, bool):
                return int(v) if typ == "num" else float(v)
            if isinstance(v, int):
                if typ == "float":
                    return float(v)
                if not INT64_MIN <= v <= INT64_MAX:
                    raise Dropped(v)
                return v
            if isinstance(v, float):
                return v
            return None
    except (TypeError, ValueError, OverflowError, RecursionError):
        return None
    return v


class Rows:
    """Cast rows for one table; values that cannot be stored become warnings rows."""

    def __init__(self, cols, dropped: list):
        self.cols, self.rows, self.dropped = cols, [], dropped

    def add(self, r: dict, doc_id=None, report=None, source_path=None):
        row = []
        for c, t in self.cols:
            try:
                row.append(cast(r.get(c), t))
            except Dropped as e:
                row.append(None)
                self.dropped.append({"doc_id": doc_id, "report_id": report, "source_path": source_path,
                                     "key": r.get("key") or c, "code": "export_dropped_value",
                                     "message": f"{c}: {str(e.args[0])[:60]} is outside the 64-bit integer "
                                                "range of SQLite/Parquet; left empty"})
        self.rows.append(row)
