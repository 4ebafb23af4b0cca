"""Fields derived from a record: the report id grouping renderings of one report, the fact a
value came from, money facts, the key and figure a warning is about, offsets."""
from __future__ import annotations

import hashlib
import re

from .records import as_dict, as_str, dicts


def simplified(s) -> str | None:
    if not isinstance(s, str) or not s:
        return None
    from ..normalize import to_simplified

    return to_simplified(s)


SCALAR = (str, int, float, bool)
_HAN_DIGITS = re.compile(r"[\u3400-\u9fff0-9]")


def _title_key(rec: dict) -> str | None:
    """kind|year|agency|title basis, None without a title or agency+year, or with an error."""
    doc = as_dict(rec.get("document"))
    title = "".join(_HAN_DIGITS.findall(simplified(as_str(doc.get("title"))) or ""))
    agency = simplified(as_str(doc.get("agency"))) or ""
    year = doc.get("year") if isinstance(doc.get("year"), int) and not isinstance(doc.get("year"), bool) else None
    if rec.get("errors") or not (title or (agency and year is not None)):
        return None
    return f"report|{doc.get('kind')}|{year}|{agency}|{title}"


def _h(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _content(rec: dict) -> tuple[dict, set]:
    """(values, score-item fingerprints) of a record, for grouping documents without a title."""
    vals = {k: v for k, v in as_dict(rec.get("values")).items() if isinstance(v, SCALAR)}
    items = set()
    for t in dicts(rec.get("score_tables")):
        for it in dicts(t.get("items")):
            if isinstance(it.get("criterion"), str) and isinstance(it.get("max"), (int, float)):
                items.add((it["criterion"], it["max"]))
    return vals, items


#: documents without a title (nor agency+year) are one report when they share at least this
#: many values (or score items) and no key has different values
MIN_SHARED = 3


def report_id(rec: dict) -> str:
    """Of one record alone: the hash of kind, year, simplified agency and title (Han characters
    and digits of the simplified title); a document without a title or agency+year (or with
    an error) is its own report here (hash of its source sha256/path). ``report_ids`` also
    groups such documents by content."""
    basis = _title_key(rec)
    if basis is None:
        src = as_dict(rec.get("source"))
        basis = "file|" + str(src.get("sha256") or src.get("path"))
    return _h(basis)


def report_ids(records: list[tuple[str, dict]]) -> dict[str, str]:
    """{doc_id: report_id}. Documents with a title (or agency and year) are grouped by
    ``report_id``. The others (no title, no agency or no year, no error) are grouped when
    they have the same kind, year and agency, share at least MIN_SHARED values or score
    items, and no key has different values in them; a group's id is the hash of its
    kind/year/agency and its members' smallest source sha256."""
    out, pending = {}, []
    for doc_id, rec in records:
        if _title_key(rec) is not None or rec.get("errors"):
            out[doc_id] = report_id(rec)
            continue
        doc = as_dict(rec.get("document"))
        bucket = f"{doc.get('kind')}|{doc.get('year')}|{simplified(as_str(doc.get('agency'))) or ''}"
        vals, items = _content(rec)
        if len(vals) + len(items) < MIN_SHARED:
            out[doc_id] = report_id(rec)
            continue
        sha = str(as_dict(rec.get("source")).get("sha256") or doc_id)
        pending.append((doc_id, bucket, vals, items, sha))
    parent = list(range(len(pending)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    by_bucket: dict[str, list[int]] = {}
    for i, p in enumerate(pending):
        by_bucket.setdefault(p[1], []).append(i)
    for idx in by_bucket.values():
        for n, i in enumerate(idx):
            for j in idx[:n]:
                vi, ii, vj, ij = pending[i][2], pending[i][3], pending[j][2], pending[j][3]
                common = [k for k in vi if k in vj]
                if any(not same_value(vi[k], vj[k]) for k in common):
                    continue
                if len(common) + len(ii & ij) >= MIN_SHARED:
                    parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(pending)):
        groups.setdefault(find(i), []).append(i)
    for members in groups.values():
        rid = _h("content|" + pending[members[0]][1] + "|" + min(pending[i][4] for i in members))
        for i in members:
            out[pending[i][0]] = rid
    return out


def same_value(a, b) -> bool:
    """Equal scalars of one type (1 is not True; lists and dicts are never a value)."""
    return type(a) is type(b) and isinstance(a, SCALAR) and a == b


def chosen_index(rec: dict, key: str) -> int | None:
    """Index in rec["facts"] of the fact the key's value came from: the first table fact with
    that value, else the first fact of another origin (prose) with it; None without a value."""
    values = as_dict(rec.get("values"))
    if key not in values:
        return None
    v = values[key]
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    same = [i for i, f in enumerate(facts) if isinstance(f, dict) and f.get("key") == key
            and same_value(f.get("value"), v)]
    table = [i for i in same if facts[i].get("origin") == "table"]
    return (table or same or [None])[0]


_MONEY_UNIT = re.compile(r"^[十百千万亿]*元$")


def is_money(key, unit, units: dict) -> bool:
    return units.get(key) == "money" or (isinstance(unit, str) and bool(_MONEY_UNIT.match(unit)))


_KEY_PREFIX = re.compile(r"^([a-z_]+(?:\.[a-z_0-9]+)+): ")
QUOTED = re.compile(r"'([^']{1,40})'")


def warning_key(message) -> str | None:
    m = _KEY_PREFIX.match(message) if isinstance(message, str) else None
    return m.group(1) if m else None


def offsets(o):
    o = o if isinstance(o, list) else []
    a = o[0] if len(o) > 0 else None
    b = o[1] if len(o) > 1 else None
    return a, b
