"""Reconcile candidate facts from prose and tables into one value per key.

Rules (SCHEMA.md): a table figure beats a prose figure, and the disagreement is kept
in ``conflicts``; two different figures from the same kind of place give no value
(precision first) plus a conflict and a warning. Keys under ``other.`` stay in
``facts`` only. Keys a reader blocked (ambiguous readings) are never emitted.
"""
from __future__ import annotations

from .model import Document, Fact, Findings, Warning_


def _distinct(facts: list[Fact]) -> list:
    """The facts' values, each once, in order of first appearance (``==`` decides, as
    ``in`` on a list would). Hashable values are looked up in a set, so a key with
    150,000 facts costs 150,000 look-ups, not 150,000 list scans."""
    seen: list = []
    hashed: set = set()
    unhashable: list = []
    for f in facts:
        v = f.value
        try:
            if v in hashed:
                continue
        except TypeError:  # an unhashable value (none is produced today): compare by ==
            if v not in seen:
                seen.append(v)
                unhashable.append(v)
            continue
        if unhashable and v in unhashable:
            continue
        hashed.add(v)
        seen.append(v)
    return seen


def _candidates(facts: list[Fact]) -> list[dict]:
    out, seen = [], set()
    for f in facts:
        k = (repr(f.value), f.origin, tuple(f.offset))
        if k not in seen:
            seen.add(k)
            out.append({"value": f.value, "origin": f.origin, "offset": list(f.offset)})
    return out


def reconcile(doc: Document, seg, prose: Findings, tables: Findings, clauses: Findings | None = None) -> dict:
    blocked = set(prose.blocked_keys) | set(tables.blocked_keys)
    warnings: list[Warning_] = list(prose.warnings) + list(tables.warnings)
    all_facts = [f for f in tables.facts + prose.facts if f.key not in blocked]
    if clauses is not None:
        # the generic clause reader (extractor/clauses.py) has the lowest priority: its
        # facts count only for keys no rule or table reads (never a conflict with them)
        warnings.extend(clauses.warnings)
        have = {f.key for f in all_facts} | blocked
        all_facts += [f for f in clauses.facts if f.key not in have]
    all_facts.sort(key=lambda f: (f.offset[0], f.offset[1], f.key))

    by_key: dict[str, list[Fact]] = {}
    for f in all_facts:
        by_key.setdefault(f.key, []).append(f)

    values: dict = {}
    conflicts: list[dict] = []
    for key in sorted(by_key):
        facts = by_key[key]
        if key.startswith("other."):
            continue
        table_facts = [f for f in facts if f.origin == "table"]
        text_facts = [f for f in facts if f.origin == "text"]
        tv, pv = _distinct(table_facts), _distinct(text_facts)
        if len(tv) == 1:
            values[key] = tv[0]
            if any(v != tv[0] for v in pv):
                conflicts.append({"key": key, "candidates": _candidates(facts)})
        elif len(tv) > 1:
            conflicts.append({"key": key, "candidates": _candidates(facts)})
            warnings.append(Warning_("conflict", f"{key}: tables give different figures {tv}; no value taken"))
        elif len(pv) == 1:
            values[key] = pv[0]
        elif len(pv) > 1:
            conflicts.append({"key": key, "candidates": _candidates(facts)})
            warnings.append(Warning_("conflict", f"{key}: the text gives different figures {pv}; no value taken"))
    ordered = {k: values[k] for k in sorted(values)}
    return {
        "values": ordered,
        "facts": all_facts,
        "conflicts": conflicts,
        "warnings": warnings,
        "score_tables": list(tables.score_tables),
    }
