"""Where the declarative rules live.

In a source checkout (and an editable install) they are the top-level ``patterns/``
folder; a built wheel ships the same files inside the package as
``extractor/patterns/`` (see pyproject.toml). ``ZWGK_PATTERNS`` overrides both, so a
user can run the tool with an edited copy of the rules.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def patterns_dir() -> Path:
    env = os.environ.get("ZWGK_PATTERNS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "patterns", here / "patterns"):
        if (cand / "keys.yaml").is_file():
            return cand
    raise FileNotFoundError("zwgk: cannot find the patterns/ folder (set ZWGK_PATTERNS)")
