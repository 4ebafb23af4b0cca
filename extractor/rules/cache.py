"""The checked-rules cache: what loading derives from the rule files (the rules'
macro-expanded sources and the prefilter's literals) is a function of those files' and
keys.yaml's bytes, the loader's source (the macros, the literal analysis) and the Python /
regex / PyYAML versions (their parsers): a marshal blob in ``resources.cache_dir()`` keyed
by a hash of all of them. It holds no compiled regex and nothing that depends on an input document; a
changed rule file gives a new key (and is checked, errors included, as before).
``ZWGK_RULES_CACHE=0`` switches it off.
"""
from __future__ import annotations

import os
from pathlib import Path

import regex

from ..keys import KEYS_FILE
from ..resources import MISSING, read_blob, store_blob
from .schema import Rule

_HERE = Path(__file__).resolve().parent
# the code whose output the cache holds
_SOURCES = (_HERE / "loader.py", _HERE / "schema.py", _HERE.parent / "regexkit" / "required.py")

_RULES_CACHE_MAGIC = b"ZWGKRL01"
_RULES_CACHE_KEEP = 8
# the fields of a Rule that load_file sets (compiled and rule_id are rebuilt)
RULE_FIELDS = ("key", "id", "kind", "units", "pattern_src", "zero_src", "condition_src", "context_scope",
                "allow_share", "bare", "fallback", "value", "source", "where", "pattern_needs", "zero_needs")


def _rules_cache_path(directory: Path, files: list[Path]) -> Path | None:
    if os.environ.get("ZWGK_RULES_CACHE", "1") == "0":
        return None
    import hashlib
    import sys

    h = hashlib.sha256(_RULES_CACHE_MAGIC)
    from ..resources import yaml_library_stamp  # (PyYAML's, without importing it: ~15 ms)

    h.update(f"{sys.version}|{getattr(regex, '__version__', '?')}|".encode() + yaml_library_stamp())
    try:
        for src in _SOURCES:
            h.update(src.read_bytes())
        for p in [directory / "_common.yaml", *files, KEYS_FILE]:  # keys.yaml: the rules' kinds
            h.update(p.name.encode() + b"\0")
            h.update(p.read_bytes() if p.is_file() else b"-")
            h.update(b"\0")
        from ..resources import cache_dir

        return cache_dir() / f"rules-{h.hexdigest()[:20]}.bin"
    except OSError:
        return None


def load_cached(directory: Path, files: list[Path], compiled: dict) -> list[Rule] | None:
    """The checked rules from the cache, or None (absent, unreadable, another layout)."""
    data = read_blob(_rules_cache_path(directory, files), _RULES_CACHE_MAGIC)
    if data is MISSING:
        return None
    try:
        return [Rule(**dict(zip(RULE_FIELDS, row)), compiled=compiled) for row in data]
    except (ValueError, TypeError, KeyError):
        return None


def store_cached(directory: Path, files: list[Path], rules: list[Rule]) -> None:
    """Write the checked rules (see load_cached); a failure only means no cache."""
    import marshal

    path = _rules_cache_path(directory, files)
    if path is None:
        return
    try:
        blob = _RULES_CACHE_MAGIC + marshal.dumps([tuple(getattr(r, f) for f in RULE_FIELDS) for r in rules])
        # the caches of earlier rule files (and of other pattern folders: ZWGK_PATTERNS):
        # the newest few are kept
        store_blob(path, blob, _RULES_CACHE_KEEP)
    except (OSError, ValueError):
        pass
