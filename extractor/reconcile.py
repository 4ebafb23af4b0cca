"""Reconcile candidate facts from prose and tables into one value per key.

Rules (SCHEMA.md): a table figure beats a prose figure, and the disagreement is kept
in ``conflicts``; two different figures from the same kind of place give no value
(precision first) plus a conflict and a warning - unless the text adds the others up to one
of them: a part is no statement of its whole (``_parts_of_a_whole``). Keys under ``other.`` stay in
``facts`` only. Keys a reader blocked (ambiguous readings) are never emitted.
"""
from __future__ import annotations

from . import numbers
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


# a conflict of a few readings only: a dump of many figures (issue 11) is no whole with its parts;
# and the parts stand right after the whole (113, 75 and 96 characters from its end to the part's
# reading in b13 j25, b21 al15, b3 z03): bounded work on any input
_PARTS_MAX_VALUES = 4
_PARTS_MAX_FACTS = 8
_PARTS_MAX_GAP = 200


def _parts_of_a_whole(doc, facts: list[Fact], values: list) -> set:
    """The values of ``facts`` (the text's readings of one key, ``values`` their distinct values)
    that the text itself shows are a PART of another reading: the whole W is stated first, then,
    in the same paragraph, one more count of the same measure word g and this reading v, with
    g + v == W - the whole and its two parts by body or channel (2011年新增主动公开政府信息53019条…
    自治区直属机关主动公开政府信息16848条。各行署、拉萨市人民政府主动公开政府信息36171条 - b13 j25;
    全县累计公开政府信息21597条。合江县人民政府网公开政府信息7055条…,县政府部门和镇(街道)共公开各类
    政府信息14542条 - b21 al15; 发布信息4583条,其中主动公开各类政府信息2107条,…发布政务动态信息2476条 -
    b3 z03). A part is no statement of the whole; nothing is picked by place or size: a figure
    only leaves when the text adds it up."""
    text = getattr(doc, "text", None)
    if not text or len(values) > _PARTS_MAX_VALUES or len(facts) > _PARTS_MAX_FACTS:
        return set()
    counts = [f for f in facts if type(f.value) is int and f.unit]
    parts: set = set()
    for v in counts:
        for w in counts:
            if (w.value <= v.value or w.unit != v.unit or w.offset[1] > v.offset[0]
                    or v.offset[0] - w.offset[1] > _PARTS_MAX_GAP):
                continue
            between = text[w.offset[1]:v.offset[0]]
            if "\n" in between:
                continue
            if any(q.quantity.kind == "count" and q.quantity.unit == v.unit and not q.quantity.approx
                   and numbers.to_value(q.quantity) + v.value == w.value
                   for q in numbers.find_quantities(between)):
                parts.add(v.value)
                break
    return parts


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
            parts = _parts_of_a_whole(doc, text_facts, pv)
            whole = [v for v in pv if v not in parts]
            if parts and len(whole) == 1:
                # the other readings are parts the text adds up to this one (kept in conflicts)
                values[key] = whole[0]
            else:
                warnings.append(Warning_("conflict", f"{key}: the text gives different figures {pv}; no value taken"))
    ordered = {k: values[k] for k in sorted(values)}
    return {
        "values": ordered,
        "facts": all_facts,
        "conflicts": conflicts,
        "warnings": warnings,
        "score_tables": list(tables.score_tables),
    }
