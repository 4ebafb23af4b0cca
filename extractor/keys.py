"""The canonical key list (patterns/keys.yaml): the one place every key is named.

    from extractor.keys import canonical_keys, unit_of, KEY_UNITS
    canonical_keys()          # ("proactive.total", ...) in SCHEMA.md order
    unit_of("funding.special")  # "money"

Unit types: ``count`` (int), ``signed`` (int, may be negative), ``money`` (float, 元),
``bool``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from .resources import patterns_dir

UNIT_TYPES = ("count", "signed", "money", "bool")
KEYS_FILE = patterns_dir() / "keys.yaml"


@lru_cache(maxsize=None)
def load_keys(path: str | None = None) -> tuple[dict, ...]:
    """Entries ``{"key", "unit", "label"}`` in file order (validated)."""
    from .resources import load_yaml

    p = Path(path) if path else KEYS_FILE
    data = load_yaml(p)
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{p}: expected a non-empty 'keys:' list")
    seen: set[str] = set()
    out = []
    for e in entries:
        key, unit = e.get("key"), e.get("unit")
        if not isinstance(key, str) or not key or key in seen:
            raise ValueError(f"{p}: missing or duplicate key {key!r}")
        if unit not in UNIT_TYPES:
            raise ValueError(f"{p}: key {key!r} has unit {unit!r}, not one of {UNIT_TYPES}")
        seen.add(key)
        out.append({"key": key, "unit": unit, "label": str(e.get("label") or "")})
    return tuple(out)


def canonical_keys() -> tuple[str, ...]:
    return tuple(e["key"] for e in load_keys())


def key_units() -> dict[str, str]:
    """{key: unit type} (a new dict each call: callers may change theirs)."""
    return dict(_units())


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    # (the one table ``unit_of`` and ``is_canonical`` ask: asked for every zero a reader states)
    return {e["key"]: e["unit"] for e in load_keys()}


def unit_of(key: str) -> str | None:
    """Unit type of a canonical key, None for keys outside the list (e.g. ``other.*``)."""
    return _units().get(key)


def is_canonical(key: str) -> bool:
    return key in _units()


def zero_of(key: str):
    """What a stated zero of ``key`` is: 0.0 for money (元 as a float), else 0."""
    return 0.0 if _units().get(key) == "money" else 0


__all__ = ["UNIT_TYPES", "KEYS_FILE", "load_keys", "canonical_keys", "key_units", "unit_of", "is_canonical", "zero_of"]
