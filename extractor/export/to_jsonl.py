"""A table as JSON Lines: one object per row, column names as keys."""
from __future__ import annotations

import json
from pathlib import Path

from ..atomic import replace_atomically as _atomic


def write_jsonl(path: Path, cols, rows) -> None:
    names = [c for c, _ in cols]

    def w(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(dict(zip(names, r)), ensure_ascii=False) + "\n")
    _atomic(path, w)
