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


def cache_dir() -> Path:
    """Where zwgk keeps what it derives once and reuses (the word guard's dictionary):
    ``ZWGK_CACHE_DIR``, else ``$XDG_CACHE_HOME/zwgk`` (``~/.cache/zwgk``), else the
    temporary folder when the home folder cannot be written."""
    env = os.environ.get("ZWGK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    cand = Path(base) / "zwgk"
    try:
        cand.mkdir(parents=True, exist_ok=True)
        if os.access(cand, os.W_OK):
            return cand
    except OSError:
        pass
    import tempfile

    tmp = Path(tempfile.gettempdir()) / f"zwgk-{os.getuid() if hasattr(os, 'getuid') else 'u'}"
    try:
        tmp.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        pass
    return tmp
